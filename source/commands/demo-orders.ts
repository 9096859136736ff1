import type {Customer} from '../domain/customer.js';
import {entityIdPrefix} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import type {Opportunity} from '../domain/opportunity.js';
import {linesAmount, type Order, type OrderLine, orderNumber} from '../domain/order.js';
import {day, hour} from '../domain/units.js';
import type {RandomSource} from './random-source.js';

type Span = {start: number; end: number};
type Product = {name: string; unitPrice: number; currency: string};

const iso = (time: number): string => new Date(time).toISOString();

/** The demo's base currency and the rates of every other currency it uses (base units per unit). */
export const demoMoney = {baseCurrency: 'USD', rates: {CNY: 0.14, EUR: 1.08}} as const;

/** The catalogue the seeded settings carry: the deals' products in dollars, the ones sold in China in yuan too. */
export const demoProducts: readonly Product[] = [
	{name: 'Core Platform', unitPrice: 12_000, currency: 'USD'},
	{name: 'Analytics Add-on', unitPrice: 4_800, currency: 'USD'},
	{name: 'Support Plus', unitPrice: 2_400, currency: 'USD'},
	{name: 'Data Connector', unitPrice: 1_500, currency: 'USD'},
	{name: 'Mobile Suite', unitPrice: 3_600, currency: 'USD'},
	{name: 'Onboarding Package', unitPrice: 2_000, currency: 'USD'},
	{name: 'Enterprise Licence', unitPrice: 45_000, currency: 'USD'},
	{name: 'Training Day', unitPrice: 1_200, currency: 'USD'},
	{name: 'Core Platform (CN)', unitPrice: 82_000, currency: 'CNY'},
	{name: 'Analytics Add-on (CN)', unitPrice: 33_000, currency: 'CNY'},
	{name: 'Support Plus (CN)', unitPrice: 16_500, currency: 'CNY'},
	{name: 'Training Day (CN)', unitPrice: 8_200, currency: 'CNY'},
];

/** Customers of the Chinese companies are invoiced in yuan. */
const chineseCompanies = new Set(['北京星辰科技', '上海华信贸易', '深圳云帆电子']);
const currencyFor = (customer: Customer): string => (chineseCompanies.has(customer.company) ? 'CNY' : 'USD');

/** A product of the catalogue in the order's currency: its own, the `(CN)` one, or the dollar one at the yuan price. */
const productIn = (name: string, currency: string): Product => {
	const own = demoProducts.find((product) => product.currency === currency && product.name.startsWith(name));
	if (own) return own;
	const dollars = demoProducts.find((product) => product.name === name) ?? demoProducts[0]!;
	const price =
		currency === 'USD' ? dollars.unitPrice : Math.round(dollars.unitPrice / demoMoney.rates.CNY / 100) * 100;
	return {name: dollars.name, unitPrice: price, currency};
};

/** Lines worth about `target` (in the order's currency): the main product in a quantity, sometimes training on top. */
const linesFor = (random: RandomSource, product: string, currency: string, target: number): OrderLine[] => {
	const main = productIn(product, currency);
	const lines: OrderLine[] = [
		{
			product: main.name,
			quantity: Math.min(500, Math.max(1, Math.round(target / main.unitPrice))),
			unitPrice: main.unitPrice,
			discount: random.pick([0, 0, 0, 0.05, 0.1, 0.15]),
		},
	];
	if (random.chance(0.3)) {
		const extra = productIn(random.pick(['Training Day', 'Onboarding Package', 'Support Plus']), currency);
		lines.push({product: extra.name, quantity: random.int(1, 3), unitPrice: extra.unitPrice, discount: 0});
	}
	return lines;
};

