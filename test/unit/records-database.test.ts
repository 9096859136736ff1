import {afterAll, beforeAll, expect, test} from 'vitest';
import {recordTables} from '../../source/cli/record-table.js';
import {runRecordsList, runRecordsShow} from '../../source/commands/records/read-records.js';
import {recordEntityNamed} from '../../source/commands/records/record-entities.js';
import {PostgresStore} from '../../source/store/postgres/postgres-store.js';
import {customer, datasetOf, fixedNow} from '../support/fixtures.js';
import {needPostgres, newDatabase} from '../support/pg-database.js';

/** The record commands read a database as they read a file: the store's contract, not its backend. */
if (needPostgres()) {
	const customers = recordEntityNamed('customer')!;
	const pipe = {terminal: false, width: 80, table: recordTables};
	const ada = customer({name: 'Ada Lovelace', externalId: 'HS-7'});
	const twins = [customer({name: '周婷'}), customer({name: '周婷'})];
	let database: {url: string; drop: () => Promise<void>};

	beforeAll(async () => {
		database = await newDatabase();
		await (await PostgresStore.create(database.url, datasetOf({customers: [ada, ...twins]}))).close();
	});
	afterAll(async () => database.drop());

	test('list and show on a database: the same records, the same refusals', async () => {
		const listed = JSON.parse(await runRecordsList(database.url, customers, {now: fixedNow, sort: 'name'}, pipe));
		expect(listed.map((record: {id: string}) => record.id)).toEqual([ada.id, twins[0]!.id, twins[1]!.id]);
		expect(JSON.parse(await runRecordsShow(database.url, customers, 'HS-7', {fields: 'name'}, pipe))).toEqual({
			name: 'Ada Lovelace',
		});
		await expect(runRecordsShow(database.url, customers, '周婷', {}, pipe)).rejects.toMatchObject({
			code: 'ambiguous',
			candidates: twins.map((twin) => ({id: twin.id, name: '周婷'})),
		});
	});
}
