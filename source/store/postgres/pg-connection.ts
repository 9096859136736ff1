import {userInfo} from 'node:os';
import pg from 'pg';
import {parseIntoClientConfig} from 'pg-connection-string';
import pgpass from 'pgpass';
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

/** How long a save may sit between two statements (a bulk change checks its records meanwhile): ended after this. */
export const idleInSaveMs = 60_000;

/** How long a save waits for another's lock on the head row before it gives up, in words. */
export const lockWaitMs = 90_000;

/**
 * How a connection to `url` is made: `sslmode` as PostgreSQL's own clients read it (libpq's
 * meaning: `require` encrypts, `verify-ca` and `verify-full` also check the server's certificate,
 * with `sslrootcert`), not the client library's older reading; and the name the server shows.
 */
export const connectionOf = (url: string): pg.ClientConfig => {
	let connectionString = url;
	try {
		const parsed = new URL(url);
		if (parsed.searchParams.has('sslmode') && !parsed.searchParams.has('uselibpqcompat')) {
			parsed.searchParams.set('uselibpqcompat', 'true');
			connectionString = parsed.toString();
		}
	} catch {
		// A URL that does not parse: the client library refuses it, in its words.
		return {connectionString: url};
	}
	const config = parseIntoClientConfig(connectionString);
	// i18n-exempt: the name the server shows in pg_stat_activity
	config.application_name = 'crm-console';
	// A console stopped or cut off mid-save holds the head's lock: the server ends its transaction after
	// a while (rolled back: it was never acknowledged), and a dead peer is noticed by keepalives.
	// i18n-exempt: server settings, not words
	config.options = `-c idle_in_transaction_session_timeout=${idleInSaveMs} -c lock_timeout=${lockWaitMs}`;
	config.keepAlive = true;
	config.keepAliveInitialDelayMillis = 10_000;
	// No password in the URL: PGPASSWORD, else the password file (PGPASSFILE or ~/.pgpass), read here as libpq does.
	// None found: the server's refusal says a password is needed.
	if (!config.password)
		config.password = ((parameters?: unknown) =>
			process.env['PGPASSWORD'] ??
			new Promise<string | undefined>((resolve) =>
				pgpass((parameters ?? config) as Parameters<typeof pgpass>[0], resolve),
			)) as () => Promise<string>;
	return config;
};

/**
 * A pool of connections to the database at `url`: the password from the URL, `PGPASSWORD` or
 * `~/.pgpass` (the client library reads them), `sslmode` from the URL. A connection that breaks
 * while idle (the server restarted) is dropped from the pool and reported to `onLost`, never
 * thrown: the next query opens a new one.
 */
export const openPool = (url: string, onLost: (error: Error) => void = () => undefined): pg.Pool => {
	const pool = new pg.Pool({
		...connectionOf(url),
		max: 4,
		idleTimeoutMillis: 30_000,
		connectionTimeoutMillis: 10_000,
		// A command that is done ends, though its store is not closed: idle connections keep no process alive.
		allowExitOnIdle: true,
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
	// 55P03: the head stayed locked by another console (stopped or cut off mid-save) for longer than crm waits.
	if (error.code === '55P03') return new SaveError(t('store.database.lockWait', {seconds: lockWaitMs / 1000}));
	return new SaveError(t('store.database.notSaved', {reason}));
};

/**
 * Runs `work` on one connection to the database at `url` (a command's: the pool ends with it); a
 * failure to reach or use the database comes back in words naming it (`databaseError`), and a
 * refusal of crm's own (a DataFileError, a command's) as it is.
 */
export const withDatabase = async <T>(url: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> => {
	const pool = openPool(url);
	try {
		const client = await pool.connect();
		try {
			return await work(client);
		} finally {
			client.release();
		}
	} catch (error) {
		if (error instanceof DataFileError || (error instanceof Error && 'exitCode' in error)) throw error;
		throw databaseError(url, error);
	} finally {
		await pool.end().catch(() => undefined);
	}
};
