import {access, mkdir} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {type CostLine, costKey, legacyCosts, roiSettingsSchema} from '../domain/roi-costs.js';
import {defaultSettings, type Settings, settingsSchema} from '../domain/settings.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from './data-file-error.js';
import {writeFileDurably} from './durable-json-file.js';
import {MutationError} from './mutation-error.js';
import {UnreadableFileError} from './regular-file.js';
import {bytesUnder, isKeyRefusal, readSetText, setKeyOf} from './sealed/set-sealing.js';

/** Settings are a page of JSON; anything far larger is not a settings file. */
const maxSettingsBytes = 16 * 1024 * 1024;

/** The settings live beside the data file: `crm.json` → `crm.config.json`. */
export const settingsPathFor = (dataFile: string): string =>
	join(dirname(dataFile), `${basename(dataFile).replace(/\.json$/i, '')}.config.json`);

const advice = (): string => t('store.settings.advice');

/** Reads and validates the settings; a missing file means the defaults. */
export const loadSettings = async (dataFile: string): Promise<Settings> => {
	const file = settingsPathFor(dataFile);
	let text: string;
	try {
		const read = await readSetText(file, maxSettingsBytes);
		if (!read) return defaultSettings();
		text = read.text;
	} catch (error) {
		if (isKeyRefusal(error)) throw error;
		throw new DataFileError(
			file,
			error instanceof UnreadableFileError
				? error.problem
				: t('store.file.couldNotRead', {reason: (error as Error).message}),
			advice(),
			t('store.file.settings'),
		);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch {
		throw new DataFileError(file, t('store.json.invalid'), advice(), t('store.file.settings'));
	}
	return validSettings(raw, file, advice());
};

/** The settings file's JSON as it is stored (only what an operator changed; {} when there is none): `crm copy` takes it along. */
export const storedSettingsOf = async (dataFile: string): Promise<Record<string, unknown>> => {
	const read = await readSetText(settingsPathFor(dataFile), maxSettingsBytes);
	return read === null ? {} : (JSON.parse(read.text) as Record<string, unknown>);
};

/** Writes a settings file beside the data file unless one is there: an operator's settings are never replaced. */
export const writeSettingsIfMissing = async (dataFile: string, settings: Record<string, unknown>): Promise<boolean> => {
	const file = settingsPathFor(dataFile);
	const exists = await access(file).then(
		() => true,
		() => false,
	);
	if (exists) return false;
	await mkdir(dirname(file), {recursive: true, mode: 0o700});
	await writeFileDurably(
		file,
		`${JSON.stringify(settings, null, 2)}\n`,
		undefined,
		bytesUnder(await setKeyOf(dataFile)),
	);
	return true;
};

/** A change to the operator's settings made from the console. */
export type SettingsPatch =
	| {
			kind: 'target';
			id: string;
			target: {
				value: number;
				direction: 'higher' | 'lower';
				tolerance: number;
			};
			/** The KPI's name, for the change log (the id otherwise). */
			label?: string;
	  }
	| {
			kind: 'requirement';
			id: string;
			status: 'met' | 'partial' | 'unmet';
			note: string;
			/** The requirement's text, for the change log. */
			label?: string;
	  }
	/** A role given (null: taken away); the store turns it into the roles in force, logged, then `access`. */
	| {kind: 'role'; operator: string; role: import('../domain/access.js').Role | null}
	/** Every role at once, as the store has logged them: the settings file then holds the roles in force. */
	| {kind: 'access'; access: import('../domain/access.js').AccessSettings}
	/** The base currency and the rates into it (KPI.md *Money*). */
	| {kind: 'money'; baseCurrency: string; rates: Record<string, number>}
	/** The catalogue order lines pick products from. */
	| {kind: 'products'; products: Array<{name: string; unitPrice: number; currency: string}>}
	/**
	 * One rate set (null: removed), merged into the file as it is under the lock, so a rate another
	 * console set meanwhile is kept. The base becomes explicit (USD for a file from before rates).
	 */
	| {kind: 'rate'; currency: string; rate: number | null}
	/** Another base currency: the rates are restated into it (through its own rate), or dropped with `dropRates`. */
	| {kind: 'base'; baseCurrency: string; dropRates: boolean}
	/** One product added or replaced by name (null: the product of that name removed), merged like a rate. */
	| {kind: 'product'; name: string; product: {name: string; unitPrice: number; currency: string} | null}
	/**
	 * ROI costs taken away and added (a replacement is both), merged into the file as it is under the
	 * lock, like a rate: a cost another console added meanwhile is kept, one it removed stays removed.
	 */
	| {kind: 'costs'; remove: CostLine[]; add: CostLine[]}
	| {
			kind: 'general';
			goLive: string | null;
			windowMonths: number;
			/** Only the margin: the costs have patches of their own (`costs`). */
			roi: {margin: number};
			slaHours: {urgent: number; high: number; normal: number; low: number};
	  };

/**
 * The settings `raw` holds (a settings file's JSON, or the database's row), validated; refused in
 * words naming `where` (the file, or the database's settings) and the field, with `advice`.
 */
export const validSettings = (raw: unknown, where: string, advice: string): Settings => {
	const result = settingsSchema.safeParse(raw);
	if (result.success) return result.data;
	const issue = result.error.issues[0]!;
	throw new DataFileError(
		where,
		t('store.problem.fieldIssue', {field: issue.path.join('.'), message: issue.message}),
		advice,
		t('store.file.settings'),
	);
};

/**
 * `raw` (the settings as stored: only what the operator changed, defaults not copied in) with the
 * patch applied, and the settings it makes, validated (refused naming `where` and the field).
 */
export const patchedSettings = (
	raw: Record<string, unknown>,
	patch: SettingsPatch,
	where: string,
): {raw: Record<string, unknown>; settings: Settings} => {
	const assessment = {...((raw['assessment'] as Record<string, unknown> | undefined) ?? {})};
	let next: Record<string, unknown> = {...raw, assessment};
	if (patch.kind === 'target')
		assessment['targets'] = {...((assessment['targets'] as object | undefined) ?? {}), [patch.id]: patch.target};
	else if (patch.kind === 'requirement')
		assessment['requirements'] = {
			...((assessment['requirements'] as object | undefined) ?? {}),
			[patch.id]: {status: patch.status, note: patch.note},
		};
	else if (patch.kind === 'access') {
		const {operators, defaultRole} = patch.access;
		if (Object.keys(operators).length > 0 && !Object.values(operators).includes('admin')) {
			throw new MutationError(t('store.settings.noAdmin'));
		}
		next = {...next, access: {operators, defaultRole}};
	} else if (patch.kind === 'money') {
		next = {...next, baseCurrency: patch.baseCurrency, rates: patch.rates};
	} else if (patch.kind === 'products') {
		next = {...next, products: patch.products};
	} else if (patch.kind === 'rate' || patch.kind === 'base' || patch.kind === 'product') {
		next = {...next, ...mergedMoney(raw, patch)};
	} else if (patch.kind === 'costs') {
		assessment['roi'] = mergedCosts(assessment, patch);
	} else if (patch.kind === 'role') {
		// i18n-exempt: a programming error (a caller's), never an operator's
		throw new MutationError('A role is changed through the store, which logs it (CrmStore.updateSettings).');
	} else {
		const roi = {...((assessment['roi'] as object | undefined) ?? {}), margin: patch.roi.margin};
		Object.assign(assessment, {goLive: patch.goLive, windowMonths: patch.windowMonths, roi});
		next = {...next, slaHours: patch.slaHours};
	}
	return {raw: next, settings: validSettings(next, where, t('store.settings.nothingChanged'))};
};

/**
 * Applies a patch to the operator's settings file: only the changed entry is written into it, so
 * the file stays the operator's (defaults are not copied in). Validated before writing; returns the
 * settings in force afterwards. `beforeWrite` hears the settings as they will be, once they are
 * valid and before the file is written (the store logs the change then).
 */
export const updateSettingsFile = async (
	dataFile: string,
	patch: SettingsPatch,
	beforeWrite?: (settings: Settings) => Promise<void>,
): Promise<Settings> => {
	const file = settingsPathFor(dataFile);
	let raw: Record<string, unknown> = {};
	try {
		const read = await readSetText(file, maxSettingsBytes);
		if (read) raw = JSON.parse(read.text) as Record<string, unknown>;
	} catch (error) {
		if (isKeyRefusal(error)) throw error;
		throw new DataFileError(
			file,
			error instanceof UnreadableFileError
				? t('store.settings.notChanged', {problem: error.problem})
				: t('store.settings.invalidNotChanged'),
			advice(),
			t('store.file.settings'),
		);
	}
	const next = patchedSettings(raw, patch, file);
	await beforeWrite?.(next.settings);
	await mkdir(dirname(file), {recursive: true, mode: 0o700});
	await writeFileDurably(
		file,
		`${JSON.stringify(next.raw, null, 2)}\n`,
		undefined,
		bytesUnder(await setKeyOf(dataFile)),
	);
	return next.settings;
};

const significant = (value: number): number => Number(value.toPrecision(12));

/** The money settings after a rate, base or product patch, from the file as it is now. */
const mergedMoney = (
	raw: Record<string, unknown>,
	patch: Extract<SettingsPatch, {kind: 'rate' | 'base' | 'product'}>,
): Record<string, unknown> => {
	const base = typeof raw['baseCurrency'] === 'string' ? raw['baseCurrency'] : 'USD';
	const rates = {...((raw['rates'] as Record<string, number> | undefined) ?? {})};
	if (patch.kind === 'rate') {
		if (patch.rate === null) delete rates[patch.currency];
		else rates[patch.currency] = patch.rate;
		return {baseCurrency: base, rates};
	}
	if (patch.kind === 'product') {
		const products = ((raw['products'] as Array<{name: string}> | undefined) ?? []).filter(
			(product) => product.name.toLowerCase() !== patch.name.toLowerCase(),
		);
		return {products: patch.product ? [...products, patch.product] : products};
	}
	if (patch.dropRates || patch.baseCurrency === base)
		return {baseCurrency: patch.baseCurrency, rates: patch.dropRates ? {} : rates};
	const through = rates[patch.baseCurrency];
	if (through === undefined && Object.keys(rates).length > 0)
		throw new MutationError(t('store.settings.noRate', {currency: patch.baseCurrency, base}));
	const restated: Record<string, number> = {};
	if (through !== undefined) {
		restated[base] = significant(1 / through);
		for (const [currency, rate] of Object.entries(rates))
			if (currency !== patch.baseCurrency) restated[currency] = significant(rate / through);
	}
	return {baseCurrency: patch.baseCurrency, rates: restated};
};

/**
 * `assessment.roi` after a costs patch, from the file as it is now. The old `oneOffCost` and
 * `monthlyCost` (a file from before categories) are first written as the costs they are read as
 * (roi-costs.ts `legacyCosts`: dated at go-live) and dropped; without a go-live they stay as they are.
 * A removal matches a cost by all its fields; one no longer there is gone already.
 */
const mergedCosts = (
	assessment: Record<string, unknown>,
	patch: Extract<SettingsPatch, {kind: 'costs'}>,
): Record<string, unknown> => {
	const raw = {...((assessment['roi'] as Record<string, unknown> | undefined) ?? {})};
	const implementation = Array.isArray(raw['implementation']) ? [...(raw['implementation'] as unknown[])] : [];
	const operation = Array.isArray(raw['operation']) ? [...(raw['operation'] as unknown[])] : [];
	const goLive = typeof assessment['goLive'] === 'string' ? assessment['goLive'] : null;
	const read = roiSettingsSchema.safeParse({oneOffCost: raw['oneOffCost'], monthlyCost: raw['monthlyCost']});
	if (goLive !== null && read.success) {
		// \`implementation\` and \`operation\` as read did not include them: they come first, as costsInForce lists them.
		const legacy = legacyCosts(read.data, goLive);
		implementation.unshift(...legacy.implementation);
		operation.unshift(...legacy.operation);
		delete raw['oneOffCost'];
		delete raw['monthlyCost'];
	}
	// Each removal takes one cost away: of two alike, one stays.
	const gone = new Map<string, number>();
	for (const line of patch.remove) gone.set(costKey(line), (gone.get(costKey(line)) ?? 0) + 1);
	const keep = (kind: CostLine['kind']) => (cost: unknown) => {
		const key = costKey({kind, cost: {to: null, note: '', ...(cost as object)}} as CostLine);
		const left = gone.get(key) ?? 0;
		if (left > 0) gone.set(key, left - 1);
		return left === 0;
	};
	return {
		...raw,
		implementation: [
			...implementation.filter(keep('implementation')),
			...patch.add.filter((line) => line.kind === 'implementation').map((line) => line.cost),
		],
		operation: [
			...operation.filter(keep('operation')),
			...patch.add.filter((line) => line.kind === 'operation').map((line) => line.cost),
		],
	};
};
