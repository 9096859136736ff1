import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cliPath} from '../support/tmux.js';

/**
 * A corpus of broken inputs — data files, settings files, mappings, CSVs, arguments — each run
 * through every command that reads it: a worded message naming the file, a non-zero exit, never a
 * stack trace, and the bytes of every file as they were.
 */
let directory: string;

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-corpus-'));
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

const run = async (args: string[]): Promise<{code: number; out: string}> => {
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [cliPath, ...args], {
			env: {...process.env, CRM_DATA: ''},
		});
		return {code: 0, out: stdout + stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout + failure.stderr};
	}
};

const stackTrace = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

const valid = {
	schemaVersion: 2,
	customers: [],
	opportunities: [],
	tickets: [],
	feedback: [],
	activities: [],
	changes: [],
};
const customer = {
	id: 'cus_abcd1234',
	name: 'Ada',
	company: '',
	email: 'ada@example.com',
	phone: '',
	owner: '',
	segment: '',
	status: 'active',
	churnedAt: null,
	tags: [],
	notes: '',
	createdAt: '2026-01-01T00:00:00.000Z',
	updatedAt: '2026-01-01T00:00:00.000Z',
	version: 1,
};

const dataFiles: Array<[string, string | Buffer]> = [
	['empty', ''],
	['truncated', JSON.stringify(valid, null, 2).slice(0, 40)],
	['an array', '[]'],
	['binary bytes', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c])],
	['schemaVersion as text', JSON.stringify({...valid, schemaVersion: 'two'})],
	['a future schemaVersion', JSON.stringify({...valid, schemaVersion: 99})],
	['customers not a list', JSON.stringify({...valid, customers: {}})],
	['an invalid email', JSON.stringify({...valid, customers: [{...customer, email: 'nope'}]})],
	['an id used twice', JSON.stringify({...valid, customers: [customer, customer]})],
	['a record missing its name', JSON.stringify({...valid, customers: [{...customer, name: undefined}]})],
	['trailing garbage', `${JSON.stringify(valid)}\n}}`],
];

const commands: Array<[string, (file: string) => string[]]> = [
	['the console', (file) => ['--data', file]],
	['report', (file) => ['report', '--data', file]],
	['export', (file) => ['export', 'customers', '--data', file]],
	['import', (file) => ['import', 'customers', join(directory, 'ok.csv'), '--data', file]],
];

describe.each(dataFiles)('a data file with %s', (name, content) => {
	test.each(commands)('%s: a worded refusal naming the file, no stack trace, the bytes unchanged', async (_, args) => {
		const file = join(directory, `${name.replace(/\W+/g, '-')}.json`);
		await writeFile(file, content);
		await writeFile(join(directory, 'ok.csv'), 'externalId,name,status\nX1,Xena,lead\n');
		const before = await readFile(file);
		const {code, out} = await run(args(file));
		expect(code).toBe(2);
		expect(out).toContain(file);
		expect(out).not.toMatch(stackTrace);
		expect(out).toMatch(/crm doctor|Upgrade crm-console/);
		expect((await readFile(file)).equals(before)).toBe(true);
		// The doctor reads it too, and says what is wrong instead of failing.
		const doctor = await run(['doctor', '--data', file]);
		expect(doctor.code).toBe(1);
		expect(doctor.out).toMatch(/BAD/);
		expect(doctor.out).not.toMatch(stackTrace);
		expect((await readFile(file)).equals(before)).toBe(true);
	});
});

