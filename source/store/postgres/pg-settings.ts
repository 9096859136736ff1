import {defaultSettings, type Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import {shownUrl} from '../database-url.js';
import {validSettings} from '../settings-file.js';
import {withDatabase} from './pg-connection.js';
import {readHead} from './pg-data.js';
import {schemaVersionOf} from './pg-schema.js';

/** The settings a database holds (the defaults while it has no crm tables: the command then says what is missing). */
export const databaseSettings = async (url: string): Promise<Settings> => {
	return withDatabase(url, async (client) => {
		if ((await schemaVersionOf(client)) === 0) return defaultSettings();
		return validSettings(
			(await readHead(client)).settings,
			`${shownUrl(url)} (crm.head.settings)`,
			t('store.settings.advice'),
		);
	});
};
