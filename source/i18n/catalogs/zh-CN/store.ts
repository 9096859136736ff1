import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the store: data-file, journal, lock, backup and settings-file errors; doctor, audit and access. */
export const store: Catalog['store'] = {};
