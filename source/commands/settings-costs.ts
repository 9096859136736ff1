import {costToInput, costWhen, echoed, readCostLine} from '../domain/cost-line-input.js';
import {type CostLine, costLines, costsInForce, undatedLegacy} from '../domain/roi-costs.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import type {SettingsPatch} from '../store/settings-file.js';

/** What `crm settings costs`, `cost add` and `cost remove` ask. */
export type CostsRequest =
	| {action: 'costs'}
	| {action: 'cost-add'; text: string; monthly?: boolean}
	| {action: 'cost-remove'; number: string};

const money = (value: number): string =>
	value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** One cost in the list: its number, when, category, amount (per month for operating costs), note. */
const costRow = (line: CostLine, number: number, width: number): string => {
	const {cost} = line;
	const when = costWhen(line);
	const amount = `${money(cost.amount)}${line.kind === 'operation' ? '/month' : ''}`;
	return `  ${String(number).padStart(width)}  ${when.padEnd(16)} ${cost.category.padEnd(14)} ${amount.padStart(16)}${cost.note ? `  ${cost.note}` : ''}`;
};

/** The ROI costs in words, numbered as `crm settings cost remove N` takes them; how to add some when there are none. */
export const describeCosts = (settings: Settings): string => {
	const {roi, goLive} = settings.assessment;
	const lines = costLines(costsInForce(roi, goLive));
	const base = ratesOf(settings).base;
	const out = [`ROI costs, in ${base}; gross margin ${Math.round(roi.margin * 1000) / 10}%.`];
	if (undatedLegacy(roi, goLive))
		out.push(
			`From before cost categories: a one-off cost of ${money(roi.oneOffCost ?? 0)} and ${money(roi.monthlyCost ?? 0)} per month, undated until a go-live is set (they are then read as costs at go-live).`,
		);
	if (lines.length === 0) {
		out.push(
			'No costs: ROI has no value until some are added, e.g. crm settings cost add "2026-03-01 software 45,000 Licences" or crm settings cost add --monthly "2026-03.. hosting 300 Cloud VM".',
		);
		return `${out.join('\n')}\n`;
	}
	const width = String(lines.length).length;
	const implementation = lines.filter((line) => line.kind === 'implementation');
	const operation = lines.filter((line) => line.kind === 'operation');
	out.push(implementation.length === 0 ? 'Implementation (one-off): none.' : 'Implementation (one-off):');
	out.push(...implementation.map((line, index) => costRow(line, index + 1, width)));
	out.push(operation.length === 0 ? 'Operation (per month): none.' : 'Operation (per month):');
	out.push(...operation.map((line, index) => costRow(line, implementation.length + index + 1, width)));
	return `${out.join('\n')}\n`;
};

/**
 * The patch of `cost add` or `cost remove`, and what it says when done, from the settings in force;
 * a refusal (a cost that does not read, a number that is no cost) through `refuse`.
 */
export const costPatchFor = (
	request: Exclude<CostsRequest, {action: 'costs'}>,
	settings: Settings,
	refuse: (message: string) => never,
): {patch: SettingsPatch; done: string} => {
	if (request.action === 'cost-add') {
		const kind = request.monthly ? 'operation' : 'implementation';
		// The line echoed cut to about 60 characters: a 5,000-character note is refused, not written back.
		const reading = readCostLine(request.text, kind, `cost “${echoed(request.text.trim())}”`, 'command');
		if (!reading.ok)
			return refuse(
				`${reading.message}.${request.monthly || !/^\d{4}-\d{2}(\.\.|\s)/.test(request.text.trim()) ? '' : ' (A monthly cost takes --monthly.)'}`,
			);
		return {
			patch: {kind: 'costs', remove: [], add: [reading.line]},
			done: `Added the ${kind === 'implementation' ? 'one-off' : 'monthly'} cost ${costToInput(reading.line)}.`,
		};
	}
	const lines = costLines(costsInForce(settings.assessment.roi, settings.assessment.goLive));
	const number = /^\d+$/.test(request.number.trim()) ? Number(request.number.trim()) : Number.NaN;
	if (!(number >= 1 && number <= lines.length))
		return refuse(
			lines.length === 0
				? `cost ${request.number}: there are no costs to remove.`
				: `cost ${request.number}: give the number of a cost, 1 to ${lines.length} (crm settings costs lists them).`,
		);
	const line = lines[number - 1]!;
	return {
		patch: {kind: 'costs', remove: [line], add: []},
		done: `Removed cost ${number}: ${costToInput(line)}.`,
	};
};
