import {execFile} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import stringWidth from 'string-width';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cliPath} from '../support/tmux.js';

/**
 * Issue 21, its first slice: every record read by command from the built crm, over a seeded demo —
 * JSON into a pipe, CSV, a table, a record by its name, and the refusals a script reads by their exit
 * codes (1 not found or ambiguous, 2 a usage mistake), never a stack trace, the file left as it was.
 */
let directory: string;
let data: string;
let before: {bytes: Buffer; files: string[]};

type Outcome = {code: number; out: string; err: string};

const run = async (args: string[], env: Record<string, string> = {}): Promise<Outcome> => {
	const base: NodeJS.ProcessEnv = {...process.env, CRM_DATA: '', LANG: 'C'};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES']) delete base[name];
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [cliPath, ...args], {
			env: {...base, ...env},
			maxBuffer: 64 * 1024 * 1024,
		});
		return {code: 0, out: stdout, err: stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout, err: failure.stderr};
	}
};

const stackTrace = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

type Named = {id: string; name?: string; title?: string};

/** The first value of `field` that `count` records share (exactly once for 1). */
const valueHeldBy = (records: readonly Named[], field: 'name' | 'title', count: (n: number) => boolean): string => {
	const counts = new Map<string, number>();
	for (const record of records) {
		const key = String(record[field]).trim().toLowerCase();
		counts.set(key, (counts.get(key) ?? 0) + 1);
	}
	const found = records.find((record) => count(counts.get(String(record[field]).trim().toLowerCase())!));
	expect(found, `a ${field} held by the right number of records`).toBeDefined();
	return String(found![field]);
};

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-records-cli-'));
	data = join(directory, 'crm.json');
	expect((await run(['seed', '--data', data, '--force', '--now', '2026-11-01'])).code).toBe(0);
	before = {bytes: await readFile(data), files: (await readdir(directory)).sort()};
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

describe('crm <entity> list', () => {
	test('into a pipe: JSON, the stored records whole — what crm export writes as JSON', async () => {
		const listed = await run(['customers', 'list', '--data', data]);
		expect(listed.code).toBe(0);
		expect(listed.err).toBe('');
		const exported = await run(['export', 'customers', '--format', 'json', '--data', data]);
		expect(JSON.parse(listed.out)).toEqual(JSON.parse(exported.out));
		expect((JSON.parse(listed.out) as unknown[]).length).toBe(300);
	});

	test('--csv: a header of every field, a row a record', async () => {
		const {code, out} = await run(['tickets', 'list', '--csv', '--where', 'status=open', '--data', data]);
		expect(code).toBe(0);
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^id,externalId,createdAt,updatedAt,version,customerId,subject,/);
		expect(lines.length).toBeGreaterThan(1);
	});

	test('a filter as in the console, --where, --sort, --limit, --fields, with --data before the command and from CRM_DATA', async () => {
		const args = ['deals', 'list', 'stage:won', '--sort', '-amount', '--limit', '3', '--fields', 'title,stage,amount'];
		const before = await run(['--data', data, ...args]);
		expect(before.code).toBe(0);
		const deals = JSON.parse(before.out) as Array<{title: string; stage: string; amount: number}>;
		expect(deals).toHaveLength(3);
		for (const deal of deals) expect(Object.keys(deal)).toEqual(['title', 'stage', 'amount']);
		expect(deals.every((deal) => deal.stage === 'won')).toBe(true);
		expect(deals.map((deal) => deal.amount)).toEqual([...deals.map((deal) => deal.amount)].sort((a, b) => b - a));
		expect((await run(args, {CRM_DATA: data})).out).toBe(before.out);
	});

	test('--table: the console’s columns in 80 cells, even into a pipe', async () => {
		const {code, out} = await run(['orders', 'list', '--table', '--limit', '5', '--data', data]);
		expect(code).toBe(0);
		const lines = out.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^Id\s+Number\s+Customer/);
		expect(lines).toHaveLength(6);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
	});
});

describe('crm <entity> show', () => {
	test('by its exact name, case ignored: one object', async () => {
		const customers = JSON.parse((await run(['customers', 'list', '--data', data])).out) as Named[];
		const name = valueHeldBy(customers, 'name', (n) => n === 1);
		const {code, out} = await run(['customer', 'show', name.toUpperCase(), '--data', data]);
		expect(code).toBe(0);
		expect(customers).toContainEqual(JSON.parse(out));
		expect((JSON.parse(out) as Named).name).toBe(name);
	});

	test('a name several deals have: exit 1, the candidates in words and, with --json, as an object', async () => {
		const deals = JSON.parse((await run(['deals', 'list', '--fields', 'id,title', '--data', data])).out) as Named[];
		const title = valueHeldBy(deals, 'title', (n) => n > 1);
		const {code, out, err} = await run(['deal', 'show', title, '--json', '--data', data]);
		expect(code).toBe(1);
		expect(out).toBe('');
		const [words, json, ...rest] = err.trimEnd().split('\n');
		expect(rest).toEqual([]);
		expect(words).toMatch(/^crm: \d+ opportunity records are named "/);
		expect(words).toContain(`named "${title}": opp_`);
		const refusal = JSON.parse(json!) as {error: string; code: string; candidates: Array<{id: string; name: string}>};
		expect(refusal.code).toBe('ambiguous');
		expect(`crm: ${refusal.error}`).toBe(words);
		expect(refusal.candidates.length).toBeGreaterThan(1);
		expect(refusal.candidates.length).toBeLessThanOrEqual(10);
		for (const candidate of refusal.candidates) expect(candidate.name.toLowerCase()).toBe(title.toLowerCase());
	});

	test('a record that is not there: exit 1, naming what was looked for', async () => {
		const {code, out, err} = await run(['ticket', 'show', 'No such ticket', '--data', data]);
		expect(code).toBe(1);
		expect(out).toBe('');
		expect(err).toBe('crm: No ticket has the id, external id or name "No such ticket".\n');
	});
});

describe('usage mistakes exit 2', () => {
	test.each([
		['an unknown entity', ['dealz', 'list'], /^error: unknown command 'dealz'\n.*customers, customer, opportunities/],
		['an unknown field', ['customers', 'list', '--fields', 'name,nope'], /^crm: --fields nope: there is no such field/],
		[
			'a --where without =',
			['customers', 'list', '--where', 'status'],
			/^crm: --where status: write it as field=value/,
		],
		['two formats', ['customers', 'list', '--json', '--csv'], /^crm: --json, --csv: choose one output format/],
		['a limit that is no number', ['customers', 'list', '--limit', 'many'], /--limit <n>' argument 'many' is invalid/],
		['an unknown verb', ['customers', 'lsit'], /unknown command 'lsit'/],
	])('%s', async (_, args, message) => {
		const {code, out, err} = await run([...args, '--data', data]);
		expect(code).toBe(2);
		expect(out).toBe('');
		expect(err).toMatch(message);
		expect(err).not.toMatch(stackTrace);
	});

	test('a data file that is not there', async () => {
		const {code, err} = await run(['customers', 'list', '--data', join(directory, 'none.json')]);
		expect(code).toBe(2);
		expect(err).toMatch(/none\.json: it does not exist/);
	});
});

test('reading wrote nothing: the data file and its folder are as they were', async () => {
	// Buffer.equals: a deep comparison byte by byte of a file of megabytes takes seconds.
	expect((await readFile(data)).equals(before.bytes)).toBe(true);
	expect((await readdir(directory)).sort()).toEqual(before.files);
});
