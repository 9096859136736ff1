import {execFile} from 'node:child_process';
import {chmod, mkdir, mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {cliPath, panelsOfThisMonth, startInTmux, statusLine, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

/**
 * Issue 21's "done when": a day of work by command alone (`day-of-work.sh`, a bash script calling
 * `crm` from the PATH as an operator's script does), on a seeded CRM. Then `crm report --format json`
 * moved by exactly that day's work, and the console, in tmux, showing the same records and figures.
 */
const script = fileURLToPath(new URL('./day-of-work.sh', import.meta.url));
const thisMonth = new Date().toISOString().slice(0, 7);

let folder: string;
let data: string;
let path: string;

type Outcome = {code: number; out: string; err: string};
type Kpi = {actual: number | null};
type Report = {period: string; kpis: Record<string, Kpi>};
type Stored = {id: string; [field: string]: unknown};

const environment = (): NodeJS.ProcessEnv => {
	const base: NodeJS.ProcessEnv = {...process.env, CRM_DATA: data, LANG: 'C', PATH: path};
	for (const name of ['CRM_LANG', 'LC_ALL', 'LC_MESSAGES', 'NO_COLOR']) delete base[name];
	return base;
};

const outcome = async (file: string, args: string[]): Promise<Outcome> => {
	try {
		const {stdout, stderr} = await promisify(execFile)(file, args, {env: environment(), maxBuffer: 64 << 20});
		return {code: 0, out: stdout, err: stderr};
	} catch (error) {
		const failure = error as {code: number; stdout: string; stderr: string};
		return {code: failure.code, out: failure.stdout, err: failure.stderr};
	}
};

/** `crm …` as the script calls it, read as JSON (the output of a record command into a pipe). */
const crm = async <T>(...args: string[]): Promise<T> => {
	const done = await outcome('crm', args);
	expect(done, `crm ${args.join(' ')}`).toMatchObject({code: 0, err: ''});
	return JSON.parse(done.out) as T;
};

const report = () => crm<Report>('report', '--period', thisMonth, '--format', 'json');
const actual = (from: Report, kpi: string): number => from.kpis[kpi]!.actual ?? 0;

let before: Report;
let after: Report;

beforeAll(async () => {
	folder = await mkdtemp(join(tmpdir(), 'crm-day-of-work-'));
	data = join(folder, 'crm.json');
	await mkdir(join(folder, 'bin'));
	// `crm` as an installed command is: the built program, run by this node.
	const wrapper = join(folder, 'bin', 'crm');
	await writeFile(wrapper, `#!/bin/sh\nexec '${process.execPath}' '${cliPath}' "$@"\n`);
	await chmod(wrapper, 0o755);
	path = `${join(folder, 'bin')}:${process.env.PATH}`;
	expect((await outcome('crm', ['seed', '--force'])).code).toBe(0);
	before = await report();
	const day = await outcome('bash', [script]);
	expect(day.err).toBe('');
	expect(day.code).toBe(0);
	expect(day.out).toContain('day of work done: Harbour Lights Ltd');
	after = await report();
}, 120_000);

afterAll(async () => {
	stopTmuxServer();
	await rm(folder, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

describe('a day of work by command alone', () => {
	test('each record ends where the day left it, linked as the console links them', async () => {
		const customer = await crm<Stored>('customer', 'show', 'Harbour Lights Ltd');
		const deal = await crm<Stored>('deal', 'show', 'Harbour Lights renewal');
		expect(deal).toMatchObject({customerId: customer.id, stage: 'won', wonReason: 'price', amount: 48_000});
		const [order] = await crm<Stored[]>('orders', 'list', '--where', `opportunityId=${deal.id}`);
		expect(order).toMatchObject({customerId: customer.id, status: 'paid', amount: 48_000});
		expect(typeof order!.paidAt).toBe('string');
		const ticket = await crm<Stored>('ticket', 'show', 'Harbour Lights: invoice shows the wrong seats');
		expect(ticket).toMatchObject({customerId: customer.id, type: 'complaint', status: 'resolved'});
		expect(typeof ticket.firstResponseAt).toBe('string');
		const [followUp] = await crm<Stored[]>('followups', 'list', '--where', `ticketId=${ticket.id}`);
		expect(followUp).toMatchObject({kind: 'follow_up', customerId: customer.id, ticketId: ticket.id});
		expect(typeof followUp!.doneAt).toBe('string');
	});

	test('crm report --format json moves by that day’s work, and no more', () => {
		expect(after.period).toBe(thisMonth);
		const moved = (kpi: string) => actual(after, kpi) - actual(before, kpi);
		expect(moved('new_customers')).toBe(1);
		expect(moved('deals_won')).toBe(1);
		expect(moved('revenue_won')).toBe(48_000);
		expect(moved('orders')).toBe(1);
		expect(moved('order_revenue')).toBe(48_000);
		expect(moved('tickets_opened')).toBe(1);
		// Opened and resolved on the day: the backlog at the month's end is as it was.
		expect(moved('backlog')).toBe(0);
	});

	test('the follow-up rate counts the complaint followed up, as KPI.md defines it from the records', async () => {
		const tickets = await crm<Stored[]>('tickets', 'list');
		const followUps = await crm<Stored[]>('followups', 'list', '--where', 'kind=follow_up');
		const resolved = tickets.filter((ticket) => String(ticket.resolvedAt ?? '').startsWith(thisMonth));
		const followed = resolved.filter((ticket) =>
			followUps.some((each) => each.ticketId === ticket.id && typeof each.doneAt === 'string'),
		);
		expect(followed.length).toBeGreaterThan(0);
		expect(actual(after, 'follow_up_rate')).toBeCloseTo(followed.length / resolved.length, 10);
	});

	describe.skipIf(!tmuxAvailable())('the console, in tmux, shows the same', () => {
		test.each([
			{width: 80, height: 24},
			{width: 200, height: 50},
		])(
			'records and figures at $width x $height',
			async ({width, height}) => {
				const tui = startInTmux({args: ['--data', data], width, height, env: {NO_COLOR: '1', LANG: 'C'}});
				try {
					await tui.waitFor((screen) => screen.includes('[1 Customers]'), 'the console');
					// Each screen filtered to the day's record: one row (the status line's 1/1), cut to the width at 80.
					const filtered = async (screenKey: string, filter: string, row: RegExp) => {
						tui.type(`${screenKey}/${filter}`);
						await tui.waitFor((screen) => statusLine(screen).startsWith(`/${filter}`), `the filter ${filter}`);
						tui.press('Enter');
						const shown = await tui.waitFor(
							// Applied (the prompt, which counts as it is typed, is gone) on this screen, one row.
							(screen) =>
								screen.includes(`[${screenKey} `) &&
								!statusLine(screen).startsWith('/') &&
								/\s1\/1$/.test(statusLine(screen)),
							`${filter} on ${screenKey}`,
						);
						expect(shown).toMatch(row);
					};
					await filtered('1', 'Harbour', /^> Harbour Lig.*active/m);
					await filtered('2', 'Harbour', /^> Harbour Lig.*won/m);
					const deal = await crm<Stored>('deal', 'show', 'Harbour Lights renewal');
					const [order] = await crm<Stored[]>('orders', 'list', '--where', `opportunityId=${deal.id}`);
					const number = String(order!.number);
					await filtered('8', number, new RegExp(`^> ${number}\\s+Harbour Lig.*paid`, 'm'));
					await filtered('3', 'Harbour', /^> Harbour Lig.*resolved/m);

					const panels = await panelsOfThisMonth(tui, height === 24 ? 70 : 30);
					const money = (kpi: string) => `$${actual(after, kpi).toLocaleString('en-US', {maximumFractionDigits: 0})}`;
					expect(panels).toMatch(new RegExp(`Revenue won\\s+\\${money('revenue_won')}\\b`));
					expect(panels).toMatch(new RegExp(`Orders\\s+${actual(after, 'orders')}\\s`));
					expect(panels).toMatch(new RegExp(`Order revenue\\s+\\${money('order_revenue')}\\b`));
					tui.type('q');
					await tui.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
				} finally {
					tui.kill();
				}
			},
			120_000,
		);
	});
});
