import {spawn} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {cliPath} from '../support/tmux.js';

/**
 * Issue 21, its second slice: records changed by command with the built crm, over a seeded demo — a
 * customer added, updated at its version, a stale version refused (the file's bytes as they were), a
 * deal added for it by the customer's name from JSON on stdin, deleted and undone — and
 * `crm customers show` after each step.
 */
let directory: string;
let data: string;

type Outcome = {code: number; out: string; err: string};

const run = (args: string[], input = ''): Promise<Outcome> => {
	const env: NodeJS.ProcessEnv = {...process.env, CRM_DATA: '', LANG: 'C'};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES']) delete env[name];
	return new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cliPath, ...args, '--data', data], {env});
		let out = '';
		let err = '';
		child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
		child.on('error', reject);
		child.on('close', (code) => resolve({code: code ?? -1, out, err}));
		child.stdin.end(input);
	});
};

const stackTrace = /^\s+at .+[(\s].*:\d+:\d+\)?$/m;

type Customer = {id: string; name: string; status: string; version: number};

/** `crm customers show` of the customer, as a script reads it. */
const shown = async (ref: string): Promise<Outcome> => run(['customers', 'show', ref]);

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-records-write-'));
	data = join(directory, 'crm.json');
	const seeded = await run(['seed', '--force', '--now', '2026-11-01']);
	expect(seeded.code).toBe(0);
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

test('a customer added, updated, a stale update refused, a deal for it by name, deleted and undone', async () => {
	const operator = ['--operator', 'e2e'];
	const added = await run(['customers', 'add', '--set', 'name=Zephyr Labs', '--set', 'tags=vip, east', ...operator]);
	expect(added.err).toBe('');
	expect(added.code).toBe(0);
	const customer = JSON.parse(added.out) as Customer;
	expect(customer).toMatchObject({name: 'Zephyr Labs', status: 'lead', version: 1, tags: ['vip', 'east']});
	expect(JSON.parse((await shown(customer.id)).out)).toEqual(customer);

	const updated = await run([
		'customer',
		'update',
		'zephyr labs',
		'--set',
		'status=active',
		'--if-version',
		'1',
		...operator,
	]);
	expect(updated.code).toBe(0);
	expect(JSON.parse(updated.out)).toMatchObject({id: customer.id, status: 'active', version: 2});
	expect(JSON.parse((await shown('Zephyr Labs')).out)).toMatchObject({status: 'active', version: 2});

	const bytes = await readFile(data);
	const stale = await run([
		'customers',
		'update',
		customer.id,
		'--set',
		'status=churned',
		'--if-version',
		'1',
		'--json',
	]);
	expect(stale.code).toBe(1);
	expect(stale.out).toBe('');
	expect(stale.err).not.toMatch(stackTrace);
	const [words, json] = stale.err.trimEnd().split('\n');
	expect(words).toMatch(/is at version 2, not 1/);
	expect(JSON.parse(json!)).toMatchObject({code: 'conflict'});
	expect((await readFile(data)).equals(bytes)).toBe(true);
	expect(JSON.parse((await shown(customer.id)).out)).toMatchObject({status: 'active', version: 2});

	const deal = {title: 'Zephyr rollout', customerId: 'Zephyr Labs', amount: '12,500.50', expectedCloseAt: '+3d'};
	const dealAdded = await run(['deal', 'add', '--stdin', '--set', 'stage=proposal', ...operator], JSON.stringify(deal));
	expect(dealAdded.err).toBe('');
	expect(dealAdded.code).toBe(0);
	const saved = JSON.parse(dealAdded.out) as {id: string};
	expect(saved).toMatchObject({customerId: customer.id, amount: 12500.5, stage: 'proposal', probability: 0.5});
	expect(JSON.parse((await shown(customer.id)).out)).toMatchObject({version: 2});

	const deleted = await run(['deals', 'delete', 'Zephyr rollout', ...operator]);
	expect(deleted).toMatchObject({code: 0, err: ''});
	expect(JSON.parse(deleted.out)).toEqual({deleted: saved.id});
	expect((await run(['deal', 'show', saved.id])).code).toBe(1);
	expect((await shown(customer.id)).code).toBe(0);

	const undone = await run(['undo', '--json', ...operator]);
	expect(undone.code).toBe(0);
	expect(JSON.parse(undone.out)).toMatchObject({
		undone: {entity: 'opportunities', id: saved.id, action: 'delete'},
		message: 'Undone: delete of “Zephyr rollout”.',
	});
	expect(JSON.parse((await run(['deal', 'show', saved.id])).out)).toMatchObject({title: 'Zephyr rollout'});
	expect(JSON.parse((await shown(customer.id)).out)).toMatchObject({status: 'active', version: 2});

	const log = await run(['audit', 'verify']);
	expect(log.code).toBe(0);
});
