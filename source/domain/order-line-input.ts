import {t} from '../i18n/i18n.js';
import {parseAmount} from './amount-input.js';
import type {OrderLine} from './order.js';

/** A product of the settings' catalogue. */
export type CatalogueProduct = {name: string; unitPrice: number; currency: string};

export type LineReading = {ok: true; line: OrderLine} | {ok: false; message: string};

let plain: Intl.NumberFormat | undefined;
/** Made when first used: a process's first number format costs some 25 ms (ICU's data), not paid at every start. */
const plainNumber = (value: number): string => {
	plain ??= new Intl.NumberFormat('en-US', {maximumFractionDigits: 6, useGrouping: false});
	return plain.format(value);
};

/** How a line is typed back into its field: `2 x Seat licence @ 1200 -10%`. */
export const lineToInput = (line: OrderLine): string =>
	`${plainNumber(line.quantity)} x ${line.product} @ ${plainNumber(line.unitPrice)}${line.discount > 0 ? ` -${plainNumber(line.discount * 100)}%` : ''}`;

// quantity x product @ price -discount%: every part but the product may be left out.
const pattern = /^(?:(\S+)\s*[x\u00d7*]\s+)?(.+?)(?:\s*@\s*([^@]+?))?(?:\s+-\s*(\S+?)\s*%)?$/i;

/**
 * An order line as an operator types it: `2 x Seat licence @ 1,200 -10%`. The quantity defaults to
 * 1; a product of the catalogue in the order's currency takes its price when none is typed; the
 * discount is a percentage. Refused in words: a quantity of 0, a price that is not an amount, a
 * product without a price.
 */
export const readLineInput = (text: string, catalogue: readonly CatalogueProduct[], currency: string): LineReading => {
	const match = pattern.exec(text.trim());
	if (!match) return {ok: false, message: t('domain.orderLine.like')};
	const [, quantityText, productText, priceText, discountText] = match;
	const product = productText!.trim();
	const quantity = quantityText === undefined ? 1 : parseAmount(quantityText);
	if (quantity === undefined) return {ok: false, message: t('domain.orderLine.quantity', {text: String(quantityText)})};
	if (quantity <= 0) return {ok: false, message: t('domain.orderLine.quantityZero')};
	let unitPrice: number | undefined;
	if (priceText !== undefined) {
		unitPrice = parseAmount(priceText);
		if (unitPrice === undefined) return {ok: false, message: t('domain.orderLine.price', {text: priceText.trim()})};
		if (unitPrice < 0) return {ok: false, message: t('domain.orderLine.priceNegative')};
	} else {
		const known = catalogue.find((entry) => entry.name.toLowerCase() === product.toLowerCase());
		if (!known) return {ok: false, message: t('domain.orderLine.needsPrice', {product})};
		if (known.currency !== currency)
			return {
				ok: false,
				message: t('domain.orderLine.otherCurrency', {product: known.name, priced: known.currency, currency}),
			};
		unitPrice = known.unitPrice;
	}
	let discount = 0;
	if (discountText !== undefined) {
		const percent = parseAmount(discountText);
		if (percent === undefined || percent < 0 || percent > 100)
			return {ok: false, message: t('domain.orderLine.discount')};
		discount = percent / 100;
	}
	return {ok: true, line: {product, quantity, unitPrice, discount}};
};
