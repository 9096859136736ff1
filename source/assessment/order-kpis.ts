import type {Rates} from '../domain/money.js';
import {isBooked, type Order} from '../domain/order.js';
import {day} from '../domain/units.js';
import {dayOf} from './day-table.js';
import {isoTime} from './iso-time.js';
import {type KpiValue, ratio} from './kpi-value.js';
import {memoOf} from './memo.js';
import {currencyDayTables} from './money-tables.js';
import type {Period} from './periods.js';

/** Booked orders' money, per currency, by the day they were ordered: how many, and their amount. */
const field = {count: 0, amount: 1} as const;

const orderMoney = currencyDayTables<Order>(2, (order, add) => {
	// KPI.md: booked is the status as of now; a draft or a cancelled order counts nowhere.
	if (!isBooked(order)) return;
	const ordered = dayOf(order.orderedAt);
	add(order.currency, ordered, field.count, 1);
	add(order.currency, ordered, field.amount, order.amount);
});

/** Booked orders of P in the base currency: their amount, how many were priced, and how many were not. */
export const bookedOrders = (orders: readonly Order[], period: Period, rates: Rates) =>
	orderMoney(orders).read(rates, field.amount, field.count, period.start, period.end);

/**
 * Who bought when: each customer's first booked order, and the customers with a booked order on
 * each UTC day (orders without a customer buy for nobody).
 */
const purchases = (orders: readonly Order[]) =>
	memoOf(orders, 'purchases', () => {
		const first = new Map<string, number>();
		const byDay = new Map<number, Set<string>>();
		for (const order of orders) {
			if (!isBooked(order) || order.customerId === '') continue;
			const at = isoTime(order.orderedAt);
			const known = first.get(order.customerId);
			if (known === undefined || at < known) first.set(order.customerId, at);
			const ordered = dayOf(order.orderedAt);
			let buyers = byDay.get(ordered);
			if (!buyers) {
				buyers = new Set();
				byDay.set(ordered, buyers);
			}
			buyers.add(order.customerId);
		}
		return {first, byDay};
	});

/** KPI.md repeat_purchase_rate: of the customers with a booked order in P, the share that had one before start(P). */
export const repeatPurchaseRate = (orders: readonly Order[], period: Period): KpiValue =>
	// Kept per version of the orders and per period: an edit of anything else walks no buyers again.
	memoOf(orders, `repeatPurchaseRate ${period.start} ${period.end}`, () => repeatBuyers(orders, period));

const repeatBuyers = (orders: readonly Order[], period: Period): KpiValue => {
	const {first, byDay} = purchases(orders);
	const buyers = new Set<string>();
	const days = (period.end - period.start) / day;
	if (days <= byDay.size) {
		for (let index = period.start / day; index < period.end / day; index++)
			for (const id of byDay.get(index) ?? []) buyers.add(id);
	} else
		for (const [index, ids] of byDay)
			if (index >= period.start / day && index < period.end / day) for (const id of ids) buyers.add(id);
	let repeat = 0;
	for (const id of buyers) if (first.get(id)! < period.start) repeat++;
	return ratio(repeat, buyers.size);
};

/** The order KPIs of KPI.md's Effect table: booked orders of P, their revenue in the base currency, the average, repeat buyers. */
export const orderKpis = (orders: readonly Order[], period: Period, rates: Rates): Record<string, KpiValue> => {
	const booked = bookedOrders(orders, period, rates);
	return {
		orders: booked.priced + booked.unpriced,
		order_revenue: booked.total,
		avg_order_value: ratio(booked.total, booked.priced),
		repeat_purchase_rate: repeatPurchaseRate(orders, period),
	};
};
