import {JsonFileStore} from './json-file-store.js';
import type {CrmStore as StoreContract} from './store-contract.js';

/**
 * The store the app opens: `CrmStore` the value opens the JSON file backend (`CrmStore.open`,
 * `CrmStore.create`, `CrmStore.processUser`); `CrmStore` the type is the contract every backend
 * meets (`store-contract.ts`), so code that holds a store does not know which backend it is.
 */
export const CrmStore = JsonFileStore;
export type CrmStore = StoreContract;

export {checkedPathFor} from './export-file.js';
export {SaveError, saveFailure} from './save-failure.js';
export type {ApplyResult, UndoResult} from './store-contract.js';
