import {access} from 'node:fs/promises';
import {entitySingular, storedEntities} from '../domain/dataset.js';
import {settingsPathFor, writeSettingsIfMissing} from '../store/settings-file.js';
import {CrmStore} from '../store/store.js';
import {defaultDemoSizes, generateDemoDataset, type DemoOptions} from './demo-data.js';

export type SeedOptions = Partial<Omit<DemoOptions, 'now'>> & {now?: Date; force?: boolean};

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

export class SeedRefusedError extends Error {
	readonly exitCode = 2;
}

const exists = async (file: string): Promise<boolean> =>
	access(file).then(
		() => true,
		() => false,
	);

/** Writes a generated dataset to `file`; refuses to replace an existing file unless forced. */
export const seedDataFile = async (file: string, options: SeedOptions): Promise<string> => {
	if (!options.force && (await exists(file))) {
		throw new SeedRefusedError(`${file} already exists; crm seed replaces every record in it, so it only does that with --force.`);
	}
	const settings = demoOptions(options);
	const dataset = generateDemoDataset(settings);
	await CrmStore.create(file, dataset);
	// The demo tells a story around a go-live a year ago: before/after compares the two halves.
	const goLive = new Date(Date.UTC(settings.now.getUTCFullYear(), settings.now.getUTCMonth() - Math.floor(settings.months / 2), 1)).toISOString().slice(0, 10);
	const wroteSettings = await writeSettingsIfMissing(file, {assessment: {goLive, windowMonths: 6}});
	const counts = storedEntities.map((entity) => `${dataset[entity].length} ${dataset[entity].length === 1 ? entitySingular[entity] : entity}`).join(', ');
	const settingsNote = wroteSettings ? ` Settings with go-live ${goLive}: ${settingsPathFor(file)}.` : '';
	return `Seeded ${file} with ${counts} (seed "${settings.seed}", ${settings.months} months up to ${settings.now.toISOString().slice(0, 10)}).${settingsNote}`;
};

/** Seeds `file` with the default demo unless it exists; returns what it did, or null when it did nothing. */
export const ensureDemoData = async (file: string): Promise<string | null> => ((await exists(file)) ? null : seedDataFile(file, {}));
