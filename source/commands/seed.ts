import {access, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {type AccessSettings, type Role, roleOf, rolesConfigured} from '../domain/access.js';
import {chainEntries} from '../domain/audit-chain.js';
import {type Dataset, entitySingular, recordCount, storedEntities} from '../domain/dataset.js';
import {newId} from '../domain/ids.js';
import {sealed, sealedWithRoles} from '../domain/record-seal.js';
import {plural} from '../domain/words.js';
import {replaceWholeFile} from '../store/backup-restore.js';
import {datasetCodec} from '../store/dataset-codec.js';
import {appendMetrics, metricsPathFor} from '../store/metrics-log.js';
import {loadSettings, settingsPathFor, writeSettingsIfMissing} from '../store/settings-file.js';
import {CrmStore} from '../store/store.js';
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
});

/** The settings a seed writes beside a new demo: go-live half-way, the base currency, a rate for every other currency the demo uses, the catalogue, what the CRM cost. */
export const demoSettings = (goLive: string) => ({
	baseCurrency: demoMoney.baseCurrency,
	rates: {...demoMoney.rates},
	products: demoProducts.map((product) => ({...product})),
	assessment: {goLive, windowMonths: 6, roi: {margin: 0.3, ...demoCosts(goLive)}},
});

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
		const records = recordCount(store.data);
		const held =
			records + store.data.changes.length === 0
				? null
				: `${plural(records, 'record')} and ${plural(store.data.changes.length, 'logged change')}`;
		return {held, role: store.roleOf(operator), roles: store.settings.access};
	} catch {
		// A file that does not load may still be someone's data: it is treated as holding some, and its settings file says who may replace it.
		return {
			held: 'data that does not load as it is (crm doctor says what)',
			role: roleOf((await loadSettings(file)).access, operator),
		};
	}
};

/**
 * Writes a generated dataset to `file`; refuses to replace an existing file unless forced, and
 * replacing one that holds data only for an admin of that file, keeping it first as a backup.
 */
export const seedDataFile = async (file: string, options: SeedOptions): Promise<string> => {
	if (options.readonly) throw new SeedRefusedError(`--readonly: crm seed writes ${file}, so it did nothing.`);
	const existing = await exists(file);
	if (await isFolder(file))
		throw new SeedRefusedError(
			`${file} is a folder, not a file: crm seed writes the data file itself (--data ${join(file, 'crm.json')}, say).`,
			exitCodes.usage,
		);
	if (!options.force && existing) {
		throw new SeedRefusedError(
			`${file} already exists; crm seed replaces every record in it, so it only does that with --force.`,
		);
	}
	const operator = options.operator ?? 'operator';
	const {held, role, roles} = existing
		? await heldData(file, operator)
		: {held: null, role: 'admin' as const, roles: undefined};
	if (held && role !== 'admin')
		throw new SeedRefusedError(
			`${operator} (${role}) may not replace ${file}: it holds ${held}, and replacing them is for an admin.`,
		);
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
	const wroteSettings = await writeSettingsIfMissing(file, demoSettings(goLive));
	// The console's own measurements, for the performance panel: only where no log is kept already.
	const wroteMetrics = !(await exists(metricsPathFor(file)));
	if (wroteMetrics) await appendMetrics(file, demoMetrics(settings.now, settings.seed));
	const counts = storedEntities
		.map((entity) => `${dataset[entity].length} ${dataset[entity].length === 1 ? entitySingular[entity] : entity}`)
		.join(', ');
	const settingsNote = wroteSettings
		? ` Settings with go-live ${goLive}, base currency ${demoMoney.baseCurrency}, rates for ${Object.keys(demoMoney.rates).join(' and ')} and a catalogue of ${demoProducts.length} products, with what the CRM cost by category: ${settingsPathFor(file)}.`
		: ` The settings file beside it was kept as it is; the demo also uses ${Object.keys(demoMoney.rates).join(' and ')}: \`crm settings rate\` gives them a rate if it has none.`;
	const keptNote = kept ? ` The file as it was is kept as ${kept}.` : '';
	const metricsNote = wroteMetrics ? ` Six months of console measurements: ${metricsPathFor(file)}.` : '';
	return `Seeded ${file} with ${counts} (seed "${settings.seed}", ${settings.months} months up to ${settings.now.toISOString().slice(0, 10)}).${settingsNote}${metricsNote}${keptNote}`;
};

/** Seeds `file` with the default demo unless it exists; returns what it did, or null when it did nothing. */
export const ensureDemoData = async (file: string): Promise<string | null> =>
	(await exists(file)) ? null : seedDataFile(file, {});
