import {exitCodes} from '../commands/exit-codes.js';
import {t} from '../i18n/i18n.js';
import {resolveDataPath} from '../store/data-path.js';
import {isDatabaseUrl} from '../store/database-url.js';
import {followLinks} from '../store/regular-file.js';
import {fail} from './words.js';

/** The data file a command works on: `--data`, `$CRM_DATA` or the default, with a symbolic link followed (saves replace the file it points at). */
export const dataFileFrom = async (flag: string | undefined): Promise<string> => {
	const path = resolveDataPath(flag);
	return isDatabaseUrl(path) ? path : followLinks(path);
};

/** Refuses a writing command under --readonly (`crm --readonly seed` is `crm seed --readonly`: see the preAction hook), naming what it would have written. */
export const refuseIfReadonly = (options: {readonly?: boolean}, what: string): void => {
	if (options.readonly === true) fail(t('cli.readonly.refused', {what}), exitCodes.refused);
};
