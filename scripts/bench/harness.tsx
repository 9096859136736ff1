/**
 * The in-process half of `npm run bench` (bundled and run by scripts/bench.mjs, one task per
 * process so that each starts cold): save latency against lowdb's stock full rewrite, a bulk
 * change of 10,000 records and how long it keeps the event loop waiting, KPI
 * recompute, the funnel, stage times and RFM (analysis.ts), keypress → frame and bytes written per
 * key in a large list, filter-as-you-type, and peak memory. Prints one JSON object of samples
 * (milliseconds, bytes).
 */
import {EventEmitter} from 'node:events';
import {copyFile} from 'node:fs/promises';
import {monitorEventLoopDelay} from 'node:perf_hooks';
import {JSONFile} from 'lowdb/node';
import {countWithin, stepBudgetMs} from '../../source/assessment/counting-steps.js';
import {evaluate} from '../../source/assessment/evaluation.js';
import type {KpiValue} from '../../source/assessment/kpi-value.js';
import {periodContaining} from '../../source/assessment/periods.js';
import {createConsoleImporter} from '../../source/commands/import/console-importer.js';
import type {Dataset} from '../../source/domain/dataset.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {JsonFileStore} from '../../source/store/json-file-store.js';
import {readKeyFile} from '../../source/store/sealed/seal-keys.js';
import {keyring} from '../../source/store/sealed/set-sealing.js';
import {CrmStore, isDatabaseUrl} from '../../source/store/store.js';
import {measureAnalysis} from './analysis.js';

// FILE is a data file, or a postgres:// URL (the PostgreSQL rows: save, KPIs, keys).
const [task, file, runsText = '5'] = process.argv.slice(2);
// An encrypted file's key, as a script gives it (CRM_KEY_FILE).
const keyFile = process.env['CRM_KEY_FILE'];
if (keyFile) keyring.use(() => readKeyFile(keyFile));
const onDatabase = isDatabaseUrl(file!);
const runs = Number(runsText);
/** The runs of a figure that takes seconds each (a stock rewrite, a first computation): two of five. */
const fewerRuns = Math.max(2, Math.floor(runs / 2));
const ms = (started: number) => performance.now() - started;
let peakRss = 0;
const sampleRss = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));
setInterval(sampleRss, 20).unref();

const out = (result: Record<string, unknown>) => {
	sampleRss();
	process.stdout.write(`${JSON.stringify({...result, peakRss})}\n`);
	process.exit(0);
};

if (task === 'save') {
	// One changed customer per save, as an operator makes them; the baseline writes the same data with lowdb's JSONFile.
	const started = performance.now();
	const store = await CrmStore.open(file!);
	const load = ms(started);
	// An encrypted file's saves are held to the plain file's: with CRM_BENCH_PLAIN_BESIDE both are open in this
	// process and saved in turn, a save of each at a time, so that a burst of load or a collection falls on both
	// (measured in two processes one after the other, the same build read 0.98× to 1.29×).
	const besideFile = process.env['CRM_BENCH_PLAIN_BESIDE'];
	const beside = besideFile ? await CrmStore.open(besideFile) : undefined;
	/** One changed record of `entity` saved to `target`: the time it took. */
	const saveOne = async (target: CrmStore, entity: 'customers' | 'orders', run: number) => {
		const list = target.data[entity];
		const record = list[run % list.length]!;
		const at = performance.now();
		await target.apply(
			[
				{
					kind: 'update',
					entity,
					id: record.id,
					version: record.version,
					values: {notes: `bench ${run} ${Date.now()}`},
				},
			],
			'bench',
		);
		return ms(at);
	};
	/** Saves one changed record of `entity` at a time, as an operator makes them: the time of each (and of the plain file's beside it). */
	const saveEach = async (entity: 'customers' | 'orders') => {
		const times: number[] = [];
		const besideTimes: number[] = [];
		// Saves are cheap enough to take many of: p95 then means something.
		for (let run = 0; run < runs * 10 && store.data[entity].length > 0; run++) {
			times.push(await saveOne(store, entity, run));
			if (beside && beside.data[entity].length > 0) besideTimes.push(await saveOne(beside, entity, run));
		}
		return [times, besideTimes] as const;
	};
	const [saves, plainSaves] = await saveEach('customers');
	// The same for orders (issue 15's entities), when the data has any.
	const [orderSaves] = await saveEach('orders');
	// The console's own memory ends here: the baseline below serializes the whole data once more.
	sampleRss();
	const ownPeakRss = peakRss;
	// On a database the file's figures (measured in their own run) are the baseline; an encrypted file's, the plain file's saves.
	if (onDatabase || process.env['CRM_BENCH_NO_BASELINE'])
		out({
			load,
			saves,
			plainSaves,
			orderSaves,
			baseline: [],
			ownPeakRss,
			recordsChecked: !onDatabase && (store as JsonFileStore).recordsChecked,
		});
	const copy = `${file}.lowdb.json`;
	await copyFile(file!, copy);
	const stock = new JSONFile(copy);
	const baseline: number[] = [];
	// Some 9 s each at 500k records: the baseline's median over fewer runs than the saves'.
	for (let run = 0; run < fewerRuns; run++) {
		const at = performance.now();
		await stock.write(store.data);
		baseline.push(ms(at));
	}
	out({load, saves, orderSaves, baseline, ownPeakRss, recordsChecked: (store as JsonFileStore).recordsChecked});
}