/** Where an order dated `orderedAt` stands at `now`: old ones paid (a few cancelled or unpaid), recent ones on their way. */
const statusAt = (random: RandomSource, span: Span, orderedAt: number): {status: Order['status']; at: number} => {
	const age = span.end - orderedAt;
	const later = (days: number) => Math.min(span.end - hour, orderedAt + days * day);
	if (random.chance(0.06)) return {status: 'cancelled', at: later(random.int(1, 10))};
	const paidAt = orderedAt + random.int(3, 40) * day + random.int(0, 23) * hour;
	if (age > 45 * day && paidAt < span.end && !random.chance(0.04)) return {status: 'paid', at: paidAt};
	if (age > 10 * day) {
		if (paidAt < span.end && random.chance(0.5)) return {status: 'paid', at: paidAt};
		return random.chance(0.7)
			? {status: 'fulfilled', at: later(random.int(1, 8))}
			: {status: 'confirmed', at: later(1)};
	}
	return random.weighted([
		[{status: 'draft' as const, at: orderedAt}, 3],
		[{status: 'confirmed' as const, at: later(1)}, 5],
		[{status: 'fulfilled' as const, at: later(2)}, 2],
	]);
};

type Draft = {customer: Customer; deal: Opportunity | null; orderedAt: number; product: string; target: number};

const orderOf = (random: RandomSource, span: Span, draft: Draft): Order => {
	const currency = currencyFor(draft.customer);
	const lines = linesFor(
		random,
		draft.product,
		currency,
		currency === 'USD' ? draft.target : draft.target / demoMoney.rates.CNY,
	);
	const {status, at} = statusAt(random, span, draft.orderedAt);
	return {
		id: newId(entityIdPrefix.orders, random.next),
		externalId: null,
		number: '',
		customerId: draft.customer.id,
		opportunityId: draft.deal?.id ?? null,
		status,
		orderedAt: iso(draft.orderedAt),
		paidAt: status === 'paid' ? iso(at) : null,
		lines,
		amount: linesAmount(lines),
		currency,
		owner: draft.deal?.owner ?? draft.customer.owner,
		tags: draft.deal ? [] : ['renewal'],
		notes: '',
		createdAt: iso(draft.orderedAt),
		updatedAt: iso(Math.max(at, draft.orderedAt)),
		version: 1,
	};
};

/**
 * Orders: most won deals become one (a few days after winning), and some customers renew a year
 * after their first order (repeat purchases). Numbered SO-YYYY-NNNN by the order date, as the store
 * numbers them; in yuan for the Chinese companies.
 */
export const makeOrders = (
	random: RandomSource,
	span: Span,
	customers: readonly Customer[],
	opportunities: readonly Opportunity[],
): Order[] => {
	const customersById = new Map(customers.map((customer) => [customer.id, customer]));
	const drafts: Draft[] = [];
	for (const deal of opportunities) {
		const customer = customersById.get(deal.customerId);
		if (deal.stage !== 'won' || !customer || !random.chance(0.85)) continue;
		const closedAt = Date.parse(deal.closedAt!);
		const orderedAt = closedAt + random.next() * Math.min(10 * day, Math.max(0, span.end - hour - closedAt));
		drafts.push({customer, deal, orderedAt, product: deal.product || 'Core Platform', target: deal.amount});
	}
	for (const first of [...drafts]) {
		const renewal = first.orderedAt + random.int(330, 380) * day;
		if (renewal >= span.end || first.customer.status === 'churned' || !random.chance(0.45)) continue;
		drafts.push({...first, deal: null, orderedAt: renewal, product: 'Support Plus', target: first.target * 0.25});
	}
	// A few quotes still being drafted this fortnight.
	const active = customers.filter((customer) => customer.status === 'active');
	for (let index = 0; index < Math.min(3, active.length); index++)
		drafts.push({
			customer: random.pick(active),
			deal: null,
			orderedAt: span.end - random.int(1, 14) * day,
			product: random.pick(['Analytics Add-on', 'Mobile Suite', 'Data Connector']),
			target: random.int(2, 6) * 1_000,
		});
	const orders = drafts
		.map((draft) => orderOf(random, span, draft))
		.map((order, index) =>
			index >= drafts.length - 3
				? {...order, status: 'draft' as const, paidAt: null, updatedAt: order.createdAt}
				: order,
		)
		.sort((a, b) => a.orderedAt.localeCompare(b.orderedAt));
	const sequences = new Map<number, number>();
	return orders.map((order) => {
		const year = new Date(order.orderedAt).getUTCFullYear();
		const sequence = (sequences.get(year) ?? 0) + 1;
		sequences.set(year, sequence);
		return {...order, number: orderNumber(year, sequence)};
	});
};