describe('broken settings, mappings, arguments', () => {
	const cases: Array<[string, () => Promise<string[]>, RegExp]> = [
		[
			'a settings file that is not JSON',
			async () => {
				await mkdir(join(directory, 's1'), {recursive: true});
				await writeFile(join(directory, 's1', 'crm.json'), JSON.stringify(valid));
				await writeFile(join(directory, 's1', 'crm.config.json'), '{"slaHours": ');
				return ['report', '--data', join(directory, 's1', 'crm.json')];
			},
			/crm\.config\.json/,
		],
		[
			'a settings file with an unknown role',
			async () => {
				await mkdir(join(directory, 's2'), {recursive: true});
				await writeFile(join(directory, 's2', 'crm.json'), JSON.stringify(valid));
				await writeFile(join(directory, 's2', 'crm.config.json'), JSON.stringify({access: {operators: {ana: 'boss'}}}));
				return ['export', 'customers', '--data', join(directory, 's2', 'crm.json')];
			},
			/access\.operators\.ana.*must be one of admin, sales, service, viewer/,
		],
		[
			'a mapping that is not JSON',
			async () => {
				await writeFile(join(directory, 'bad-map.json'), '{"entity": ');
				await writeFile(join(directory, 'm.json'), JSON.stringify(valid));
				return [
					'import',
					'customers',
					join(directory, 'ok.csv'),
					'--map',
					join(directory, 'bad-map.json'),
					'--data',
					join(directory, 'm.json'),
				];
			},
			/bad-map\.json cannot be read as JSON/,
		],
		[
			'a mapping naming no entity we have',
			async () => {
				await writeFile(join(directory, 'bad-map2.json'), JSON.stringify({entity: 'widgets', id: 'x'}));
				return [
					'import',
					'customers',
					join(directory, 'ok.csv'),
					'--map',
					join(directory, 'bad-map2.json'),
					'--data',
					join(directory, 'm.json'),
				];
			},
			/bad-map2\.json, line 1: field "entity"/,
		],
		[
			'a CSV that is a folder',
			async () => ['import', 'customers', directory, '--data', join(directory, 'm.json')],
			/is a folder, not a file/,
		],
		['a data path that is a folder', async () => ['report', '--data', directory], new RegExp(directory)],
		[
			'a period that is not one',
			async () => ['report', '--period', '2026-13', '--data', join(directory, 'm.json')],
			/2026-13/,
		],
		[
			'a negative count to seed',
			async () => ['seed', '--customers', '-1', '--data', join(directory, 'seeded.json')],
			/whole number/,
		],
	];
	test.each(cases)('%s: a worded refusal, no stack trace', async (_, prepare, message) => {
		const args = await prepare();
		const watched = join(directory, 'm.json');
		const before = await readFile(watched).catch(() => null);
		const {code, out} = await run(args);
		expect(code).not.toBe(0);
		expect(out).toMatch(message);
		expect(out).not.toMatch(stackTrace);
		if (before) expect((await readFile(watched)).equals(before)).toBe(true);
	});
});

test('a reader that stops early (crm keys | head -1) ends crm quietly, with exit 0 and no stack trace', async () => {
	const {stdout, stderr} = await promisify(execFile)('bash', [
		'-c',
		`set -o pipefail; ${JSON.stringify(process.execPath)} ${JSON.stringify(cliPath)} keys | head -1`,
	]);
	expect(stdout.split('\n').filter(Boolean)).toHaveLength(1);
	expect(stderr).toBe('');
});

