import {readAmount} from '../domain/amount-input.js';
import {controlCharacterProblem} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import {rateOf} from '../domain/money.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import type {SettingsPatch} from '../store/settings-file.js';
import {CrmStore} from '../store/store.js';
import {exitCodes} from './exit-codes.js';
import {type CostsRequest, costPatchFor, describeCosts} from './settings-costs.js';

/** A worded refusal of `crm settings` (a bad code, rate or price): exit 2, nothing changed. */
export class SettingsRefusedError extends Error {
	readonly exitCode = exitCodes.usage;
}

const refuse = (message: string): never => {
	throw new SettingsRefusedError(`${message} Nothing was changed.`);
};

/** A currency as typed: three letters, any case (`eur` is EUR); anything else is refused naming the field. */
export const currencyArgument = (text: string, field: string): string => {
	const code = text.trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code))
		refuse(`${field}: “${text}” is not a currency code: it must be three letters, like USD, EUR or CNY.`);
	return code;
};

/** A rate as typed: a plain decimal number above 0 (`1.08`, `0.14`); `1,08`, `1.080,5` or `1e3` are not guessed at. */
export const rateArgument = (text: string, currency: string): number => {
	const trimmed = text.trim();
	if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed))
		refuse(`rate of ${currency}: “${text}” is not a number like 1.08 (a point for the decimals, no sign).`);
	const rate = Number(trimmed);
	if (!(rate > 0)) refuse(`rate of ${currency}: must be more than 0 (found ${trimmed}).`);
	if (!Number.isFinite(rate) || rate > 1e12) refuse(`rate of ${currency}: ${trimmed} is too large to be a rate.`);
	return rate;
};

const priceArgument = (text: string, name: string): number => {
	const reading = readAmount(text);
	if (!reading.ok) return refuse(`unit price of “${name}”: “${text}” ${reading.message}.`);
	if (reading.value < 0) refuse(`unit price of “${name}”: must not be negative (found ${text}).`);
	return reading.value;
};

const productName = (text: string): string => {
	const name = text.trim();
	if (name === '') refuse('product name: must not be empty.');
	if (name.length > 120) refuse(`product name: must be at most 120 characters (found ${name.length}).`);
	const problem = controlCharacterProblem(name, false);
	if (problem) refuse(`product name ${problem}.`);
	return name;
};

const number = (value: number): string => value.toLocaleString('en-US', {maximumFractionDigits: 12});
const money = (value: number): string =>
	value.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2});

/** Records whose currency has no rate (KPI.md `unpriced_records`), by currency. */
const unpricedByCurrency = (data: Dataset, settings: Settings): Map<string, number> => {
	const rates = ratesOf(settings);
	const counts = new Map<string, number>();
	for (const record of [...data.opportunities, ...data.orders, ...data.campaigns])
		if (rateOf(rates, record.currency) === null) counts.set(record.currency, (counts.get(record.currency) ?? 0) + 1);
	return counts;
};

/** The money settings in words: the base (said to be assumed when the file predates it), the rates, the catalogue. */
export const describeMoney = (settings: Settings, data?: Dataset): string => {
	const base = ratesOf(settings).base;
	const lines = [
		settings.baseCurrency
			? `Base currency: ${base}`
			: `Base currency: ${base} (assumed: this settings file predates rates; \`crm settings base ${base}\` makes it explicit)`,
	];
	const rates = Object.entries(settings.rates).sort(([a], [b]) => a.localeCompare(b));
	lines.push(
		rates.length === 0
			? `Rates: none, so only amounts in ${base} count in money figures.`
			: `Rates (${base} per one unit):`,
	);
	for (const [currency, rate] of rates) lines.push(`  ${currency}  ${number(rate)}`);
	const unpriced = data ? unpricedByCurrency(data, settings) : new Map<string, number>();
	if (unpriced.size > 0)
		lines.push(
			`Without a rate (left out of money figures, counted as unpriced): ${[...unpriced]
				.map(([currency, count]) => `${currency} (${count} record${count === 1 ? '' : 's'})`)
				.join(', ')}`,
		);
	lines.push(
		settings.products.length === 0 ? 'Products: none in the catalogue.' : `Products (${settings.products.length}):`,
	);
	const width = Math.max(0, ...settings.products.map((product) => product.name.length));
	for (const product of settings.products)
		lines.push(`  ${product.name.padEnd(width)}  ${money(product.unitPrice).padStart(14)} ${product.currency}`);
	return `${lines.join('\n')}\n`;
};

