import {access, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {type AccessSettings, type Role, roleOf, rolesConfigured} from '../domain/access.js';
import {chainEntries} from '../domain/audit-chain.js';
import {type Dataset, recordCount, type StoredEntity, storedEntities} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import {sealed, sealedWithRoles} from '../domain/record-seal.js';
import {currentLanguage, setLanguage, t} from '../i18n/i18n.js';
import {chooseLanguage, type Language} from '../i18n/language.js';
import {replaceWholeFile} from '../store/backup-restore.js';
import {isDatabaseUrl, shownUrl} from '../store/database-url.js';
import {datasetCodec} from '../store/dataset-codec.js';
import {appendMetrics, metricsPathFor} from '../store/metrics-log.js';
import {loadSettings, settingsPathFor, writeSettingsIfMissing} from '../store/settings-file.js';
import {CrmStore} from '../store/store.js';
import {chineseSettings} from './demo-chinese.js';
import {demoCosts} from './demo-costs.js';
import {type DemoOptions, defaultDemoSizes, generateDemoDataset} from './demo-data.js';
import {demoMetrics} from './demo-metrics.js';
import {demoMoney, demoProducts} from './demo-orders.js';
import {demoGoLive} from './demo-surveys.js';
import {exitCodes} from './exit-codes.js';

export type SeedOptions = Partial<Omit<DemoOptions, 'now'>> & {
	now?: Date;
	force?: boolean;
	/** Who seeds: replacing a file that holds data is for an admin of that file. */
	operator?: string;
	/** --readonly: write nothing. */
	readonly?: boolean;
};

/** `crm seed`'s options as commander reads them. */
export type SeedCommandOptions = {
	data?: string;
	lang?: string;
	seed: string;
	customers: number;
	opportunities: number;
	tickets: number;
	feedback: number;
	months: number;
	now?: Date;
	force?: boolean;
	operator?: string;
	readonly?: boolean;
};

/** The language `crm seed` writes the demo and answers in (--lang, CRM_LANG, the locale), spoken from now on. */
export const seedLanguage = (flag: string | undefined): Language => {
	const language = chooseLanguage({flag, env: process.env});
	setLanguage(language);
	return language;
};

/** What `crm seed --lang` does, for its --help. */
export const seedLanguageHelp = (): string => t('format.seed.langOption');

/** Start of today in UTC: seeding twice on one day gives the same file. */
export const startOfTodayUtc = (): Date => {
	const now = new Date();
	return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
};

export const demoOptions = (options: SeedOptions): DemoOptions => ({
	seed: options.seed ?? 'crm-console',
	now: options.now ?? startOfTodayUtc(),
	months: options.months ?? 24,
	customers: options.customers ?? defaultDemoSizes.customers,
	opportunities: options.opportunities ?? defaultDemoSizes.opportunities,
	tickets: options.tickets ?? defaultDemoSizes.tickets,
	feedback: options.feedback ?? defaultDemoSizes.feedback,
	language: options.language ?? 'en',
});

/**
 * The settings a seed writes beside a new demo: go-live half-way, the base currency, a rate for every
 * other currency the demo uses, the catalogue, what the CRM cost; beside a Chinese demo, its words in
 * Chinese and the console in Chinese.
 */
export const demoSettings = (goLive: string, language: Language = 'en') => {
	const settings = {
		baseCurrency: demoMoney.baseCurrency,
		rates: {...demoMoney.rates},
		products: demoProducts.map((product) => ({...product})),
		assessment: {goLive, windowMonths: 6, roi: {margin: 0.3, ...demoCosts(goLive)}},
	};
	return language === 'zh-CN' ? chineseSettings(settings) : settings;
};

/** `300 customers`, `1 opportunity` (`300 个客户`): how many records of a kind the seed wrote. */
const entityCount: Record<StoredEntity, (count: number) => string> = {
	customers: (count) => t('format.seed.customers', {count}),
	opportunities: (count) => t('format.seed.opportunities', {count}),
	tickets: (count) => t('format.seed.tickets', {count}),
	feedback: (count) => t('format.seed.feedback', {count}),
	campaigns: (count) => t('format.seed.campaigns', {count}),
	orders: (count) => t('format.seed.orders', {count}),
	activities: (count) => t('format.seed.activities', {count}),
	surveys: (count) => t('format.seed.surveys', {count}),
	audiences: (count) => t('format.seed.audiences', {count}),
};

/** Sentences one after another: a space between them in English, none in Chinese (。 ends one). */
const sentences = (parts: readonly string[]): string => parts.join(currentLanguage() === 'zh-CN' ? '' : ' ');

/** `CNY and EUR` (`CNY 和 EUR`). */
const currencyList = (codes: readonly string[]): string =>
	new Intl.ListFormat(currentLanguage(), {type: 'conjunction'}).format(codes);

/** The demo's log continued by the roles in force in the file it replaces (sealedWithRoles begins a log with them). */
const withRolesAfterHistory = (dataset: Dataset, roles: AccessSettings, operator: string): Dataset => {
	const [rolesEntry] = sealedWithRoles(dataset, roles, operator, new Date().toISOString(), newId('chg')).changes;
	const {hash: _rechained, ...entry} = rolesEntry!;
	return sealed({...dataset, changes: chainEntries('', [...dataset.changes, entry])});
};

/** A worded refusal of `crm seed`: exit 1 when it is refused (read-only, no --force, a role), 2 when it is a usage mistake. */
export class SeedRefusedError extends Error {
	constructor(
		message: string,
		readonly exitCode: 1 | 2 = exitCodes.refused,
	) {
		super(message);
	}
}

const exists = async (file: string): Promise<boolean> =>
	access(file).then(
		() => true,
		() => false,
	);

/** A folder where the data file should be: --force would not help, so it is said at once. */
const isFolder = async (file: string): Promise<boolean> =>
	stat(file).then(
		(info) => info.isDirectory(),
		() => false,
	);

/** What data holds, in words (`300 records and 12 change-log entries`); null when it holds no record and no change: nothing to lose. */
const heldWords = (data: Dataset): string | null => {
	const records = recordCount(data);
	if (records + data.changes.length === 0) return null;
	return t('format.seed.held', {
		records: t('format.seed.records', {count: records}),
		changes: t('format.seed.changes', {count: data.changes.length}),
	});
};

/**
 * What an existing file holds, in words (null when it holds no record and no change: nothing to
 * lose), and the role `operator` has in it — the roles its change log vouches for.
 */
const heldData = async (
	file: string,
	operator: string,
): Promise<{held: string | null; role: Role; roles?: AccessSettings}> => {
	try {
		const store = await CrmStore.open(file, Date.now, {readonly: true});
		return {held: heldWords(store.data), role: store.roleOf(operator), roles: store.settings.access};
	} catch {
		// A file that does not load may still be someone's data: it is treated as holding some, and its settings file says who may replace it.
		return {
			held: t('format.seed.unreadable'),
			role: roleOf((await loadSettings(file)).access, operator),
		};
	}
};

/**
 * Writes a generated dataset to `file`; refuses to replace an existing file unless forced, and
 * replacing one that holds data only for an admin of that file, keeping it first as a backup.
 */
export const seedDataFile = async (file: string, options: SeedOptions): Promise<string> => {
	if (isDatabaseUrl(file)) return seedDatabase(file, options);
	if (options.readonly) throw new SeedRefusedError(t('format.seed.readonly', {file}));
	const existing = await exists(file);
	if (await isFolder(file))
		throw new SeedRefusedError(t('format.seed.folder', {file, example: join(file, 'crm.json')}), exitCodes.usage);
	if (!options.force && existing) {
		throw new SeedRefusedError(t('format.seed.exists', {file}));
	}
	const operator = options.operator ?? 'operator';
	const {held, role, roles} = existing
		? await heldData(file, operator)
		: {held: null, role: 'admin' as const, roles: undefined};
	if (held && role !== 'admin') throw new SeedRefusedError(t('format.seed.notAdmin', {operator, role, file, held}));
	const settings = demoOptions(options);
	const dataset = generateDemoDataset(settings);
	let kept: string | null = null;
	// The roles in force stay bound to the new file's chain (they would otherwise be anyone's to edit by hand).
	const replacement =
		roles && rolesConfigured(roles) ? withRolesAfterHistory(dataset, roles, operator) : sealed(dataset);
	if (held) ({kept} = await replaceWholeFile(file, datasetCodec(file).stringify(replacement), 'before-seed'));
	else await CrmStore.create(file, dataset);
	// The demo tells a story around a go-live a year ago: before/after compares the two halves.
	const goLive = new Date(demoGoLive(settings.now, settings.months)).toISOString().slice(0, 10);
	const wroteSettings = await writeSettingsIfMissing(file, demoSettings(goLive, settings.language));
	return seededWords(file, dataset, settings, goLive, wroteSettings ? settingsPathFor(file) : null, kept);
};

/**
 * What a seed did, in words, once the data and the settings are written: the console's own
 * measurements (for the performance panel) are written too, only where no log is kept already.
 */
const seededWords = async (
	file: string,
	dataset: Dataset,
	settings: DemoOptions,
	goLive: string,
	settingsWritten: string | null,
	kept: string | null,
): Promise<string> => {
	const wroteMetrics = !(await exists(metricsPathFor(file)));
	if (wroteMetrics) await appendMetrics(file, demoMetrics(settings.now, settings.seed));
	const counts = storedEntities
		.map((entity) => entityCount[entity](dataset[entity].length))
		.join(currentLanguage() === 'zh-CN' ? '、' : ', ');
	const currencies = currencyList(Object.keys(demoMoney.rates));
	return sentences([
		t('format.seed.seeded', {
			file: isDatabaseUrl(file) ? shownUrl(file) : file,
			counts,
			seed: settings.seed,
			months: settings.months,
			day: settings.now.toISOString().slice(0, 10),
		}),
		settingsWritten
			? t('format.seed.settingsWritten', {
					goLive,
					base: demoMoney.baseCurrency,
					currencies,
					products: demoProducts.length,
					file: settingsWritten,
				})
			: t('format.seed.settingsKept', {currencies}),
		...(wroteMetrics ? [t('format.seed.metrics', {file: metricsPathFor(file)})] : []),
		...(kept ? [t('format.seed.kept', {file: kept})] : []),
	]);
};

/**
 * `crm seed --data postgres://…`: crm's tables created where missing, then as with a file: refused
 * where data is held unless forced, and then only for an admin of it; the database's settings kept
 * when it has some, else the demo's written there.
 */
const seedDatabase = async (url: string, options: SeedOptions): Promise<string> => {
	const where = shownUrl(url);
	if (options.readonly) throw new SeedRefusedError(t('format.seed.readonly', {file: where}));
	const {PostgresStore} = await import('../store/postgres/postgres-store.js');
	const store = await PostgresStore.open(url, Date.now, {readonly: true, migrate: true});
	await store.close();
	const operator = options.operator ?? 'operator';
	const held = heldWords(store.data);
	if (held && !options.force) throw new SeedRefusedError(t('format.seed.exists', {file: where}));
	const role = store.roleOf(operator);
	if (held && role !== 'admin')
		throw new SeedRefusedError(t('format.seed.notAdmin', {operator, role, file: where, held}));
	const settings = demoOptions(options);
	const dataset = generateDemoDataset(settings);
	const roles = store.settings.access;
	const replacement = rolesConfigured(roles) ? withRolesAfterHistory(dataset, roles, operator) : dataset;
	const goLive = new Date(demoGoLive(settings.now, settings.months)).toISOString().slice(0, 10);
	const stored = store.storedSettings;
	const writeSettings = Object.keys(stored).length === 0;
	const kept = writeSettings ? demoSettings(goLive, settings.language) : stored;
	await PostgresStore.write(url, replacement, kept, operator);
	return seededWords(url, dataset, settings, goLive, writeSettings ? `${where} (crm.head.settings)` : null, null);
};

/** Seeds `file` with the default demo (in `language`, English unless said) unless it exists; returns what it did, or null when it did nothing. */
export const ensureDemoData = async (file: string, language: Language = 'en'): Promise<string | null> =>
	(await exists(file)) ? null : seedDataFile(file, {language});
