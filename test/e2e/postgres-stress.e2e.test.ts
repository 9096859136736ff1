import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';
import {needPostgres, newDatabase} from '../support/pg-database.js';

const script = fileURLToPath(new URL('../../scripts/stress.mjs', import.meta.url));

type Tables = {
	saves: number;
	changes: number;
	customerRows: number;
	partialSaves: number;
	savesBy: Record<string, number>;
};

if (needPostgres())
	test('8 processes × 250 saves on one PostgreSQL database keep all 2,000 changes, their log and audit chain whole; 200 SIGKILLs at random moments, inside transactions and between them, leave 0 corrupt, 0 lost acknowledged saves and 0 saves half-written', async () => {
		const database = await newDatabase();
		try {
			const {stdout, stderr, code} = await promisify(execFile)(
				process.execPath,
				[script, '--postgres', '--processes', '8', '--saves', '250', '--kills', '200', '--json'],
				// The URL (its password in it) by the environment, not the command line.
				{maxBuffer: 1 << 22, env: {...process.env, CRM_DATA: database.url}},
			)
				.then(({stdout, stderr}) => ({stdout, stderr, code: 0}))
				.catch((error: {stdout?: string; stderr?: string; code?: number}) => ({
					stdout: error.stdout ?? '',
					stderr: error.stderr ?? '',
					code: error.code,
				}));
			expect(stdout.trim(), `the script printed no figures: ${stderr}`).not.toBe('');
			const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, unknown>;
			expect(figures['failures'], 'why writers failed').toEqual([]);
			expect(figures).toMatchObject({
				backend: 'postgres',
				processes: 8,
				savesPerProcess: 250,
				changesExpected: 2000,
				changesPresent: 2000,
				changeLogEntries: 2000,
				concurrentSound: true,
				auditChain: 'ok',
				failedWriters: 0,
				kills: 200,
				corrupt: 0,
				lost: 0,
				halfWritten: 0,
				notAPrefix: 0,
				killedSound: true,
			});
			// After the concurrent saves, counted in SQL: a save row, a log entry and a record for each of the 2,000, 250 from each writer.
			const tables = figures['tables'] as {concurrent: Tables; killed: Tables};
			expect(tables.concurrent).toMatchObject({saves: 2000, changes: 2000, customerRows: 2000, partialSaves: 0});
			expect(Object.values(tables.concurrent.savesBy)).toEqual(Array.from({length: 8}, () => 250));
			// The kills struck inside transactions (the server rolled them back), and between saves too.
			expect(figures['acknowledgedSaves']).toBeGreaterThan(0);
			expect(figures['killedAfterAck']).toBeGreaterThan(0);
			expect(figures['killedMidTransaction']).toBeGreaterThan(0);
			// Every save kept was acknowledged, but for those whose commit landed just before the kill.
			expect(tables.killed).toMatchObject({partialSaves: 0});
			expect(tables.killed.saves).toBe(
				(figures['acknowledgedSaves'] as number) + (figures['landedUnacknowledged'] as number),
			);
			// The file's own parts are skipped, saying why.
			expect(figures['slowWriter']).toMatchObject({ran: false, why: expect.stringContaining('file')});
			expect(figures['fullDisk']).toMatchObject({ran: false, why: expect.stringContaining('file')});
			expect(code).toBe(0);
		} finally {
			await database.drop();
		}
	}, 600_000);
