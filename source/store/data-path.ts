import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';
import {isDatabaseUrl} from './database-url.js';

/** Where the console keeps its data unless told otherwise: `$XDG_DATA_HOME/crm-console/crm.json`. */
export const defaultDataPath = (environment: NodeJS.ProcessEnv = process.env): string => {
	const base = environment['XDG_DATA_HOME'] || join(homedir(), '.local', 'share');
	return join(base, 'crm-console', 'crm.json');
};

/** `--data PATH` wins over `CRM_DATA`, which wins over the default; a `postgres://` URL is kept as it is. */
export const resolveDataPath = (flag: string | undefined, environment: NodeJS.ProcessEnv = process.env): string => {
	const chosen = flag || environment['CRM_DATA'] || defaultDataPath(environment);
	return isDatabaseUrl(chosen) ? chosen : resolve(chosen);
};

/**
 * Where the files crm keeps beside its data go (the console's measurements, an import's rejects):
 * beside the data file, or for a database, in a folder of this machine's (`$XDG_DATA_HOME/crm-console/postgres/`),
 * as if the database were a file there named after its host, port and name.
 */
export const besideData = (path: string): string => {
	if (!isDatabaseUrl(path)) return path;
	let name = 'database';
	try {
		const url = new URL(path);
		name = `${url.hostname || 'local'}-${url.port || '5432'}-${decodeURIComponent(url.pathname.slice(1)) || 'postgres'}`;
	} catch {
		// A URL that does not parse: the driver refuses it first.
	}
	return join(dirname(defaultDataPath()), 'postgres', `${name.replace(/[^\w.-]+/g, '_')}.json`);
};