if (task === 'bulk') {
	// A bulk change as the console makes one (issue 18): the owner of 10,000 marked customers set at
	// once, checked a slice at a time and saved once. Its baseline (taken from the save task's run)
	// is one stock save of the same data, lowdb's full rewrite: the claim is one save, not ten
	// thousand, so the whole bulk change is held to what a single save costs the stock way. Ten
	// thousand of crm's own single saves would be 10,000 × the "Save one change" median (about 90 s
	// at 500k records): that would flatter it far more.
	const store = await JsonFileStore.open(file!);
	// As in the console, a journal grown past its fold point is folded by another process, not in the middle of these figures.
	store.foldWith(() => undefined);
	const count = Math.min(10_000, store.data.customers.length);
	const times: number[] = [];
	// How long the event loop waited at most during each change: what a key pressed meanwhile waits for.
	const pauses: number[] = [];
	for (let run = 0; run < runs; run++) {
		const mutations = store.data.customers.slice(0, count).map(
			(record): Mutation => ({
				kind: 'update',
				entity: 'customers',
				id: record.id,
				version: record.version,
				values: {owner: `bench ${run}`},
			}),
		);
		const delay = monitorEventLoopDelay({resolution: 1});
		delay.enable();
		const at = performance.now();
		const {entries, refused} = await store.applyEach(mutations, 'bench');
		times.push(ms(at));
		delay.disable();
		pauses.push(delay.max / 1e6);
		if (entries.length !== count || refused.length > 0)
			throw new Error(`The bulk change saved ${entries.length} of ${count} records (${refused.length} refused).`);
	}
	out({count, times, pauses});
}

/**
 * KPI.md's orphan_records as plainly as it can be counted, for the bench alone: the ids of each kind in a set,
 * and each reference of the deals, tickets, feedback, orders and activities looked up once (an empty one names
 * none). Equal to the assessment's count (the bench checks that it is).
 */
const plainOrphanCount = (data: Dataset): number => {
	const ids = (list: ReadonlyArray<{id: string}>) => new Set(list.map((record) => record.id));
	const customers = ids(data.customers);
	const campaigns = ids(data.campaigns);
	const deals = ids(data.opportunities);
	const tickets = ids(data.tickets);
	const names = (set: ReadonlySet<string>, id: string | null | undefined) => !id || set.has(id);
	let count = 0;
	for (const deal of data.opportunities)
		if (!names(customers, deal.customerId) || !names(campaigns, deal.campaignId)) count++;
	for (const ticket of data.tickets) if (!names(customers, ticket.customerId)) count++;
	for (const entry of data.feedback)
		if (!names(customers, entry.customerId) || !names(tickets, entry.ticketId)) count++;
	for (const order of data.orders)
		if (!names(customers, order.customerId) || !names(deals, order.opportunityId)) count++;
	for (const activity of data.activities)
		if (!names(customers, activity.customerId) || !names(tickets, activity.ticketId)) count++;
	return count;
};

