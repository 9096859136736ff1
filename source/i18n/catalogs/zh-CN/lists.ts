import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the lists and forms: screens’ column titles and cells, detail fields, form labels and hints. */
export const lists: Catalog['lists'] = {};
