/**
 * The analysis half of the bench (issue 17): the funnel, the stage times and the customers' RFM at
 * scale, each the first time (cold: every deal's stage history read from the change log, the day
 * table built) and after one edit. Run by harness.tsx as its own task, so the KPI task's memory and
 * figures stay as they were.
 */
import {funnelOf, stageTimesOf} from '../../source/assessment/analysis-kpis.js';
import {periodContaining} from '../../source/assessment/periods.js';
import {customerValuesOf, segmentSummary} from '../../source/assessment/rfm.js';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import {type Opportunity, type OpportunityStage, openStages} from '../../source/domain/opportunity.js';
import {ratesOf} from '../../source/domain/settings.js';
import {CrmStore} from '../../source/store/store.js';

const ms = (started: number) => performance.now() - started;
const day = 86_400_000;

/** The stages a deal went through to reach the one it has: the open stages up to it (all of them before won), or prospecting before lost. */
const pathOf = (stage: OpportunityStage): OpportunityStage[] => {
	if (stage === 'lost') return ['prospecting', 'lost'];
	if (stage === 'won') return [...openStages, 'won'];
	return openStages.slice(0, openStages.indexOf(stage) + 1);
};

let sequence = 0;
const entryOf = (values: Pick<ChangeEntry, 'at' | 'action' | 'recordId' | 'changes'>): ChangeEntry => ({
	id: `chg_bench${(++sequence).toString(36)}`,
	operator: 'bench',
	entity: 'opportunities',
	label: '',
	undoOf: null,
	batch: null,
	...values,
});

/**
 * Every deal's history as the console would have logged it had each been entered and moved there: a
 * create entry with every field, then one entry per stage change, spread from its creation to its
 * close (or to now). The seeded log holds no deal (a large seed keeps a short log), so without this
 * the first computation would read nothing and the stage times would have no visit to count.
 */
const stageLogFor = (deals: readonly Opportunity[], now: number): ChangeEntry[] => {
	const entries: ChangeEntry[] = [];
	for (const deal of deals) {
		const path = pathOf(deal.stage);
		const from = Date.parse(deal.createdAt);
		const until = Math.max(from + day, deal.closedAt ? Date.parse(deal.closedAt) : now);
		const fields = {...deal, stage: path[0]!} as Record<string, unknown>;
		entries.push(
			entryOf({
				at: deal.createdAt,
				action: 'create',
				recordId: deal.id,
				changes: Object.entries(fields).map(([field, after]) => ({field, after})),
			}),
		);
		for (let step = 1; step < path.length; step++)
			entries.push(
				entryOf({
					at: new Date(from + ((until - from) * step) / path.length).toISOString(),
					action: 'update',
					recordId: deal.id,
					changes: [{field: 'stage', before: path[step - 1], after: path[step]}],
				}),
			);
	}
	return entries.sort((a, b) => a.at.localeCompare(b.at));
};

export const measureAnalysis = async (file: string, runs: number, firstRuns = runs) => {
	const store = await CrmStore.open(file);
	const now = Date.now();
	const period = periodContaining('month', now);
	const rates = ratesOf(store.settings);
	const {customers, orders} = store.data;
	const deals = store.data.opportunities;
	const log = [...store.data.changes, ...stageLogFor(deals, now)];
	/**
	 * The data as after a load: new deal records and new log entries, which no figure has seen (the
	 * figures are carried from a list they know, record by record, and the stage log from a log it
	 * read, entry by entry).
	 */
	const loaded = () => ({
		opportunities: deals.map((deal) => ({...deal})),
		changes: log.map((entry) => ({...entry})),
	});
	/** One deal moved to its next stage and its entry appended to the log, as a save leaves them. */
	const moved = (data: ReturnType<typeof loaded>, run: number) => {
		const list = [...data.opportunities];
		const index = list.findIndex((deal, at) => at >= run * 97 && openStages.includes(deal.stage as never));
		const deal = list[index]!;
		const to = openStages[openStages.indexOf(deal.stage as never) + 1] ?? 'won';
		list[index] = {...deal, stage: to, version: deal.version + 1};
		const entry = entryOf({
			at: new Date(now).toISOString(),
			action: 'update',
			recordId: deal.id,
			changes: [{field: 'stage', before: deal.stage, after: to}],
		});
		return {opportunities: list, changes: [...data.changes, entry]};
	};
	/** The first computation `firstRuns` times (seconds each), each on data as after a load; then `runs` times after one edit each. */
	const measure = (compute: (data: ReturnType<typeof loaded>) => unknown) => {
		const first: number[] = [];
		let data = loaded();
		for (let run = 0; run < firstRuns; run++) {
			data = loaded();
			const at = performance.now();
			compute(data);
			first.push(ms(at));
		}
		const afterEdit: number[] = [];
		for (let run = 0; run < runs; run++) {
			data = moved(data, run);
			const at = performance.now();
			compute(data);
			afterEdit.push(ms(at));
		}
		return {first, afterEdit};
	};
	const funnel = measure((data) => funnelOf(data, period));
	const stageTimes = measure((data) => stageTimesOf(data, period));
	// RFM as of now over every customer, with the segment summary the report and the screen show; after one edit an order's amount changed.
	const rfm = {first: [] as number[], afterEdit: [] as number[]};
	for (let run = 0; run < firstRuns; run++) {
		const data = {customers: [...customers], opportunities: [...deals], orders: [...orders]};
		const at = performance.now();
		segmentSummary(customerValuesOf(data, now, rates), customers.length);
		rfm.first.push(ms(at));
	}
	let current = [...orders];
	for (let run = 0; run < runs && current.length > 0; run++) {
		current = [...current];
		current[run] = {...current[run]!, amount: current[run]!.amount + 1};
		const at = performance.now();
		segmentSummary(customerValuesOf({customers, opportunities: deals, orders: current}, now, rates), customers.length);
		rfm.afterEdit.push(ms(at));
	}
	return {funnel, stageTimes, rfm, logEntries: log.length};
};
