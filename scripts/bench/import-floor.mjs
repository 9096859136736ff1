// The least work a `crm import` of new customers is asked by the data file's format, in node alone:
// read and parse the CSV, make each record, its change-log entry (a create lists every field), the
// record's digest and the entry's chained hash, then write the file once (temporary file, fsync,
// rename). Nothing is checked, looked up, locked or reported. The import row of `npm run bench` is
// read against it: what crm spends beyond this is its checks and bookkeeping, what it cannot spend
// less than is this.
//   node scripts/bench/import-floor.mjs CSV OUT
import {createHash, randomBytes} from 'node:crypto';
import {closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync} from 'node:fs';
import {createRequire} from 'node:module';

const require = createRequire(new URL('../../package.json', import.meta.url));
const {parse} = require('csv-parse/sync');

const [csv, out] = process.argv.slice(2);
const now = new Date().toISOString();
const id = (prefix) => `${prefix}_${randomBytes(5).toString('hex')}`;
const customers = [];
const changes = [];
let previous = '';
for (const row of parse(readFileSync(csv), {columns: true})) {
	// The fields of a stored customer, in key order (so JSON.stringify is their canonical form).
	const record = {
		churnedAt: null,
		company: row.company,
		createdAt: now,
		email: row.email,
		externalId: row.externalId,
		id: id('cus'),
		name: row.name,
		notes: '',
		owner: '',
		phone: '',
		segment: '',
		status: row.status,
		tags: [],
		updatedAt: now,
		version: 1,
	};
	customers.push(record);
	const fields = [];
	for (const field in record) fields.push({after: record[field], field});
	const digest = createHash('sha256')
		.update(`customers\n${JSON.stringify(record)}`)
		.digest('hex');
	const entry = {
		action: 'create',
		at: now,
		batch: 'bat_floor',
		changes: fields,
		entity: 'customers',
		id: id('chg'),
		label: record.name,
		operator: 'bench',
		recordHash: digest.slice(0, 16),
		recordId: record.id,
		state: digest,
		undoOf: null,
	};
	entry.hash = previous = createHash('sha256')
		.update(`${previous}\n${JSON.stringify(entry)}`)
		.digest('hex');
	changes.push(entry);
}
const text = `${JSON.stringify({schemaVersion: 3, customers, opportunities: [], tickets: [], feedback: [], activities: [], changes})}\n`;
const temporary = `${out}.tmp`;
const handle = openSync(temporary, 'w', 0o600);
const chunk = Buffer.allocUnsafe(3 << 22);
for (let start = 0; start < text.length; start += 1 << 22)
	writeSync(handle, chunk, 0, chunk.write(text.slice(start, start + (1 << 22)), 0));
fsyncSync(handle);
closeSync(handle);
renameSync(temporary, out);
