import type {Dataset} from '../domain/dataset.js';
import {isDatabaseUrl} from './database-url.js';
import {JsonFileStore, type OpenOptions} from './json-file-store.js';
import type {PostgresOpenOptions, PostgresStore} from './postgres/postgres-store.js';
import type {CrmStore as StoreContract} from './store-contract.js';
import {StoreCore} from './store-core.js';

/** The PostgreSQL backend, loaded only when a database is named (a file's user never pays for its client). */
const postgres = async (): Promise<typeof PostgresStore> =>
	(await import('./postgres/postgres-store.js')).PostgresStore;

/**
 * The store the app opens: `CrmStore.open(path)` opens the JSON file at `path`, or the PostgreSQL
 * database when `path` is a `postgres://` URL; `CrmStore.create` writes a whole dataset there;
 * `CrmStore.processUser` is the OS user every store acts as. `CrmStore` the type is the contract
 * every backend meets (`store-contract.ts`), so code that holds a store does not know which backend it is.
 */
export const CrmStore = {
	async open(
		path: string,
		clock: () => number = Date.now,
		options: OpenOptions & PostgresOpenOptions = {},
	): Promise<JsonFileStore | PostgresStore> {
		if (isDatabaseUrl(path)) return (await postgres()).open(path, clock, options);
		return JsonFileStore.open(path, clock, options);
	},
	async create(path: string, data: Dataset): Promise<JsonFileStore | PostgresStore> {
		if (isDatabaseUrl(path)) return (await postgres()).create(path, data);
		return JsonFileStore.create(path, data);
	},
	get processUser(): string | null | undefined {
		return StoreCore.processUser;
	},
	set processUser(user: string | null | undefined) {
		StoreCore.processUser = user;
	},
};
export type CrmStore = StoreContract;

export {checkedPathFor} from './export-file.js';
export {SaveError, saveFailure} from './save-failure.js';
export type {ApplyResult, UndoResult} from './store-contract.js';
export {isDatabaseUrl};
