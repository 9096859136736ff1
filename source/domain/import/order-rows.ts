import {t} from '../../i18n/i18n.js';
import {readAmount} from '../amount-input.js';
import type {ChangeEntry} from '../change-log.js';
import {linesAmount, type Order, type OrderLine} from '../order.js';
import {OrderNumbers} from '../order-numbers.js';
import type {CsvRow} from './csv-table.js';
import type {ImportTarget} from './import-mapping.js';
import {cell} from './import-rows.js';

/** The product of the one line an order gets from its amount column alone. */
// i18n-exempt: stored in the order's line, in one language whatever the operator's
export const amountLineProduct = 'Amount as imported';

/** What a new order shows in a preview before the store numbers it on saving. */
export const numberOnSaving = (): string => t('domain.import.numberOnSaving');

type Reading = {value: number; error?: undefined} | {value?: undefined; error: string};

const numberIn = (row: CsvRow, column: string, what: 'quantity' | 'unitPrice'): Reading => {
	const text = cell(row, column);
	const read = readAmount(text);
	if (read.ok) return {value: read.value};
	const words = {column, text, problem: read.message};
	return {
		error: what === 'quantity' ? t('domain.import.quantityProblem', words) : t('domain.import.unitPriceProblem', words),
	};
};

/** A discount as written: a share from 0 to 1 (`0.1`) or a percentage (`10%`); `10` alone could be either, and is refused. */
const discountIn = (row: CsvRow, column: string): Reading => {
	const text = cell(row, column);
	if (text === '') return {value: 0};
	const percent = text.endsWith('%');
	const read = readAmount(percent ? text.slice(0, -1) : text);
	if (!read.ok) return {error: t('domain.import.discountProblem', {column, text, problem: read.message})};
	const share = percent ? read.value / 100 : read.value;
	if (share < 0 || share > 1) return {error: t('domain.import.notDiscount', {column, text})};
	return {value: share};
};

/** The order line of a row from the mapping's line columns, or the row's error in words naming the column. */
const lineOfRow = (row: CsvRow, columns: NonNullable<ImportTarget['line']>): {line?: OrderLine; error?: string} => {
	const product = columns.product ? cell(row, columns.product) : amountLineProduct;
	if (product === '') return {error: t('domain.import.noProduct', {column: String(columns.product)})};
	const quantity =
		columns.quantity && cell(row, columns.quantity) !== '' ? numberIn(row, columns.quantity, 'quantity') : {value: 1};
	if (quantity.error !== undefined) return {error: quantity.error};
	if (quantity.value <= 0)
		return {
			error: t('domain.import.quantityZero', {column: String(columns.quantity), text: cell(row, columns.quantity!)}),
		};
	if (cell(row, columns.unitPrice) === '') return {error: t('domain.import.noUnitPrice', {column: columns.unitPrice})};
	const unitPrice = numberIn(row, columns.unitPrice, 'unitPrice');
	if (unitPrice.error !== undefined) return {error: unitPrice.error};
	if (unitPrice.value < 0)
		return {
			error: t('domain.import.unitPriceNegative', {column: columns.unitPrice, text: cell(row, columns.unitPrice)}),
		};
	const discount = columns.discount ? discountIn(row, columns.discount) : {value: 0};
	if (discount.error !== undefined) return {error: discount.error};
	return {line: {product, quantity: quantity.value, unitPrice: unitPrice.value, discount: discount.value}};
};

/**
 * An order's lines and number from its row: the line of the mapping's line columns, or one line of
 * the amount column's value (the amount itself is derived from the lines, KPI.md); a number the row
 * brings must be free (an order's own, or one never given); a new order without one is numbered by
 * the store when saved. Returns the row's error, and its warnings.
 */
export class OrderRows {
	private numbers: OrderNumbers | undefined;

	constructor(
		private readonly orders: readonly Order[],
		private readonly changes: readonly ChangeEntry[],
	) {}

	shape(
		row: CsvRow,
		target: ImportTarget,
		values: Record<string, unknown>,
		existing: Order | undefined,
		more: readonly CsvRow[] = [],
	): {error?: string; warnings: string[]} {
		const warnings: string[] = [];
		// An order without a customer column, like a ticket, belongs to none until one is picked.
		if (!existing && values['customerId'] === undefined) values['customerId'] = '';
		const amount = typeof values['amount'] === 'number' ? values['amount'] : undefined;
		delete values['amount'];
		if (target.line) {
			const lines: OrderLine[] = [];
			for (const each of [row, ...more]) {
				const {line, error} = lineOfRow(each, target.line);
				if (error !== undefined)
					return {
						error: each === row ? error : t('domain.import.lineOfFile', {line: each.line, problem: error}),
						warnings,
					};
				lines.push(line!);
			}
			values['lines'] = lines;
		} else if (amount !== undefined && values['lines'] === undefined)
			values['lines'] = [{product: amountLineProduct, quantity: 1, unitPrice: amount, discount: 0}];
		const lines = values['lines'] as OrderLine[] | undefined;
		if (amount !== undefined && Array.isArray(lines) && Math.abs(linesAmount(lines) - amount) > 0.005)
			warnings.push(t('domain.import.amountNotLines', {amount, lines: linesAmount(lines)}));
		const number = typeof values['number'] === 'string' ? values['number'] : undefined;
		if (number !== undefined && number !== existing?.number) {
			this.numbers ??= new OrderNumbers(this.orders, this.changes);
			if (!this.numbers.claim(number)) return {error: t('domain.import.numberTaken', {number}), warnings};
		}
		return {warnings};
	}
}

/**
 * An order's rows, one per line (as order exports write them), gathered by the order's id in the
 * order they come, and handed over once every row of the file has been read.
 */
export class OrderLineGroups {
	private groups = new Map<string, {first: CsvRow; more: CsvRow[]}>();

	add(externalId: string, row: CsvRow): void {
		const group = this.groups.get(externalId);
		if (group) group.more.push(row);
		else this.groups.set(externalId, {first: row, more: []});
	}

	/** Every order gathered, in the order of its first row; the groups are emptied. */
	take(): Array<{externalId: string; first: CsvRow; more: CsvRow[]}> {
		const taken = [...this.groups].map(([externalId, group]) => ({externalId, ...group}));
		this.groups = new Map();
		return taken;
	}
}