if (task === 'kpi') {
	const store = await CrmStore.open(file!);
	let ownPeakRss = 0;
	const now = Date.now();
	const period = periodContaining('month', now);
	const input = {dataset: store.data, settings: store.settings, now};
	/**
	 * The data as after a load: the file read again by the store, so every list and every record in it is a new
	 * object, made as a load makes them. Figures are kept per list and carried from list to list by the records
	 * they share: lists of the same records would be carried, not recomputed (a full figure measured so, before
	 * issue 23's second session, was that). Copies made by structuredClone (as until its fifth session) are not
	 * what a load makes: they share none of the text a load keeps once, and cost a third more to count.
	 */
	const loadedAgain = async () => (await CrmStore.open(file!)).data;
	// The first: the records as read, never evaluated before; then on the file read again.
	const full: number[] = [];
	let orphans: KpiValue = null;
	for (let run = 0; run < fewerRuns; run++) {
		const dataset = run === 0 ? store.data : await loadedAgain();
		const at = performance.now();
		orphans = evaluate({...input, dataset}, period).kpis.orphan_records.actual;
		full.push(ms(at));
		// The console's own memory ends with its first figures: the reads after are the bench's.
		if (run === 0) sampleRss();
		if (run === 0) ownPeakRss = peakRss;
	}
	// What no full recompute can take less than: KPI.md's orphan_records, which it includes, counted alone and as
	// plainly as it can be (every reference of every record looked up once in a set of the ids it may name), on
	// the data as a load makes it.
	// One read of the file fewer than the recompute's runs (each read of 500k records takes seconds); none from a
	// database, whose row's baseline is the file's recompute.
	const orphansAlone: number[] = [];
	for (let run = 0; !onDatabase && run < Math.max(1, fewerRuns - 1); run++) {
		const dataset = await loadedAgain();
		const at = performance.now();
		const count = plainOrphanCount(dataset);
		orphansAlone.push(ms(at));
		if (count !== orphans) throw new Error(`The plain orphan count is ${count}, the assessment's ${orphans}.`);
	}
	// As the console counts them (counting-steps.ts): in steps of its budget, a turn of the event loop between two, on
	// the file read again. The longest step is what a key pressed meanwhile waits for at most.
	const inSteps: number[] = [];
	const longestStep: number[] = [];
	for (let run = 0; !onDatabase && run < fewerRuns; run++) {
		const dataset = await loadedAgain();
		let longest = 0;
		const at = performance.now();
		for (;;) {
			const stepAt = performance.now();
			const step = countWithin(stepBudgetMs, () => evaluate({...input, dataset}, period));
			longest = Math.max(longest, ms(stepAt));
			if (step.done) {
				const counted = step.value.kpis.orphan_records.actual;
				if (counted !== orphans) throw new Error(`Counted in steps, the orphans are ${counted}, not ${orphans}.`);
				break;
			}
			await new Promise((resolve) => setImmediate(resolve));
		}
		inSteps.push(ms(at));
		longestStep.push(longest);
	}
	// After one edit: a deal (the largest list) changed by a save, as the console makes it (the change logged and
	// sealed, the deal's list made anew), and the KPIs of the data as the store then holds it, with the clock moved on
	// to the save's time as the console moves it (app-state.ts, `applied`): the churn rules, the overdue follow-ups and
	// the open tickets' deadlines are as of the clock. Its figures as the console holds them first (the copies'
	// figures are kept last otherwise).
	let clock = now;
	const evaluateNow = () => {
		clock = Math.max(clock, Date.now());
		const at = performance.now();
		evaluate({...input, dataset: store.data, now: clock}, period);
		return ms(at);
	};
	evaluateNow();
	const update = (
		entity: 'opportunities' | 'customers' | 'tickets',
		index: number,
		values: (record: never) => Record<string, unknown>,
	) => {
		const record = store.data[entity][index]!;
		return store.apply(
			[{kind: 'update', entity, id: record.id, version: record.version, values: values(record as never)}],
			'bench',
		);
	};
	const afterEdit: number[] = [];
	for (let run = 0; run < runs; run++) {
		await update('opportunities', run, (deal: {amount: number}) => ({amount: deal.amount + 1}));
		afterEdit.push(evaluateNow());
	}
	// After an edit of each other kind an operator makes all day: a customer changed, a customer added, a ticket made
	// urgent or not, a deal added to a customer.
	const otherEdits: Array<(run: number) => Promise<unknown>> = [
		(run) => update('customers', run, () => ({notes: `bench ${run}`})),
		(run) =>
			store.apply([{kind: 'create', entity: 'customers', values: {name: `Bench ${run}`, status: 'active'}}], 'bench'),
		(run) =>
			update('tickets', run, (ticket: {priority: string}) => ({
				priority: ticket.priority === 'urgent' ? 'low' : 'urgent',
			})),
		(run) =>
			store.apply(
				[
					{
						kind: 'create',
						entity: 'opportunities',
						values: {
							title: `Bench ${run}`,
							customerId: store.data.customers[run]!.id,
							amount: 100,
							stage: 'prospecting',
							probability: 0.1,
						},
					},
				],
				'bench',
			),
	];
	const afterOtherEdits: number[] = [];
	for (let run = 0; run < runs; run++)
		for (const edit of otherEdits) {
			await edit(run);
			afterOtherEdits.push(evaluateNow());
		}
	out({full, orphansAlone, inSteps, longestStep, afterEdit, afterOtherEdits, ownPeakRss});
}

