import {t} from '../i18n/i18n.js';

/**
 * The exit codes of every command, one convention (`crm --help` and the README say it):
 * - 0: done;
 * - 1: refused (a role, --readonly, a record changed meanwhile, a lock taken over, a file not
 *   replaced without --force, a record not found or named by a name several records have) or a
 *   check failed (rows rejected by an import, an audit chain not intact, a doctor's finding, a KPI
 *   at `report --fail-on`);
 * - 2: a usage mistake (an option, a period, a mapping that does not fit) or a data file or CSV that
 *   cannot be read, or that the system would not let crm write;
 * - 128 + the signal: stopped by a signal (an import: 130 for Ctrl+C, 143 for SIGTERM), nothing saved.
 */
export const exitCodes = {done: 0, refused: 1, usage: 2} as const;

/** The convention in words, for `crm --help`. */
export const exitCodesHelp = (): string => t('cli.exitCodes');
