import {userInfo} from 'node:os';
import pg from 'pg';
import {t} from '../../i18n/i18n.js';
import {DataFileError} from '../data-file-error.js';
import {shownUrl} from '../database-url.js';
import {MutationError} from '../mutation-error.js';
import {SaveError} from '../save-failure.js';

/** What the client library said, without anything that may hold the password. */
const reasonOf = (error: unknown): string => {
	const message = error instanceof Error ? error.message : String(error);
	return message.replace(/postgres(ql)?:\/\/\S*/gi, (found) => shownUrl(found));
};

/** The failures that a new connection may cure: the server restarting, the network gone for a moment. */
export const isConnectionLost = (error: unknown): boolean => {
	const {code, message} = error as {code?: string; message?: string};
	if (
		code &&
		/^(ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|57P01|57P02|57P03|08\w{3})$/.test(code)
	)
		return true;
	return /Connection terminated|connection ended|Client has encountered a connection error|not queryable/i.test(
		message ?? '',
	);
};

/**
 * A failure to reach or use the database, as one line naming it (never its password) and what to
 * do: a wrong password, a host that does not answer, a database that is not there, a user without
 * the rights. Anything else keeps the library's words.
 */
export const databaseError = (url: string, error: unknown): DataFileError => {
	const {code} = error as {code?: string};
	const where = shownUrl(url);
	const problem = (): string => {
		if (code === '28P01' || code === '28000') return t('store.database.passwordRefused');
		if (/client password must be a string|password authentication/i.test(reasonOf(error)))
			return t('store.database.passwordMissing');
		if (code === 'ECONNREFUSED') return t('store.database.refused');
		if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return t('store.database.noHost');
		if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return t('store.database.noAnswer');
		if (code === '3D000') return t('store.database.noDatabase');
		if (code === '42501') return t('store.database.noRights', {reason: reasonOf(error)});
		if (code === '57P03') return t('store.database.starting');
		return t('store.database.failed', {reason: reasonOf(error)});
	};
	return new DataFileError(where, problem(), t('store.database.advice'), t('store.database.what'));
};

/**
 * A pool of connections to the database at `url`: the password from the URL, `PGPASSWORD` or
 * `~/.pgpass` (the client library reads them), `sslmode` from the URL. A connection that breaks
 * while idle (the server restarted) is dropped from the pool and reported to `onLost`, never
 * thrown: the next query opens a new one.
 */
export const openPool = (url: string, onLost: (error: Error) => void = () => undefined): pg.Pool => {
	const pool = new pg.Pool({
		connectionString: url,
		max: 4,
		idleTimeoutMillis: 30_000,
		connectionTimeoutMillis: 10_000,
		// A command that is done ends, though its store is not closed: idle connections keep no process alive.
		allowExitOnIdle: true,
		// i18n-exempt: the name the server shows in pg_stat_activity
		application_name: 'crm-console',
	});
	pool.on('error', onLost);
	return pool;
};

/** An error the server answered with (a refusal, a constraint), not one of the connection's. */
const fromServer = (error: unknown): error is Error & {code: string} =>
	error instanceof Error && typeof (error as {severity?: unknown}).severity === 'string';

/**
 * A change the server refused, in words: a user without the rights for it is refused as the role
 * refusal is (MutationError: exit 1, the console says so and keeps the input); any other refusal is
 * a save that failed (SaveError). Anything else (a lost connection, a bug) passes as it is.
 */
export const changeFailure = (url: string, error: unknown): unknown => {
	if (!fromServer(error)) return error;
	const reason = reasonOf(error);
	if (error.code === '42501') {
		const user = (() => {
			try {
				return decodeURIComponent(new URL(url).username) || process.env['PGUSER'] || userInfo().username;
			} catch {
				return '?';
			}
		})();
		return new MutationError(t('store.database.notAllowed', {user, reason}));
	}
	return new SaveError(t('store.database.notSaved', {reason}));
};
