import {homedir} from 'node:os';
import {join, resolve} from 'node:path';
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