describe('dates and periods that do not exist are refused in words, never rolled over', () => {
	const cases: Array<[string, () => Promise<string[]>, RegExp]> = [
		[
			'seed --now 2026-02-30 (Date.parse made it March 2)',
			async () => ['seed', '--now', '2026-02-30', '--data', join(directory, 'never.json')],
			/--now <date>.*2026-02-30 is not a real date: February 2026 has 28 days/,
		],
		[
			'seed --now 0000-01-01',
			async () => ['seed', '--now', '0000-01-01', '--data', join(directory, 'never.json')],
			/0000-01-01 is outside the years 1970 to 9999/,
		],
		[
			'report --period 0000 (it reported on 1900)',
			async () => ['report', '--period', '0000', '--data', join(directory, 'm.json')],
			/--period "0000" is outside the years 1970 to 9999/,
		],
		[
			'report --period 2026-Q5',
			async () => ['report', '--period', '2026-Q5', '--data', join(directory, 'm.json')],
			/--period "2026-Q5" is not a period: there is no quarter 5/,
		],
		[
			'report --period ""',
			async () => ['report', '--period', '', '--data', join(directory, 'm.json')],
			/--period "" is not a period/,
		],
		[
			'a settings file with a go-live date of 2026-02-30',
			async () => {
				await mkdir(join(directory, 'golive'), {recursive: true});
				await writeFile(join(directory, 'golive', 'crm.json'), JSON.stringify(valid));
				await writeFile(
					join(directory, 'golive', 'crm.config.json'),
					JSON.stringify({assessment: {goLive: '2026-02-30'}}),
				);
				return ['report', '--data', join(directory, 'golive', 'crm.json')];
			},
			/crm\.config\.json: field "assessment\.goLive" is not a real date: February 2026 has 28 days \(found "2026-02-30"\)/,
		],
	];
	test.each(cases)('%s', async (_, prepare, message) => {
		await writeFile(join(directory, 'm.json'), JSON.stringify(valid));
		const args = await prepare();
		const watched = [
			join(directory, 'm.json'),
			join(directory, 'golive', 'crm.json'),
			join(directory, 'golive', 'crm.config.json'),
		];
		const before = await Promise.all(watched.map((file) => readFile(file).catch(() => null)));
		const {code, out} = await run(args);
		expect(code).not.toBe(0);
		expect(out).toMatch(message);
		expect(out).not.toMatch(stackTrace);
		expect(await Promise.all(watched.map((file) => readFile(file).catch(() => null)))).toEqual(before);
		await expect(readFile(join(directory, 'never.json'))).rejects.toThrow();
	});
});

