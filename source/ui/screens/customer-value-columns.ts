import {
	type CustomerValue,
	type CustomerValues,
	customerValuesInSteps,
	customerValuesKept,
	customerValuesOf,
	type RfmSegment,
	recencyDays,
	rfmCode,
	rfmSegmentNames,
	rfmSegments,
} from '../../assessment/rfm.js';
import type {Customer} from '../../domain/customer.js';
import {t} from '../../i18n/i18n.js';
import {formatMoney} from '../format/values.js';
import type {Tone} from '../theme/theme.js';
import {type Column, type DetailLine, field, ratesIn, type ViewContext} from './screen-definition.js';

/**
 * The customers list's RFM columns (issue 17, KPI.md *Analysis*), as of the context's `now`.
 *
 * Cost: RFM is one pass over every deal and order and three sorts of the customers with a purchase
 * (at 500,000 records, far more than drawing a window of rows). It is made once per view context —
 * that is, once per change of the data, the settings' rates or the minute tick — and read from a map
 * for every row after that: the cells, the sort and the filter's search texts never compute it per
 * row. The list's idle preparation (`prepareFilter`, through `prepare`) makes it first, in a step of
 * its own, so a list that does not draw these columns has it ready before the first filter key.
 * The values' map of customers is also the screen's `derivedRevision` (kept while the scores hold, as T moves on): a sort by Value or RFM, a `value:` term
 * and the search texts are made again when it is new. What stays on the path of a frame: the first
 * draw after a change or a tick, when these columns are shown, makes the values itself. Measured side
 * by side on the demo at 100,000 customers, 200,000 deals and 50,000 orders (40,000 buyers): two to
 * five times the list's own sort of those customers by name. So on large data a frame does not count
 * them: it draws `…` (`shown`), and the list's idle step counts them and draws again (`drawsLater`);
 * a sort, a filter or a search text by these columns counts them at once, as it must.
 */
const valuesByContext = new WeakMap<ViewContext, CustomerValues>();

/** The count under way in idle steps (`prepareCustomerValues`), and the context it is for. */
let counting: {context: ViewContext; count: (more: () => boolean) => CustomerValues | undefined} | undefined;

/** Every customer's RFM as of the context's `now`, in the base currency of its settings. */
export const customerValuesIn = (context: ViewContext): CustomerValues => {
	let values = valuesByContext.get(context);
	if (!values) {
		// A count the idle steps began is finished, not begun again. customerValuesOf keeps the latest
		// result by content, so a second context over the same data shares it.
		values =
			(counting?.context === context ? counting.count(() => true) : undefined) ??
			customerValuesOf(context.dataset, context.now, ratesIn(context));
		valuesByContext.set(context, values);
		if (counting?.context === context) counting = undefined;
	}
	return values;
};

/**
 * The list's idle step (ScreenDefinition `prepare`): true when the context's RFM was already made.
 * With `more`, counted a slice at a time (half a second at 100,000 customers and 200,000 deals: a
 * key pressed meanwhile would wait for all of it); without, at once.
 */
export const prepareCustomerValues = (context: ViewContext, more?: () => boolean): boolean => {
	if (valuesByContext.has(context)) return true;
	if (!more) {
		customerValuesIn(context);
		return false;
	}
	if (counting?.context !== context)
		counting = {context, count: customerValuesInSteps(context.dataset, context.now, ratesIn(context))};
	const values = counting.count(more);
	if (values) {
		valuesByContext.set(context, values);
		counting = undefined;
	}
	return false;
};

/** Above this many customers, deals and orders, a frame draws the columns only once they are counted. */
const countInFrameUpTo = 50_000;

const large = (context: ViewContext): boolean =>
	context.dataset.customers.length + context.dataset.opportunities.length + context.dataset.orders.length >
	countInFrameUpTo;

/** The values a frame may draw: counted already (or cheap to count), else undefined. */
const valuesToDraw = (context: ViewContext): CustomerValues | undefined => {
	const made = valuesByContext.get(context);
	if (made || !large(context)) return made ?? customerValuesIn(context);
	const kept = customerValuesKept(context.dataset, context.now, ratesIn(context));
	if (kept) valuesByContext.set(context, kept);
	return kept;
};

