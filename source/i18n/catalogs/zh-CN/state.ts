import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the console’s actions: notices, questions, confirmations, bulk changes, saved views, the command line. */
export const state: Catalog['state'] = {};
