import {execFile} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cliPath} from '../support/tmux.js';

/**
 * Issue 21, its third slice: the console's workflow verbs by command, on the built crm over a seeded
 * demo — a deal won, an order paid, a ticket replied to and resolved, a follow-up done, a campaign
 * completed — each printed after as `show` prints it and logged as the console's key logs it; a verb
 * the record's state refuses, a stale version and a reason not in the settings leave the file as it was.
 */
let directory: string;
let data: string;

type Outcome = {code: number; out: string; err: string};
type Stored = {id: string; version: number; [field: string]: unknown};
type Change = {entity: string; recordId: string; operator: string; changes: Array<{field: string; after?: unknown}>};

const run = async (args: string[]): Promise<Outcome> => {
	const env: NodeJS.ProcessEnv = {...process.env, CRM_DATA: data, LANG: 'C'};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES']) delete env[name];
	try {
		const {stdout, stderr} = await promisify(execFile)(process.execPath, [cliPath, ...args], {env});
		return {code: 0, out: stdout, err: stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout, err: failure.stderr};
	}
};

const stored = async () => JSON.parse(await readFile(data, 'utf8')) as Record<string, Stored[]> & {changes: Change[]};

/** The first record of `entity` that `matches`, as the file holds it. */
const first = async (entity: string, matches: (record: Stored) => boolean): Promise<Stored> => {
	const found = (await stored())[entity]!.find(matches);
	expect(found, `a seeded ${entity} record to act on`).toBeDefined();
	return found!;
};

/** The newest change-log entry, as the console's key would have written it: the record and the fields set. */
const lastChange = async (): Promise<Change> => (await stored()).changes.at(-1)!;

const changedFields = (change: Change): Record<string, unknown> =>
	Object.fromEntries(change.changes.map((entry) => [entry.field, entry.after]));

beforeAll(async () => {
	directory = await mkdtemp(join(tmpdir(), 'crm-records-verbs-'));
	data = join(directory, 'crm.json');
	expect((await run(['seed', '--force', '--now', '2026-11-01'])).code).toBe(0);
});

afterAll(async () => {
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

describe('a day of work by verbs', () => {
	test('a deal won with a reason from the settings: printed after as show prints it, logged as w logs it', async () => {
		const deal = await first('opportunities', (record) => record.stage === 'negotiation');
		const won = await run(['deal', 'won', deal.id, '--reason', 'PRICE', '--if-version', String(deal.version)]);
		expect(won).toMatchObject({code: 0, err: ''});
		const after = JSON.parse(won.out) as Stored;
		expect(after).toMatchObject({id: deal.id, stage: 'won', wonReason: 'price', version: deal.version + 1});
		expect(typeof after.closedAt).toBe('string');
		expect(JSON.parse((await run(['deal', 'show', deal.id])).out)).toEqual(after);
		const change = await lastChange();
		expect(change).toMatchObject({entity: 'opportunities', recordId: deal.id});
		expect(changedFields(change)).toMatchObject({stage: 'won', wonReason: 'price', probability: 1});

		const again = await run(['deal', 'won', deal.id, '--reason', 'price', '--json']);
		expect(again.code).toBe(1);
		expect(again.err).toContain('is already won.');
		expect(again.err).toContain('"code":"refused"');
	});

	test('an order paid: the payment date set by the rules', async () => {
		const order = await first('orders', (record) => record.status === 'fulfilled');
		const paid = await run(['order', 'pay', String(order.number)]);
		expect(paid.code).toBe(0);
		expect(JSON.parse(paid.out)).toMatchObject({id: order.id, status: 'paid'});
		expect(changedFields(await lastChange())).toMatchObject({status: 'paid'});
		expect(typeof changedFields(await lastChange()).paidAt).toBe('string');
		const cancel = await run(['order', 'cancel', order.id]);
		expect(cancel).toMatchObject({code: 1, out: ''});
		expect(cancel.err).toContain('is paid: it cannot be cancelled.');
	});

	test('a ticket replied to, then resolved: the reply is the first response', async () => {
		const ticket = await first('tickets', (record) => record.status === 'open');
		const replied = await run(['ticket', 'reply', ticket.id, 'We are on it.', '--operator', 'ana']);
		expect(replied.code).toBe(0);
		const after = JSON.parse(replied.out) as Stored & {comments: Array<{body: string; author: string; kind: string}>};
		expect(after.comments.at(-1)).toMatchObject({body: 'We are on it.', author: 'ana', kind: 'reply'});
		expect(typeof after.firstResponseAt).toBe('string');
		expect(await lastChange()).toMatchObject({entity: 'tickets', recordId: ticket.id, operator: 'ana'});

		const resolved = await run(['ticket', 'resolve', ticket.id, '--fields', 'status,resolvedAt']);
		expect(resolved.code).toBe(0);
		expect(JSON.parse(resolved.out)).toMatchObject({status: 'resolved'});
		expect(Object.keys(JSON.parse(resolved.out) as object)).toEqual(['status', 'resolvedAt']);
		const again = await run(['ticket', 'resolve', ticket.id]);
		expect(again.code).toBe(1);
		expect(again.err).toContain('is already resolved.');
	});

	test('a follow-up done, a campaign completed', async () => {
		const followUp = await first('activities', (record) => record.kind === 'follow_up' && !record.doneAt);
		const done = await run(['followup', 'done', followUp.id]);
		expect(done.code).toBe(0);
		expect(typeof (JSON.parse(done.out) as Stored).doneAt).toBe('string');
		expect((await run(['followup', 'done', followUp.id])).err).toContain('That follow-up is done already.');

		const campaign = await first('campaigns', (record) => record.status === 'active');
		const completed = await run(['campaign', 'complete', campaign.id]);
		expect(completed.code).toBe(0);
		expect(JSON.parse(completed.out)).toMatchObject({id: campaign.id, status: 'completed'});
		expect(changedFields(await lastChange())).toEqual({status: 'completed'});
	});
});

describe('refused, the file as it was', () => {
	test.each([
		[
			'a reason not in the settings',
			['deal', 'lost', 'REF', '--reason', 'cheap'],
			2,
			'not among the settings’ reasons',
		],
		['no reason at all', ['deal', 'won', 'REF'], 2, 'A won deal says why'],
		['a stage that is none', ['deal', 'stage', 'REF', 'closing'], 2, '“closing” is no stage of a deal'],
		['a stale version', ['deal', 'advance', 'REF', '--if-version', '99'], 1, 'not 99 (--if-version)'],
		['an unknown record', ['deal', 'advance', 'no-such-deal'], 1, 'no-such-deal'],
		['an empty reply', ['ticket', 'reply', 'TICKET', ''], 1, 'A reply needs some text.'],
		['--readonly', ['deal', 'advance', 'REF', '--readonly'], 1, 'Read-only'],
	])('%s', async (_case, args, code, words) => {
		const deal = await first('opportunities', (record) => record.stage === 'proposal');
		const ticket = await first('tickets', (record) => record.status === 'open');
		const before = await readFile(data);
		const outcome = await run(args.map((word) => (word === 'REF' ? deal.id : word === 'TICKET' ? ticket.id : word)));
		expect(outcome).toMatchObject({code, out: ''});
		expect(outcome.err).toContain(words);
		expect(outcome.err).not.toMatch(/^\s+at /m);
		expect(await readFile(data)).toEqual(before);
	});
});