/** Whether a frame of this context draws the columns as `…`: the idle step then counts them and draws again. */
export const customerValuesWaiting = (context: ViewContext): boolean => valuesToDraw(context) === undefined;

/** What a frame draws of a derived column: the cell and its tone, or `…` while not counted. */
export const shownValue =
	(cell: (value: CustomerValue | undefined) => string) =>
	(customer: Customer, context: ViewContext): {text: string; tone: Tone} => {
		const values = valuesToDraw(context);
		if (!values) return {text: '…', tone: 'muted'};
		const value = values.byCustomer.get(customer.id);
		return {text: cell(value), tone: segmentTone(value?.segment)};
	};

/** The customer's RFM, or undefined without a purchase in the year. */
export const customerValueIn = (customer: Customer, context: ViewContext): CustomerValue | undefined =>
	customerValuesIn(context).byCustomer.get(customer.id);

const segmentTones: Record<RfmSegment, Tone> = {
	champions: 'ok',
	loyal: 'ok',
	promising: 'accent',
	'at-risk': 'bad',
	hibernating: 'muted',
	'needs-attention': 'warn',
};

/** A segment's tone; muted for a customer without one. */
export const segmentTone = (segment: RfmSegment | undefined): Tone => (segment ? segmentTones[segment] : 'muted');

/** Every cell the Value column may hold: a segment's id, or the blank. */
const valueCells: readonly string[] = [...rfmSegments, '—'];

/** `Value`: the RFM segment id (`at-risk`), `—` without a purchase in the year; sorts champions first, none last. */
export const valueColumn = (priority: number): Column<Customer> => ({
	id: 'value',
	get title() {
		return t('lists.columns.customers.value');
	},
	letter: 'V',
	derived: true,
	// `champions` fits; `hibernating` and `needs-attention` are cut only when the terminal is narrow (at 80 columns a wider Value would squeeze the name).
	min: 9,
	max: 15,
	priority,
	cell: (customer, context) => customerValueIn(customer, context)?.segment ?? '—',
	// The rank of the segment, best first; a blank sorts last in either direction.
	sortValue: (customer, context) => {
		const value = customerValueIn(customer, context);
		return value ? rfmSegments.indexOf(value.segment) : '';
	},
	tone: (customer, context) => segmentTone(customerValueIn(customer, context)?.segment),
	mayHold: (term) => valueCells.some((cell) => cell.includes(term)),
	shown: shownValue((value) => value?.segment ?? '—'),
});

/** `RFM`: the three scores, `545`; sorts by their sum, then by R, best first as Value does; none last. */
export const rfmColumn = (priority: number): Column<Customer> => ({
	id: 'rfm',
	title: 'RFM',
	letter: 'R',
	derived: true,
	// The title and a sort arrow: `RFM ↑`.
	min: 5,
	max: 5,
	priority,
	cell: (customer, context) => {
		const value = customerValueIn(customer, context);
		return value ? rfmCode(value) : '—';
	},
	sortValue: (customer, context) => {
		const value = customerValueIn(customer, context);
		return value ? -((value.r + value.f + value.m) * 10 + value.r) : '';
	},
	tone: (customer, context) => segmentTone(customerValueIn(customer, context)?.segment),
	// Three scores of 1 to 5, or the blank.
	mayHold: (term) => /^[1-5]{1,3}$/.test(term) || term === '—',
	shown: shownValue((value) => (value ? rfmCode(value) : '—')),
});

const daysAgo = (days: number): string =>
	days < 1 ? t('lists.detail.today') : t('lists.detail.daysAgo', {count: Math.floor(days)});

/** The detail's line: `at risk · R 2 F 3 M 4 · 3 purchases in the year, last 120 days ago, $12,300`. */
export const valueLine = (customer: Customer, context: ViewContext): DetailLine => {
	const value = customerValueIn(customer, context);
	if (!value) return field(t('lists.field.value'), t('lists.detail.noPurchase'), 'muted');
	const money = formatMoney(value.monetary, ratesIn(context).base);
	return field(
		t('lists.field.value'),
		t('lists.detail.value', {
			segment: rfmSegmentNames[value.segment].toLowerCase(),
			r: value.r,
			f: value.f,
			m: value.m,
			count: value.frequency,
			last: daysAgo(recencyDays(customerValuesIn(context), value)),
			money,
		}),
		segmentTone(value.segment),
	);
};
