import {t} from '../i18n/i18n.js';

/** A save the system refused (a full disk, a read-only file system): in words, and counted as an error. */
export class SaveError extends Error {
	override readonly name = 'SaveError'; // i18n-exempt: the error's class name
}

const systemReasons: Record<string, (file: string) => string> = {
	ENOSPC: (file) => t('store.save.diskFull', {file}),
	EDQUOT: (file) => t('store.save.quota', {file}),
	EROFS: (file) => t('store.save.readOnly', {file}),
	EACCES: (file) => t('store.save.noWrite', {file}),
	EPERM: (file) => t('store.save.noWrite', {file}),
	EIO: (file) => t('store.save.io', {file}),
};

/** Turns a system error of a save into a sentence an operator can act on; anything else passes as it is. */
export const saveFailure = (file: string, error: unknown): unknown => {
	const code = (error as NodeJS.ErrnoException).code;
	const reason = code ? systemReasons[code] : undefined;
	if (!reason) return error;
	return new SaveError(t('store.save.refused', {reason: reason(file), code: String(code)}));
};
