import {costToInput, costWhen, echoed, readCostLine} from '../domain/cost-line-input.js';
import {type CostLine, costLines, costsInForce, undatedLegacy} from '../domain/roi-costs.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import type {SettingsPatch} from '../store/settings-file.js';

/** What `crm settings costs`, `cost add` and `cost remove` ask. */
export type CostsRequest =
	| {action: 'costs'}
	| {action: 'cost-add'; text: string; monthly?: boolean}
	| {action: 'cost-remove'; number: string};

/** Characters two terminal cells wide (CJK, Hangul, full-width forms): a cheap measure, without loading string-width for every command. */
const wide =
	/[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua000-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Terminal cells `text` takes: two for each Chinese (wide) character. */
export const cellsOf = (text: string): number => {
	let cells = 0;
	for (const character of text) cells += wide.test(character) ? 2 : 1;
	return cells;
};

/** `text` padded with spaces to `width` terminal cells (a Chinese name or word takes two per character), at its end or its start. */
export const padCells = (text: string, width: number, side: 'end' | 'start' = 'end'): string => {
	const spaces = ' '.repeat(Math.max(0, width - cellsOf(text)));
	return side === 'end' ? `${text}${spaces}` : `${spaces}${text}`;
};

const money = (value: number): string =>
	value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** One cost in the list: its number, when, category, amount (per month for operating costs), note. */
const costRow = (line: CostLine, number: number, width: number): string => {
	const {cost} = line;
	const when = costWhen(line);
	const amount = line.kind === 'operation' ? t('cli.costs.perMonth', {amount: money(cost.amount)}) : money(cost.amount);
	return `  ${String(number).padStart(width)}  ${padCells(when, 16)} ${padCells(cost.category, 14)} ${padCells(amount, 16, 'start')}${cost.note ? `  ${cost.note}` : ''}`;
};

/** The ROI costs in words, numbered as `crm settings cost remove N` takes them; how to add some when there are none. */
export const describeCosts = (settings: Settings): string => {
	const {roi, goLive} = settings.assessment;
	const lines = costLines(costsInForce(roi, goLive));
	const base = ratesOf(settings).base;
	const out: string[] = [t('cli.costs.title', {base, margin: Math.round(roi.margin * 1000) / 10})];
	if (undatedLegacy(roi, goLive))
		out.push(t('cli.costs.legacy', {oneOff: money(roi.oneOffCost ?? 0), monthly: money(roi.monthlyCost ?? 0)}));
	if (lines.length === 0) {
		out.push(t('cli.costs.none'));
		return `${out.join('\n')}\n`;
	}
	const width = String(lines.length).length;
	const implementation = lines.filter((line) => line.kind === 'implementation');
	const operation = lines.filter((line) => line.kind === 'operation');
	out.push(implementation.length === 0 ? t('cli.costs.implementationNone') : t('cli.costs.implementation'));
	out.push(...implementation.map((line, index) => costRow(line, index + 1, width)));
	out.push(operation.length === 0 ? t('cli.costs.operationNone') : t('cli.costs.operation'));
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
		const reading = readCostLine(
			request.text,
			kind,
			t('cli.costs.named', {cost: echoed(request.text.trim())}),
			'command',
		);
		if (!reading.ok)
			return refuse(
				request.monthly || !/^\d{4}-\d{2}(\.\.|\s)/.test(request.text.trim())
					? t('cli.costs.unreadable', {problem: reading.message})
					: t('cli.costs.unreadableMonthly', {problem: reading.message}),
			);
		const cost = costToInput(reading.line);
		return {
			patch: {kind: 'costs', remove: [], add: [reading.line]},
			done: kind === 'implementation' ? t('cli.costs.addedOneOff', {cost}) : t('cli.costs.addedMonthly', {cost}),
		};
	}
	const lines = costLines(costsInForce(settings.assessment.roi, settings.assessment.goLive));
	const number = /^\d+$/.test(request.number.trim()) ? Number(request.number.trim()) : Number.NaN;
	if (!(number >= 1 && number <= lines.length))
		return refuse(
			lines.length === 0
				? t('cli.costs.noneToRemove', {number: request.number})
				: t('cli.costs.notANumber', {number: request.number, last: lines.length}),
		);
	const line = lines[number - 1]!;
	return {
		patch: {kind: 'costs', remove: [line], add: []},
		done: t('cli.costs.removed', {number, cost: costToInput(line)}),
	};
};
