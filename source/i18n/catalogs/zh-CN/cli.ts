import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the command line: `--help` of every command, usage errors, and the import, export and settings commands. */
export const cli: Catalog['cli'] = {};
