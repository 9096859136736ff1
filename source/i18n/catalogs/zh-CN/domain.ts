import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the records: validation messages (zod and record rules), refusals, date and amount input, the import mapping. */
export const domain: Catalog['domain'] = {};
