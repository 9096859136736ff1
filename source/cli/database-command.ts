import type {Command} from 'commander';
import {t} from '../i18n/i18n.js';
import {resolveDataPath} from '../store/data-path.js';
import {isDatabaseUrl} from '../store/database-url.js';
import {followLinks} from '../store/regular-file.js';
import {osUser} from './operator.js';
import {reportKnownErrors, say} from './words.js';

/** A path as given (a database's URL), or a file's with its links followed. */
const location = async (path: string): Promise<string> => {
	const resolved = resolveDataPath(path);
	return isDatabaseUrl(resolved) ? resolved : followLinks(resolved);
};

/** `crm db migrate` and `crm copy` (their code, and the client library, loaded when they run): crm's tables in a PostgreSQL database, and data from one store to another. */
export const databaseCommands = (program: Command): void => {
	const db = program.command('db').description(t('cli.database.description'));
	db.command('migrate')
		.description(t('cli.database.migrate'))
		.option('--data <url>', t('cli.database.data'))
		.action(async (options: {data?: string}) =>
			reportKnownErrors(async () => {
				const {runMigrate} = await import('../commands/database.js');
				say(await runMigrate(resolveDataPath(options.data)));
			}),
		);
	program
		.command('copy')
		.description(t('cli.copy.description'))
		.requiredOption('--from <path>', t('cli.copy.from'))
		.requiredOption('--to <path>', t('cli.copy.to'))
		.option('--force', t('cli.copy.force'))
		// An encrypted file on either side: its key (the hook that finds keys reads it).
		.option('--key-file <path>', t('cli.options.keyFile'))
		.action(async (options: {from: string; to: string; force?: boolean}) =>
			reportKnownErrors(async () => {
				// Loaded only now: the database's client library is no cost to any other command.
				const {runCopy} = await import('../commands/database.js');
				say(
					await runCopy(await location(options.from), await location(options.to), {
						force: options.force === true,
						operator: osUser().name ?? 'crm',
					}),
				);
			}),
		);
};
