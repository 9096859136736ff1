import {readAmount} from '../domain/amount-input.js';
import {controlCharacterProblem} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import {rateOf} from '../domain/money.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import type {SettingsPatch} from '../store/settings-file.js';
import {CrmStore} from '../store/store.js';
import {exitCodes} from './exit-codes.js';
import {type CostsRequest, cellsOf, costPatchFor, describeCosts, padCells} from './settings-costs.js';

/** A worded refusal of `crm settings` (a bad code, rate or price): exit 2, nothing changed. */
export class SettingsRefusedError extends Error {
	readonly exitCode = exitCodes.usage;
}

const refuse = (message: string): never => {
	throw new SettingsRefusedError(t('cli.money.refused', {message}));
};

/** A currency as typed: three letters, any case (`eur` is EUR); anything else is refused naming the field. */
export const currencyArgument = (text: string, field: string): string => {
	const code = text.trim().toUpperCase();
	if (!/^[A-Z]{3}$/.test(code)) refuse(t('cli.money.notCurrency', {field, text}));
	return code;
};

/** A rate as typed: a plain decimal number above 0 (`1.08`, `0.14`); `1,08`, `1.080,5` or `1e3` are not guessed at. */
export const rateArgument = (text: string, currency: string): number => {
	const trimmed = text.trim();
	if (!/^\d+(\.\d+)?$|^\.\d+$/.test(trimmed)) refuse(t('cli.money.rateNotNumber', {currency, text}));
	const rate = Number(trimmed);
	if (!(rate > 0)) refuse(t('cli.money.rateNotPositive', {currency, found: trimmed}));
	if (!Number.isFinite(rate) || rate > 1e12) refuse(t('cli.money.rateTooLarge', {currency, found: trimmed}));
	return rate;
};

const priceArgument = (text: string, name: string): number => {
	const reading = readAmount(text);
	if (!reading.ok) return refuse(t('cli.money.priceUnreadable', {name, text, problem: reading.message}));
	if (reading.value < 0) refuse(t('cli.money.priceNegative', {name, text}));
	return reading.value;
};

const productName = (text: string): string => {
	const name = text.trim();
	if (name === '') refuse(t('cli.money.productEmpty'));
	if (name.length > 120) refuse(t('cli.money.productTooLong', {length: name.length}));
	const problem = controlCharacterProblem(name, false);
	if (problem) refuse(t('cli.money.productControl', {problem}));
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
	const lines: string[] = [settings.baseCurrency ? t('cli.money.base', {base}) : t('cli.money.baseAssumed', {base})];
	const rates = Object.entries(settings.rates).sort(([a], [b]) => a.localeCompare(b));
	lines.push(rates.length === 0 ? t('cli.money.noRates', {base}) : t('cli.money.rates', {base}));
	for (const [currency, rate] of rates) lines.push(`  ${currency}  ${number(rate)}`);
	const unpriced = data ? unpricedByCurrency(data, settings) : new Map<string, number>();
	if (unpriced.size > 0)
		lines.push(
			t('cli.money.unpriced', {
				currencies: [...unpriced]
					.map(([currency, count]) => t('cli.money.unpricedCurrency', {currency, count}))
					.join(t('cli.money.listSeparator')),
			}),
		);
	lines.push(
		settings.products.length === 0
			? t('cli.money.noProducts')
			: t('cli.money.products', {count: settings.products.length}),
	);
	const width = Math.max(0, ...settings.products.map((product) => cellsOf(product.name)));
	for (const product of settings.products)
		lines.push(`  ${padCells(product.name, width)}  ${money(product.unitPrice).padStart(14)} ${product.currency}`);
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
			const currency = currencyArgument(request.currency, t('cli.money.fieldBase'));
			if (currency === base && settings.baseCurrency) return t('cli.money.baseAlready', {currency});
			return {
				patch: {kind: 'base', baseCurrency: currency, dropRates: request.dropRates === true},
				done: request.dropRates
					? t('cli.money.baseDoneNoRates', {currency})
					: currency === base
						? t('cli.money.baseDone', {currency})
						: t('cli.money.baseDoneRestated', {currency}),
			};
		}
		case 'rate': {
			const currency = currencyArgument(request.currency, t('cli.money.fieldRate'));
			if (currency === base) refuse(t('cli.money.rateOfBase', {currency}));
			if (request.remove) {
				if (request.rate !== undefined) refuse(t('cli.money.rateAndRemove', {currency}));
				if (settings.rates[currency] === undefined) return t('cli.money.noRateAlready', {currency});
				return {patch: {kind: 'rate', currency, rate: null}, done: t('cli.money.rateRemoved', {currency})};
			}
			if (request.rate === undefined) refuse(t('cli.money.rateMissing', {currency, base}));
			const rate = rateArgument(request.rate!, currency);
			if (settings.rates[currency] === rate) return t('cli.money.rateAlready', {currency, rate: number(rate), base});
			return {
				patch: {kind: 'rate', currency, rate},
				done: t('cli.money.rateSet', {currency, rate: number(rate), base}),
			};
		}
		case 'product-add': {
			const name = productName(request.name);
			const unitPrice = priceArgument(request.price, name);
			const currency = currencyArgument(request.currency, t('cli.money.fieldProduct', {name}));
			const existing = settings.products.find((product) => product.name.toLowerCase() === name.toLowerCase());
			if (existing)
				refuse(
					t('cli.money.productExists', {
						name: existing.name,
						price: money(existing.unitPrice),
						currency: existing.currency,
					}),
				);
			const unrated = rateOf(ratesOf(settings), currency) === null;
			return {
				patch: {kind: 'product', name, product: {name, unitPrice, currency}},
				done: unrated
					? t('cli.money.productAddedUnrated', {name, price: money(unitPrice), currency})
					: t('cli.money.productAdded', {name, price: money(unitPrice), currency}),
			};
		}
		case 'product-remove': {
			const existing = settings.products.find(
				(product) => product.name.toLowerCase() === request.name.trim().toLowerCase(),
			);
			if (!existing) return t('cli.money.noProduct', {name: request.name.trim()});
			return {
				patch: {kind: 'product', name: existing.name, product: null},
				done: t('cli.money.productRemoved', {name: existing.name}),
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
	return `${t('cli.money.changedBy', {done: planned.done, operator: as})}\n${describe(settings, store.data)}`;
};
