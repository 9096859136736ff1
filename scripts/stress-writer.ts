/**
 * One operator for the stress test: saves `count` new customers named `<name>-<i>` into `file` (a
 * data file or a `postgres://` URL), one save at a time, and prints `ack <name>-<i>` once each save
 * is acknowledged (durable), or `refused <name>-<i> <why>` when the system refuses it (a full disk).
 * With `verify`, it loads the data the way the console does and prints what it holds (and whether
 * its audit chain verifies), or why it fails; for a database, also what crm's tables hold, counted
 * in SQL, so a save half-written shows (`pg-tables` prints only that). With `pg-empty`, it makes the
 * database's tables (when missing) and replaces whatever it holds with an empty dataset.
 */
import pg from 'pg';
import {verifyChain} from '../source/domain/audit-chain.js';
import {emptyDataset} from '../source/domain/dataset.js';
import {CrmStore, isDatabaseUrl, SaveError} from '../source/store/store.js';

const [mode, named, name = 'w', countText = '0', pauseText = '0', notesText = '0'] = process.argv.slice(2);
// `env:NAME`: the path or URL is in that environment variable (a URL's password kept out of the list of processes).
const file = named?.startsWith('env:') ? process.env[named.slice(4)] : named;
if (!file) throw new Error('usage: stress-writer write|verify|pg-empty|pg-tables FILE [NAME COUNT PAUSE_MS]');

const verify = async (): Promise<void> => {
	try {
		const store = await CrmStore.open(file);
		const {customers, changes, auditHead} = store.data;
		const chain = verifyChain(changes, auditHead);
		await store.close();
		process.stdout.write(
			`${JSON.stringify({
				ok: true,
				customers: customers.map((customer) => customer.name),
				changes: changes.length,
				// The names of the customers the change log says were created, in order.
				created: changes.filter((entry) => entry.action === 'create').map((entry) => entry.label),
				chain: chain.ok ? 'ok' : `${chain.reason} (entry ${chain.index})`,
				...(isDatabaseUrl(file) ? {tables: await pgTables()} : {}),
			})}\n`,
		);
	} catch (error) {
		process.stdout.write(`${JSON.stringify({ok: false, message: (error as Error).message})}\n`);
	}
};

/** What crm's tables hold, counted by the server: every save whole (its row, its log entry, its record, the head past it), or not at all. */
const pgTables = async (): Promise<Record<string, unknown>> => {
	const client = new pg.Client(file);
	await client.connect();
	try {
		await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		const one = async (sql: string): Promise<Record<string, unknown>> => (await client.query(sql)).rows[0] ?? {};
		const saves = await one('SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS max FROM crm.saves');
		const changes = await one('SELECT count(*)::int AS n, coalesce(max(seq), 0)::int AS max FROM crm.changes');
		const records = await one("SELECT count(*)::int AS n FROM crm.records WHERE entity = 'customers'");
		const head = await one("SELECT last_save::int, (audit_head->>'count')::int AS audit_count FROM crm.head");
		// Saves without exactly one log entry, or whose record is missing: a save half-written.
		const partial = await one(`SELECT count(*)::int AS n FROM crm.saves s
			WHERE (SELECT count(*) FROM crm.changes c WHERE c.save_seq = s.seq) <> 1
			   OR jsonb_array_length(s.records) <> 1
			   OR NOT EXISTS (SELECT 1 FROM crm.records r WHERE r.entity = s.records->0->>'entity' AND r.id = s.records->0->>'id')`);
		const byOperator = await client.query<{operator: string; n: number}>(
			'SELECT operator, count(*)::int AS n FROM crm.saves GROUP BY operator',
		);
		// Transactions the server rolled back (a writer killed in the middle of one), and crm's connections still open.
		const server = await one(`SELECT
			(SELECT xact_rollback::int FROM pg_stat_database WHERE datname = current_database()) AS rollbacks,
			(SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'crm-console') AS connections`);
		await client.query('COMMIT');
		return {
			saves: saves['n'],
			lastSeq: saves['max'],
			changes: changes['n'],
			lastChangeSeq: changes['max'],
			customerRows: records['n'],
			headLastSave: head['last_save'],
			headAuditCount: head['audit_count'] ?? 0,
			partialSaves: partial['n'],
			savesBy: Object.fromEntries(byOperator.rows.map((row) => [row.operator, row.n])),
			rollbacks: server['rollbacks'],
			crmConnections: server['connections'],
		};
	} finally {
		await client.end();
	}
};

const write = async (): Promise<void> => {
	const store = await CrmStore.open(file);
	process.stdout.write('ready\n');
	const pause = Number(pauseText);
	// Notes make each save large (a disk fills sooner); a save refused by the system is reported, and a few in a row end the writer.
	const notes = 'n'.repeat(Number(notesText));
	let refusedInARow = 0;
	for (let index = 0; index < Number(countText) && refusedInARow < 3; index++) {
		const customer = `${name}-${index}`;
		try {
			await store.apply([{kind: 'create', entity: 'customers', values: {name: customer, status: 'lead', notes}}], name);
		} catch (error) {
			if (!(error instanceof SaveError)) throw error;
			refusedInARow++;
			process.stdout.write(`refused ${customer} ${error.message}\n`);
			continue;
		}
		refusedInARow = 0;
		process.stdout.write(`ack ${customer}\n`);
		if (pause > 0) await new Promise((resolve) => setTimeout(resolve, Math.random() * pause));
	}
	await store.close();
};

if (mode === 'verify') await verify();
else if (mode === 'pg-empty') await (await CrmStore.create(file, emptyDataset())).close();
else if (mode === 'pg-tables') process.stdout.write(`${JSON.stringify(await pgTables())}\n`);
else await write();
