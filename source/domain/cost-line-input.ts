import stringWidth from 'string-width';
import {t} from '../i18n/i18n.js';
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
export const costLineExample = (kind: CostLine['kind']): string =>
	kind === 'implementation' ? t('domain.cost.exampleImplementation') : t('domain.cost.exampleOperation');

let grouped: Intl.NumberFormat | undefined;
/** Made when first used: a process's first number format costs some 25 ms (ICU's data), not paid at every start. */
const groupedNumber = (value: number): string => {
	grouped ??= new Intl.NumberFormat('en-US', {maximumFractionDigits: 6});
	return grouped.format(value);
};

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
	return `${when} ${cost.category} ${groupedNumber(cost.amount)}${cost.note ? ` ${cost.note}` : ''}`;
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
const readMonths = (
	text: string,
	source: CostLineSource,
): {ok: true; from: string; to: string | null} | {ok: false; message: string} => {
	const [fromText, toText] = text.includes('..') ? text.split('..', 2) : [text, text];
	// A form's line words a refusal short ("is not real: February 2026 has 28 days"): its column is narrow.
	const from = readMonth(fromText!, source === 'form');
	if (!from.ok) {
		const words = {month: echoed(fromText!, 16), problem: from.message};
		return {ok: false, message: source === 'form' ? t('domain.cost.month', words) : t('domain.cost.fromMonth', words)};
	}
	if (toText === '' || toText === undefined) return {ok: true, from: monthText(from.index), to: null};
	const to = readMonth(toText, source === 'form');
	if (!to.ok) return {ok: false, message: t('domain.cost.toMonth', {month: echoed(toText, 16), problem: to.message})};
	if (to.index < from.index)
		return {ok: false, message: t('domain.cost.toBeforeFrom', {to: toText, from: String(fromText)})};
	return {ok: true, from: monthText(from.index), to: monthText(to.index)};
};

/** Where a line is typed: a form line (its refusal fits the form's value column) or `crm settings cost add` (no width to fit; `--monthly` says the kind). */
export type CostLineSource = 'form' | 'command';

/** The cells a refusal has under a form's line at 80 columns (form-view.tsx: 80 − label − margins − `✗ `). */
export const costMessageWidth = 58;

/** Text echoed in a refusal, cut to `max` characters with an ellipsis: a 5,000-character note is not written back whole. */
export const echoed = (text: string, max = 60): string => {
	const characters = Array.from(text);
	return characters.length <= max ? text : `${characters.slice(0, max - 1).join('')}…`;
};

/** The first of the wordings that fits `width` (the last when none does): a form's refusal says as much as its column holds. */
const fitting = (width: number, ...wordings: string[]): string =>
	wordings.find((wording) => stringWidth(wording) <= width) ?? wordings.at(-1)!;

/** Categories as a refusal lists them: `software, hardware, deployment, training or data migration`. */
const listed = (names: readonly string[]): string =>
	names.length < 2
		? names.join('')
		: t('domain.cost.listOr', {names: names.slice(0, -1).join(t('domain.listSeparator')), last: String(names.at(-1))});

/**
 * The amount at the start of `words`, and the note after it. Spaces may group thousands:
 * `45 000`, `1 250 000.50` (a first group of 1–3 digits, then groups of exactly three, the last
 * with any decimals) are one amount, not 45 and a note "000 …".
 */
const amountWords = (words: readonly string[]): {amountText: string; noteWords: string[]} => {
	const [first = '', ...rest] = words;
	let taken = 0;
	if (/^[-+]?[$\u20ac\u00a3\u00a5]?\d{1,3}$/.test(first))
		while (taken < rest.length && /^\d{3}([.,]\d+)?$/.test(rest[taken]!)) {
			taken++;
			if (/[.,]/.test(rest[taken - 1]!)) break;
		}
	return {amountText: [first, ...rest.slice(0, taken)].join(' '), noteWords: rest.slice(taken)};
};

/** The line's kind for a category of the other kind, and how to type it there. */
const otherKindRefusal = (
	category: string,
	kind: CostLine['kind'],
	when: string,
	amountText: string,
	source: CostLineSource,
	width: number,
): string => {
	const amount = /^[\d.,\s]+$/.test(amountText) && amountText.length <= 16 ? amountText : '300';
	const monthly = kind === 'implementation';
	const as = monthly
		? `${/^\d{4}-\d{2}/.test(when) ? when.slice(0, 7) : '2026-03'}..`
		: `${/^\d{4}-\d{2}$/.test(when.slice(0, 7)) ? when.slice(0, 7) : '2026-03'}-01`;
	const words = {category, example: `${as} ${category} ${amount}`};
	if (source === 'command')
		return monthly ? t('domain.cost.monthlyCommand', words) : t('domain.cost.oneOffCommand', words);
	return monthly
		? fitting(
				width,
				t('domain.cost.monthlyLong', words),
				t('domain.cost.monthlyShort', words),
				t('domain.cost.monthlyLine', words),
			)
		: fitting(
				width,
				t('domain.cost.oneOffLong', words),
				t('domain.cost.oneOffShort', words),
				t('domain.cost.oneOffLine', words),
			);
};

