import {readAmount} from './amount-input.js';
import {controlCharacterProblem} from './control-characters.js';
import {parseDay} from './date-input.js';
import {
	type CostLine,
	type ImplementationCategory,
	implementationCategories,
	monthText,
	type OperatingCategory,
	operatingCategories,
	readMonth,
	uncategorised,
} from './roi-costs.js';

export type CostReading = {ok: true; line: CostLine} | {ok: false; message: string};

/** What a line of each kind looks like, for a refusal that shows the way. */
export const costLineExamples = {
	implementation: '2026-03-01 software 45,000 Licences for 20 seats',
	operation: '2026-03.. hosting 300 Cloud VM (or 2026-03..2026-12, or one month: 2026-05)',
} as const;

const grouped = new Intl.NumberFormat('en-US', {maximumFractionDigits: 6});

/** When a cost is: its day (one-off), its one month, or its months as typed (`2026-03..`, `2026-03..2026-12`). */
export const costWhen = (line: CostLine): string =>
	line.kind === 'implementation'
		? line.cost.date
		: line.cost.to === line.cost.from
			? line.cost.from
			: `${line.cost.from}..${line.cost.to ?? ''}`;

/** How a cost is typed back into its line: `2026-03-01 software 45,000 Licences`, `2026-03..2026-12 support 1,200 Vendor`. */
export const costToInput = (line: CostLine): string => {
	const {cost} = line;
	const when = costWhen(line);
	return `${when} ${cost.category} ${grouped.format(cost.amount)}${cost.note ? ` ${cost.note}` : ''}`;
};

/** The category at the start of `rest` (a category may be two words: data migration), and what follows. */
const categoryAt = <C extends string>(rest: string, known: readonly C[]): {category: C; after: string} | undefined => {
	const lower = rest.toLowerCase();
	for (const category of [...known].sort((a, b) => b.length - a.length))
		if (lower === category || lower.startsWith(`${category} `))
			return {category, after: rest.slice(category.length).trim()};
	return undefined;
};

/** The months of an operating line: `2026-03..` (no end), `2026-03..2026-12`, `2026-03` (that month alone). */
const readMonths = (text: string): {ok: true; from: string; to: string | null} | {ok: false; message: string} => {
	const [fromText, toText] = text.includes('..') ? text.split('..', 2) : [text, text];
	const from = readMonth(fromText!);
	if (!from.ok) return {ok: false, message: `from month “${fromText}” ${from.message}`};
	if (toText === '' || toText === undefined) return {ok: true, from: monthText(from.index), to: null};
	const to = readMonth(toText);
	if (!to.ok) return {ok: false, message: `to month “${toText}” ${to.message}`};
	if (to.index < from.index) return {ok: false, message: `to month ${toText} is before the from month ${fromText}`};
	return {ok: true, from: monthText(from.index), to: monthText(to.index)};
};

/**
 * A cost as an operator types it (the form's lines, `crm settings cost add`): a one-off
 * `2026-03-01 software 45,000 Licences for 20 seats` — day, category, amount in the base currency,
 * note — or a monthly `2026-03.. hosting 300 Cloud VM`, `2026-03..2026-12 support 1,200 Vendor`.
 * Refused in words, each naming the part (and `name`, the line, when given): empty, a day or month
 * that does not exist, an unknown category, an amount that is no number or is negative.
 */
export const readCostLine = (text: string, kind: CostLine['kind'], name?: string): CostReading => {
	const refuse = (message: string): CostReading => ({ok: false, message: name ? `${name}: ${message}` : message});
	const trimmed = text.trim();
	if (trimmed === '') return refuse(`is empty: type a cost like ${costLineExamples[kind]}`);
	const [when = '', ...restWords] = trimmed.split(/\s+/);
	const rest = restWords.join(' ');
	const day = kind === 'implementation' ? parseDay(when) : undefined;
	if (day && !day.ok) return refuse(`date “${when}” ${day.message}`);
	const months = kind === 'operation' ? readMonths(when) : undefined;
	if (months && !months.ok) return refuse(months.message);
	const categories =
		kind === 'implementation'
			? ([...implementationCategories, uncategorised] as const)
			: ([...operatingCategories, uncategorised] as const);
	const found = categoryAt<string>(rest, categories);
	if (!found) {
		const typed = rest.split(' ')[0];
		return refuse(
			typed
				? `category “${typed}” is not one of ${categories.slice(0, -1).join(', ')}`
				: `needs a category after ${when}: one of ${categories.slice(0, -1).join(', ')}`,
		);
	}
	const [amountText = '', ...noteWords] = found.after.split(' ');
	if (amountText === '') return refuse(`needs an amount after the category, like ${costLineExamples[kind]}`);
	const amount = readAmount(amountText);
	if (!amount.ok) return refuse(`amount “${amountText}” ${amount.message}`);
	if (amount.value < 0) return refuse(`amount ${amountText} must not be negative`);
	const note = noteWords.join(' ').trim();
	if (note.length > 200) return refuse(`note must be at most 200 characters (found ${note.length})`);
	const problem = controlCharacterProblem(note, false);
	if (problem) return refuse(`note ${problem}`);
	if (months?.ok) {
		const category = found.category as OperatingCategory;
		return {
			ok: true,
			line: {kind: 'operation', cost: {category, from: months.from, to: months.to, amount: amount.value, note}},
		};
	}
	const category = found.category as ImplementationCategory;
	return {ok: true, line: {kind: 'implementation', cost: {category, date: when, amount: amount.value, note}}};
};
