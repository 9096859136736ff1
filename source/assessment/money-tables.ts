import {type Rates, rateOf} from '../domain/money.js';
import {carriedPerList, DayTable} from './day-table.js';

/**
 * Day tables of money, one per currency (KPI.md *Money*): amounts are summed in their own currency
 * and converted when read, with the rates of that moment. The tables do not depend on the rates,
 * so a rate set in the settings re-prices every figure at once, and an edit still costs only the
 * records it changed.
 */
export class CurrencyDayTables {
	readonly byCurrency = new Map<string, DayTable>();

	constructor(private readonly fields: number) {}

	/** The table added to last: a record adds several fields in its one currency, and most records share one. */
	private lastCurrency = '';
	private lastTable: DayTable | undefined;

	add = (currency: string, dayNumber: number, field: number, value: number): void => {
		let table = currency === this.lastCurrency ? this.lastTable : this.byCurrency.get(currency);
		if (!table) {
			table = new DayTable(this.fields);
			this.byCurrency.set(currency, table);
		}
		this.lastCurrency = currency;
		this.lastTable = table;
		table.add(dayNumber, field, value);
	};

	/**
	 * A field over [start, end) (`before`: every day before `end` when start is null), in the base
	 * currency for the currencies that have a rate, with what was left out: `unpriced` adds up
	 * `countField` of the currencies without one.
	 */
	read(
		rates: Rates,
		field: number,
		countField: number,
		start: number | null,
		end: number,
	): {total: number; priced: number; unpriced: number; unpricedCurrencies: string[]} {
		let total = 0;
		let priced = 0;
		let unpriced = 0;
		const unpricedCurrencies: string[] = [];
		for (const [currency, table] of this.byCurrency) {
			const read = (which: number) => (start === null ? table.before(which, end) : table.sum(which, start, end));
			const count = read(countField);
			const rate = rateOf(rates, currency);
			if (rate === null) {
				if (count !== 0) {
					unpriced += count;
					unpricedCurrencies.push(currency);
				}
				continue;
			}
			priced += count;
			if (count !== 0) total += rate * read(field);
		}
		return {total: priced === 0 ? 0 : total, priced, unpriced, unpricedCurrencies: unpricedCurrencies.sort()};
	}
}

/** A field over [start, end) added up over every currency (a count: how many, priced or not). */
export const totalOf = (tables: CurrencyDayTables, field: number, start: number, end: number): number => {
	let total = 0;
	for (const table of tables.byCurrency.values()) total += table.sum(field, start, end);
	return total;
};

/** What one record adds to the tables: `add(currency, day, field, value)` for each of its contributions. */
export type ContributeMoney<R> = (
	record: R,
	add: (currency: string, dayNumber: number, field: number, value: number) => void,
) => void;

/** The currency day tables of a list: built in one pass, then carried from edit to edit. */
export const currencyDayTables = <R extends {id: string}>(fields: number, contribute: ContributeMoney<R>) =>
	carriedPerList<R, CurrencyDayTables>(
		{
			start: () => new CurrencyDayTables(fields),
			take: (tables, list, from, to) => {
				for (let index = from; index < to; index++) contribute(list[index]!, tables.add);
			},
		},
		(tables, changes) => {
			const subtract = (currency: string, dayNumber: number, field: number, value: number) =>
				tables.add(currency, dayNumber, field, -value);
			for (const [old, current] of changes) {
				if (old) contribute(old, subtract);
				if (current) contribute(current, tables.add);
			}
			return true;
		},
	);