export type SettingsRequest =
	| {action: 'show'}
	| {action: 'base'; currency: string; dropRates?: boolean}
	| {action: 'rate'; currency: string; rate?: string; remove?: boolean}
	| {action: 'product-add'; name: string; price: string; currency: string}
	| {action: 'product-remove'; name: string}
	| {action: 'product-list'}
	| CostsRequest;

/** The patch a request makes, its values checked against the settings in force (a bad one refused in words), and what it says when done; or, when it would change nothing, why. */
const patchFor = (request: SettingsRequest, settings: Settings): {patch: SettingsPatch; done: string} | string => {
	const base = ratesOf(settings).base;
	switch (request.action) {
		case 'base': {
			const currency = currencyArgument(request.currency, 'base currency');
			if (currency === base && settings.baseCurrency)
				return `${currency} is the base currency already: nothing changed.`;
			return {
				patch: {kind: 'base', baseCurrency: currency, dropRates: request.dropRates === true},
				done: `The base currency is now ${currency}${request.dropRates ? ', with no rates' : currency === base ? '' : `; the rates are restated in ${currency}`}.`,
			};
		}
		case 'rate': {
			const currency = currencyArgument(request.currency, 'rate currency');
			if (currency === base)
				refuse(`rate of ${currency}: ${currency} is the base currency, so its rate is 1 and cannot be set.`);
			if (request.remove) {
				if (request.rate !== undefined) refuse(`rate of ${currency}: give a rate or --remove, not both.`);
				if (settings.rates[currency] === undefined) return `${currency} has no rate: nothing changed.`;
				return {
					patch: {kind: 'rate', currency, rate: null},
					done: `${currency} has no rate now: its amounts are left out of money figures and counted as unpriced.`,
				};
			}
			if (request.rate === undefined)
				refuse(
					`rate of ${currency}: give the number of ${base} one ${currency} is worth (crm settings rate ${currency} 1.08), or --remove.`,
				);
			const rate = rateArgument(request.rate!, currency);
			if (settings.rates[currency] === rate) return `${currency} is ${number(rate)} ${base} already: nothing changed.`;
			return {patch: {kind: 'rate', currency, rate}, done: `One ${currency} now counts as ${number(rate)} ${base}.`};
		}
		case 'product-add': {
			const name = productName(request.name);
			const unitPrice = priceArgument(request.price, name);
			const currency = currencyArgument(request.currency, `currency of “${name}”`);
			const existing = settings.products.find((product) => product.name.toLowerCase() === name.toLowerCase());
			if (existing)
				refuse(
					`product name: “${existing.name}” is in the catalogue already (${money(existing.unitPrice)} ${existing.currency}); remove it first to replace it.`,
				);
			const unrated = rateOf(ratesOf(settings), currency) === null;
			return {
				patch: {kind: 'product', name, product: {name, unitPrice, currency}},
				done: `Added “${name}” at ${money(unitPrice)} ${currency}.${unrated ? ` ${currency} has no rate yet: orders in it are left out of money figures until \`crm settings rate ${currency} …\`.` : ''}`,
			};
		}
		case 'product-remove': {
			const existing = settings.products.find(
				(product) => product.name.toLowerCase() === request.name.trim().toLowerCase(),
			);
			if (!existing) return `No product is named “${request.name.trim()}”: nothing changed.`;
			return {
				patch: {kind: 'product', name: existing.name, product: null},
				done: `Removed “${existing.name}” from the catalogue (orders that sold it keep their lines).`,
			};
		}
		case 'cost-add':
		case 'cost-remove':
			return costPatchFor(request, settings, refuse);
		default:
			return '';
	}
};

/**
 * `crm settings`: the money settings or the ROI costs shown, or (as an admin) one changed through
 * the store, which logs it. A bad code, a rate of 0 or below, a bad price are refused in words before anything opens.
 */
export const runSettings = async (dataFile: string, request: SettingsRequest, as: string): Promise<string> => {
	const describe = (settings: Settings, data: Dataset) =>
		request.action.startsWith('cost') ? describeCosts(settings) : describeMoney(settings, data);
	if (request.action === 'show' || request.action === 'product-list' || request.action === 'costs') {
		const store = await CrmStore.open(dataFile, Date.now, {readonly: true});
		return describe(store.settings, store.data);
	}
	const store = await CrmStore.open(dataFile);
	const planned = patchFor(request, store.settings);
	if (typeof planned === 'string') return `${planned}\n${describe(store.settings, store.data)}`;
	const settings = await store.updateSettings(planned.patch, as);
	return `${planned.done} (changed by ${as})\n${describe(settings, store.data)}`;
};
