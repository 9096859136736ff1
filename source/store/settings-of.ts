import type {Settings} from '../domain/settings.js';
import {isDatabaseUrl} from './database-url.js';
import {loadSettings} from './settings-file.js';

/** The settings of the data at `path`: its settings file's, or a database's (its client library loaded only then). */
export const settingsOf = async (path: string): Promise<Settings> =>
	isDatabaseUrl(path) ? (await import('./postgres/pg-settings.js')).databaseSettings(path) : loadSettings(path);