describe('what a data file holds is said as it is: never "found null" for 1e400, never "undefined"', () => {
	const raw = (record: string) => JSON.stringify({...valid, customers: ['__RECORD__']}).replace('"__RECORD__"', record);
	const cases: Array<[string, string, RegExp]> = [
		[
			'a version of 1e400',
			raw(JSON.stringify({...customer, version: '__'}).replace('"__"', '1e400')),
			/field "version" must be a number \(found a number too large to store, which reads as Infinity\)/,
		],
		[
			'tags nested 100,000 lists deep',
			raw(JSON.stringify({...customer, tags: '__'}).replace('"__"', `[${'['.repeat(100_000)}${']'.repeat(100_000)}]`)),
			/field "tags\[0\]" must be a string \(found \[\[\[\[/,
		],
	];
	test.each(cases)('%s: report and doctor name the record and field, in words', async (name, text, message) => {
		const file = join(directory, `${name.replace(/\W+/g, '-')}.json`);
		await writeFile(file, text);
		const before = await readFile(file);
		const report = await run(['report', '--data', file]);
		expect(report.code).toBe(2);
		expect(report.out).toContain(file);
		expect(report.out).toMatch(message);
		const doctor = await run(['doctor', '--data', file]);
		expect(doctor.code).toBe(1);
		expect(doctor.out).toMatch(message);
		for (const out of [report.out, doctor.out]) {
			expect(out).not.toMatch(/undefined|found null|call stack/);
			expect(out).not.toMatch(stackTrace);
		}
		expect((await readFile(file)).equals(before)).toBe(true);
	});
});

describe('a folder where a file belongs (or a file where a folder does): named, in words, whatever reads it', () => {
	const folder = () => join(directory, 'folder.json');
	const withSettingsFolder = async () => {
		await mkdir(join(directory, 'sf', 'crm.config.json'), {recursive: true});
		await writeFile(join(directory, 'sf', 'crm.json'), JSON.stringify(valid));
		return join(directory, 'sf', 'crm.json');
	};
	const withJournalFolder = async () => {
		await mkdir(join(directory, 'jf', 'crm.json.journal'), {recursive: true});
		await writeFile(join(directory, 'jf', 'crm.json'), JSON.stringify(valid));
		return join(directory, 'jf', 'crm.json');
	};
	const withBackupsFile = async () => {
		await mkdir(join(directory, 'bf'), {recursive: true});
		await writeFile(join(directory, 'bf', 'crm.json'), JSON.stringify({...valid, customers: [customer]}));
		await writeFile(join(directory, 'bf', 'crm.backups'), 'not a folder');
		return join(directory, 'bf', 'crm.json');
	};
	const cases: Array<[string, () => Promise<string[]>, RegExp]> = [
		...(['report', 'export customers', 'audit verify', 'fold', 'seed', 'seed --force'] as const).map(
			(command): [string, () => Promise<string[]>, RegExp] => [
				`the data path, to ${command}`,
				async () => [...command.split(' '), '--data', folder()],
				/folder\.json:? (it )?is a folder, not a (regular )?file/,
			],
		),
		[
			'the data path, to doctor',
			async () => ['doctor', '--data', folder()],
			/folder\.json\n\s+BAD\s+File\s+is a folder, not a regular file/,
		],
		[
			'the data path, to the console',
			async () => ['--data', folder()],
			/folder\.json: it is a folder, not a regular file/,
		],
		[
			'the data path, to import',
			async () => ['import', 'customers', join(directory, 'ok.csv'), '--data', folder()],
			/folder\.json: it is a folder, not a regular file/,
		],
		[
			'the settings file, to report',
			async () => ['report', '--data', await withSettingsFolder()],
			/sf\/crm\.config\.json: it is a folder, not a regular file/,
		],
		[
			'the settings file, to the console',
			async () => ['--data', await withSettingsFolder()],
			/sf\/crm\.config\.json: it is a folder, not a regular file/,
		],
		[
			'the settings file, to access',
			async () => ['access', '--data', await withSettingsFolder()],
			/sf\/crm\.config\.json: it is a folder, not a regular file/,
		],
		[
			'the journal, to report',
			async () => ['report', '--data', await withJournalFolder()],
			/jf\/crm\.json\.journal: it is a folder, not a regular file/,
		],
		[
			'the mapping file (it said "cannot be read as JSON: EISDIR … read", no path)',
			async () => [
				'import',
				'customers',
				join(directory, 'ok.csv'),
				'--map',
				folder(),
				'--data',
				join(directory, 'm.json'),
			],
			/The mapping .*folder\.json is a folder, not a file\./,
		],
		[
			'the rejects file of an import',
			async () => {
				await writeFile(join(directory, 'bad.csv'), 'externalId,name,status\nX1,,lead\n');
				return [
					'import',
					'customers',
					join(directory, 'bad.csv'),
					'--data',
					join(directory, 'm.json'),
					'--rejects',
					folder(),
				];
			},
			/folder\.json is a folder, not a file \(EISDIR on open\)\./,
		],
		[
			'the backups folder is a file, to seed --force',
			async () => ['seed', '--force', '--data', await withBackupsFile()],
			/bf\/crm\.backups is a file, not a folder \(EEXIST on mkdir\)\./,
		],
	];
	test.each(cases)('%s', async (_, prepare, message) => {
		await mkdir(folder(), {recursive: true});
		await writeFile(join(directory, 'ok.csv'), 'externalId,name,status\nX1,Xena,lead\n');
		await writeFile(join(directory, 'm.json'), JSON.stringify(valid));
		const args = await prepare();
		const watched = [
			join(directory, 'm.json'),
			join(directory, 'bf', 'crm.json'),
			join(directory, 'jf', 'crm.json'),
			join(directory, 'sf', 'crm.json'),
		];
		const before = await Promise.all(watched.map((file) => readFile(file).catch(() => null)));
		const {code, out} = await run(args);
		expect(code).not.toBe(0);
		expect(out).toMatch(message);
		expect(out).not.toMatch(/illegal operation on a directory/);
		expect(out).not.toMatch(stackTrace);
		expect(await Promise.all(watched.map((file) => readFile(file).catch(() => null)))).toEqual(before);
	});
});
