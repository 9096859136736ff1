import {t} from '../../i18n/i18n.js';

/** Why a sealed file, a sealed line or a key could not be used. */
export type SealErrorCode =
	| 'wrong_key'
	| 'key_needed'
	| 'damaged'
	| 'truncated'
	| 'unsupported'
	| 'not_sealed'
	| 'bad_key_file'
	| 'loose_key_file'
	| 'key_file_missing'
	| 'key_file_folder'
	| 'key_file_unreadable'
	| 'key_file_unwritable'
	| 'exists'
	| 'empty_passphrase';

/** What a message says beside the file: the ids of a wrong key, the part that failed, a mode, a system reason. */
export type SealErrorDetails = {
	fileId?: string;
	givenId?: string;
	part?: string;
	mode?: number;
	reason?: string;
};

/** A sealed file's name in a message, or words for bytes that came from no named file. */
const named = (file: string | undefined): string => file ?? t('sealed.unnamed');

/** The mode of a file as `chmod` takes it: 0644. */
export const modeText = (mode: number): string => `0${(mode & 0o777).toString(8).padStart(3, '0')}`;

const messageOf = (code: SealErrorCode, file: string, details: SealErrorDetails): string => {
	switch (code) {
		case 'wrong_key':
			return t('sealed.wrongKey', {file, fileId: details.fileId ?? '', givenId: details.givenId ?? ''});
		case 'key_needed':
			return t('sealed.keyNeeded', {file, fileId: details.fileId ?? ''});
		case 'damaged':
			return t('sealed.damaged', {file, part: details.part ?? t('sealed.part.header')});
		case 'truncated':
			return t('sealed.truncated', {file});
		case 'unsupported':
			return t('sealed.unsupported', {file});
		case 'not_sealed':
			return t('sealed.notSealed', {file});
		case 'bad_key_file':
			return t('sealed.badKeyFile', {file});
		case 'loose_key_file':
			return t('sealed.looseKeyFile', {file, mode: modeText(details.mode ?? 0)});
		case 'key_file_missing':
			return t('sealed.keyFileMissing', {file});
		case 'key_file_folder':
			return t('sealed.keyFileFolder', {file});
		case 'key_file_unreadable':
			return t('sealed.keyFileUnreadable', {file, reason: details.reason ?? ''});
		case 'key_file_unwritable':
			return t('sealed.keyFileUnwritable', {file, reason: details.reason ?? ''});
		case 'exists':
			return t('sealed.exists', {file});
		case 'empty_passphrase':
			return t('sealed.emptyPassphrase');
	}
};

/**
 * A sealed file, line or key that cannot be used: one line that names the file and says what to do.
 * Its text never holds a key's bytes (only key ids), nor any text of the sealed data. The CLI prints
 * it and exits with code 2.
 */
export class SealError extends Error {
	override readonly name = 'SealError'; // i18n-exempt: the error's class name
	readonly exitCode = 2;

	constructor(
		readonly code: SealErrorCode,
		readonly file: string | undefined,
		readonly details: SealErrorDetails = {},
	) {
		super(messageOf(code, named(file), details));
	}
}