/** Why the words after the date are no category of the line's kind: of the other kind, or none, the categories listed as they fit. */
const categoryRefusal = (
	rest: string,
	kind: CostLine['kind'],
	when: string,
	source: CostLineSource,
	width: number,
): string => {
	const other = categoryAt<string>(rest, kind === 'implementation' ? operatingCategories : implementationCategories);
	if (other)
		return otherKindRefusal(other.category, kind, when, amountWords(other.after.split(' ')).amountText, source, width);
	const names = listed(kind === 'implementation' ? implementationCategories : operatingCategories);
	const typed = rest.split(' ')[0];
	if (!typed)
		return fitting(
			width,
			t('domain.cost.needsCategoryAfter', {when: echoed(when, 16), names}),
			t('domain.cost.needsCategory', {names}),
			names,
		);
	const word = echoed(typed, 16);
	return fitting(
		width,
		t('domain.cost.notCategory', {word, names}),
		t('domain.cost.noCategory', {word, names}),
		t('domain.cost.useCategories', {names}),
		names,
	);
};

/** An amount as typed, or why it is refused: no number, too many digits, negative, or finer than a cent. */
const amountRefusal = (
	amountText: string,
	value: {ok: true; value: number} | {ok: false; problem: string; message: string},
): string | undefined => {
	const shown = echoed(amountText, 12);
	if (!value.ok)
		return value.problem === 'inexact' && value.message !== t('domain.amount.tooLarge')
			? t('domain.cost.amountDigits', {amount: shown})
			: t('domain.cost.amountProblem', {amount: shown, problem: value.message});
	if (value.value < 0) return t('domain.cost.amountNegative', {amount: shown});
	// Money is kept to the cent: 2,500.555 is refused rather than stored as three decimals or rounded unseen.
	if (Math.round(value.value * 100) / 100 !== value.value) return t('domain.cost.amountCents', {amount: shown});
	return undefined;
};

/**
 * A cost as an operator types it (the form's lines, `crm settings cost add`): a one-off
 * `2026-03-01 software 45,000 Licences for 20 seats` — day, category, amount in the base currency
 * (`45,000`, `45000` or `45 000`: spaces may group thousands), note — or a monthly
 * `2026-03.. hosting 300 Cloud VM`, `2026-03..2026-12 support 1,200 Vendor`. Refused in words,
 * each naming the part (and `name`, the line, when given): empty, a day or month that does not
 * exist, an unknown category or one of the other kind, an amount that is no number, is negative or
 * has more than 2 decimals. A form's refusal fits its column (`costMessageWidth`); text echoed is cut.
 */
export const readCostLine = (
	text: string,
	kind: CostLine['kind'],
	name?: string,
	source: CostLineSource = 'form',
): CostReading => {
	const width = source === 'form' ? costMessageWidth : Number.POSITIVE_INFINITY;
	const refuse = (message: string): CostReading => ({
		ok: false,
		message: name ? t('domain.named', {name, message}) : message,
	});
	const trimmed = text.trim();
	if (trimmed === '') return refuse(t('domain.cost.empty', {example: costLineExample(kind)}));
	const [when = '', ...restWords] = trimmed.split(/\s+/);
	const rest = restWords.join(' ');
	const shownWhen = echoed(when, 16);
	const day = kind === 'implementation' ? parseDay(when, source === 'form') : undefined;
	if (day && !day.ok) return refuse(t('domain.cost.date', {date: shownWhen, problem: day.message}));
	const months = kind === 'operation' ? readMonths(when, source) : undefined;
	if (months && !months.ok) return refuse(months.message);
	const categories =
		kind === 'implementation'
			? ([...implementationCategories, uncategorised] as const)
			: ([...operatingCategories, uncategorised] as const);
	const found = categoryAt<string>(rest, categories);
	if (!found) return refuse(categoryRefusal(rest, kind, when, source, width));
	const {amountText, noteWords} = amountWords(found.after === '' ? [] : found.after.split(' '));
	if (amountText === '')
		return refuse(
			fitting(
				width,
				t('domain.cost.needsAmountExample', {example: costLineExample(kind)}),
				t('domain.cost.needsAmountLike', {when: shownWhen, category: found.category}),
				t('domain.cost.needsAmount', {category: found.category}),
			),
		);
	const amount = readAmount(amountText);
	const amountProblem = amountRefusal(amountText, amount);
	if (amountProblem || !amount.ok) return refuse(amountProblem ?? '');
	const note = noteWords.join(' ').trim();
	if (note.length > 200) return refuse(t('domain.cost.noteTooLong', {count: note.length}));
	const problem = controlCharacterProblem(note, false);
	if (problem)
		return refuse(
			t('domain.cost.note', {problem: fitting(width - 5, problem, controlCharacterProblem(note, false, true)!)}),
		);
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
