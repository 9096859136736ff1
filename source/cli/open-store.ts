import {createInterface} from 'node:readline/promises';
import {t} from '../i18n/i18n.js';
import {isDatabaseUrl} from '../store/database-url.js';
import {CrmStore} from '../store/store.js';
import {actsAsAnother} from './operator.js';

/** The customers a database's console opens on: more than any screen shows, read in a few milliseconds. */
const firstRows = 500;

/**
 * The console's store: as every command opens it, except that a database whose crm tables are
 * missing or older than this crm's is brought up to date after asking (at a terminal, not read-only);
 * declined, or without a terminal to ask at, it is refused in words as the commands refuse it.
 */
export const openConsoleStore = async (path: string, options: {readonly?: boolean; operator?: string}) => {
	// A database opens on its first customers; the rest is read behind them (`loading`), so the first frame waits for no more.
	// Acting under another name is judged at start by the roles the log vouches for: with roles set, a file is then read whole.
	const rolesFirst = actsAsAnother(options.operator);
	const open = (migrate: boolean) =>
		CrmStore.open(path, Date.now, {
			readonly: options.readonly,
			lockingLater: true,
			migrate,
			window: firstRows,
			rolesFirst,
		});
	if (!isDatabaseUrl(path)) return open(false);
	const {SchemaBehindError} = await import('../store/postgres/postgres-store.js');
	try {
		return await open(false);
	} catch (error) {
		if (!(error instanceof SchemaBehindError) || options.readonly || !process.stdin.isTTY || !process.stdout.isTTY)
			throw error;
		const words = {url: error.file, found: error.found};
		const asking = createInterface({input: process.stdin, output: process.stdout});
		const answer = await asking
			.question(error.found === 0 ? t('cli.database.askCreate', words) : t('cli.database.askMigrate', words))
			.finally(() => asking.close());
		if (!/^(y|yes|\u662f|\u597d)$/i.test(answer.trim())) throw error;
		return open(true);
	}
};
