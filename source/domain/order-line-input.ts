import {parseAmount} from './amount-input.js';
import type {OrderLine} from './order.js';

/** A product of the settings' catalogue. */
export type CatalogueProduct = {name: string; unitPrice: number; currency: string};

export type LineReading = {ok: true; line: OrderLine} | {ok: false; message: string};

const plain = new Intl.NumberFormat('en-US', {maximumFractionDigits: 6, useGrouping: false});

/** How a line is typed back into its field: `2 x Seat licence @ 1200 -10%`. */
export const lineToInput = (line: OrderLine): string =>
	`${plain.format(line.quantity)} x ${line.product} @ ${plain.format(line.unitPrice)}${line.discount > 0 ? ` -${plain.format(line.discount * 100)}%` : ''}`;

// quantity x product @ price -discount%: every part but the product may be left out.
const pattern = /^(?:(\S+)\s*[x×*]\s+)?(.+?)(?:\s*@\s*([^@]+?))?(?:\s+-\s*(\S+?)\s*%)?$/i;

/**
 * An order line as an operator types it: `2 x Seat licence @ 1,200 -10%`. The quantity defaults to
 * 1; a product of the catalogue in the order's currency takes its price when none is typed; the
 * discount is a percentage. Refused in words: a quantity of 0, a price that is not an amount, a
 * product without a price.
 */
export const readLineInput = (text: string, catalogue: readonly CatalogueProduct[], currency: string): LineReading => {
	const match = pattern.exec(text.trim());
	if (!match) return {ok: false, message: 'must read like 2 x Seat licence @ 1,200 -10%'};
	const [, quantityText, productText, priceText, discountText] = match;
	const product = productText!.trim();
	const quantity = quantityText === undefined ? 1 : parseAmount(quantityText);
	if (quantity === undefined) return {ok: false, message: `quantity “${quantityText}” is not a number`};
	if (quantity <= 0) return {ok: false, message: 'quantity must be more than 0'};
	let unitPrice: number | undefined;
	if (priceText !== undefined) {
		unitPrice = parseAmount(priceText);
		if (unitPrice === undefined) return {ok: false, message: `price “${priceText.trim()}” is not an amount`};
		if (unitPrice < 0) return {ok: false, message: 'price must not be negative'};
	} else {
		const known = catalogue.find((entry) => entry.name.toLowerCase() === product.toLowerCase());
		if (!known) return {ok: false, message: `needs a price: ${product} is not in the catalogue (add @ price)`};
		if (known.currency !== currency)
			return {
				ok: false,
				message: `${known.name} is priced in ${known.currency}: type its price in ${currency} (@ price)`,
			};
		unitPrice = known.unitPrice;
	}
	let discount = 0;
	if (discountText !== undefined) {
		const percent = parseAmount(discountText);
		if (percent === undefined || percent < 0 || percent > 100)
			return {ok: false, message: 'discount must be a percentage from 0 to 100'};
		discount = percent / 100;
	}
	return {ok: true, line: {product, quantity, unitPrice, discount}};
};