// The funnel, the stage times and RFM (analysis.ts): in a process of their own, so the log they add weighs on no other figure.
if (task === 'analysis') out(await measureAnalysis(file!, runs, fewerRuns));

/** A terminal for Ink to draw on: counts every byte it is sent. */
class Terminal extends EventEmitter {
	readonly isTTY = true;
	columns = 200;
	rows = 50;
	bytes = 0;
	writes = 0;
	write = (chunk: string) => {
		this.bytes += Buffer.byteLength(chunk);
		this.writes++;
		this.emit('wrote');
		return true;
	};
}

class Keyboard extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	type(data: string) {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	}
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}

if (task === 'keys') {
	delete process.env['CI'];
	const [{render}, {createElement}, {ConsoleRoot}, {colorTheme}, {ScreenWriter}] = await Promise.all([
		import('ink'),
		import('react'),
		import('../../source/ui/console-root.js'),
		import('../../source/ui/theme/theme.js'),
		import('../../source/ui/screen-writer.js'),
	]);
	const store = await CrmStore.open(file!);
	const terminal = new Terminal();
	const keyboard = new Keyboard();
	const importer = createConsoleImporter({dataFile: file!, mappingFolders: []});
	const frame = () => new Promise<void>((resolve) => terminal.once('wrote', () => resolve()));
	// Listening before the first render: Ink may write the first frame before render() returns.
	const first = frame();
	// As the console renders full-screen (run-console.tsx): Ink's whole frames through the screen writer.
	const screen = new ScreenWriter(terminal);
	render(
		createElement(ConsoleRoot, {
			theme: colorTheme,
			dataset: store.data,
			store,
			importer,
			operator: 'bench',
			source: file!,
			size: {columns: 200, rows: 50},
		}),
		{
			stdout: screen as never,
			stdin: keyboard as never,
			stderr: new Terminal() as never,
			exitOnCtrlC: false,
			patchConsole: false,
			debug: true,
		},
	);
	await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 1000))]);
	const firstFrameAt = performance.now();
	await new Promise((resolve) => setTimeout(resolve, 200));
	/** Presses a key; resolves with the time until Ink wrote the next frame and the bytes it wrote. */
	const press = async (key: string) => {
		const bytes = terminal.bytes;
		const at = performance.now();
		const drawn = frame();
		keyboard.type(key);
		// A key that changes nothing on screen draws nothing: it is not waited for beyond a second.
		await Promise.race([drawn, new Promise((resolve) => setTimeout(resolve, 1000))]);
		const elapsed = ms(at);
		await new Promise((resolve) => setTimeout(resolve, 5));
		// When it was pressed (ms after the first frame): a slow one is told apart by when it came.
		return {elapsed, bytes: terminal.bytes - bytes, at: at - firstFrameAt};
	};
	// Eight cursor moves a run and two filters typed a run (40 samples each at 5 runs): a p95 of 20
	// samples was their second largest, moved by one slow key whichever the machine made slow.
	const cursor: Array<{elapsed: number; bytes: number; at: number}> = [];
	for (let run = 0; run < runs * 8; run++) cursor.push(await press(run % 8 < 4 ? 'j' : 'k'));
	const screens: Array<{elapsed: number; bytes: number; at: number}> = [];
	for (let run = 0; run < runs; run++) {
		screens.push(await press('2'));
		screens.push(await press('1'));
	}
	// Filter-as-you-type over every customer: `/`, then one letter at a time, then Esc clears. Each
	// sample says which letter of which round it was and when it was typed (ms after the first frame):
	// a slow one is then told apart (the first letters' many matches, preparation still under way, GC).
	const filter: Array<{elapsed: number; bytes: number; key: string; round: number; at: number}> = [];
	for (let run = 0; run < runs * 2; run++) {
		await press('/');
		for (const letter of 'anna') {
			const at = ms(firstFrameAt);
			filter.push({...(await press(letter)), key: letter, round: run, at});
		}
		await press('\u001B');
		await new Promise((resolve) => setTimeout(resolve, 60));
	}
	// The orders list (8), cursor moves as on the customers.
	await press('8');
	const orderCursor: Array<{elapsed: number; bytes: number; at: number}> = [];
	for (let run = 0; run < runs * 4; run++) orderCursor.push(await press(run % 8 < 4 ? 'j' : 'k'));
	out({cursor, screens, filter, orderCursor, orders: store.data.orders.length});
}
