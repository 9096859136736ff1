import {createCipheriv, createDecipheriv, randomBytes} from 'node:crypto';
import {t} from '../../i18n/i18n.js';
import {SealError} from './seal-error.js';
import type {MasterKey} from './seal-keys.js';

const lineInfo = 'crm-console sealed line v1'; // i18n-exempt: an HKDF label, never shown
const nonceLength = 12;
const tagLength = 16;
const algorithm = 'aes-256-gcm';

/** A fresh salt for a file of sealed lines (a journal): its lines' key is derived with it. */
export const newLineSalt = (): Buffer => randomBytes(16);

const lineKey = (key: MasterKey, fileSalt: Uint8Array): Buffer => {
	if (fileSalt.length < 16) throw new RangeError('a line salt is at least 16 bytes'); // i18n-exempt: a developer's error
	return key.derive(fileSalt, lineInfo);
};

/**
 * What a line is bound to besides its file's salt, authenticated with it: a journal binds each line to
 * its place (its line number) and to its file's header line, so that a line moved, dropped from the
 * middle, repeated or taken from another journal does not open. Empty by default.
 */
export type LineBinding = {bound?: Uint8Array};

/**
 * One line of text, sealed for a file appended a line at a time (the journal): base64 of a random
 * 12-byte nonce ‖ ciphertext ‖ tag, under HKDF(master, fileSalt, "crm-console sealed line v1"), with
 * `bound` as its additional authenticated data. Base64 has no newline, so the result is one line.
 */
export const sealLine = (text: string, key: MasterKey, fileSalt: Uint8Array, {bound}: LineBinding = {}): string => {
	const nonce = randomBytes(nonceLength);
	const cipher = createCipheriv(algorithm, lineKey(key, fileSalt), nonce, {authTagLength: tagLength});
	if (bound) cipher.setAAD(bound);
	const sealed = Buffer.concat([nonce, cipher.update(text, 'utf8'), cipher.final(), cipher.getAuthTag()]);
	return sealed.toString('base64');
};

const base64Line = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The text of a sealed line. A line that is not base64, is too short, or does not authenticate
 * under this key, salt and binding is `damaged` (whether a damaged last line is a torn write is the
 * journal's to say). `file` names the journal in the message.
 */
export const openLine = (
	line: string,
	key: MasterKey,
	fileSalt: Uint8Array,
	{file, bound}: LineBinding & {file?: string} = {},
): string => {
	const damaged = () => new SealError('damaged', file, {part: t('sealed.part.line')});
	if (!base64Line.test(line)) throw damaged();
	const sealed = Buffer.from(line, 'base64');
	// Only the spelling sealLine wrote: stray low bits in the last character are a change too.
	if (sealed.length < nonceLength + tagLength || sealed.toString('base64') !== line) throw damaged();
	const decipher = createDecipheriv(algorithm, lineKey(key, fileSalt), sealed.subarray(0, nonceLength), {
		authTagLength: tagLength,
	});
	if (bound) decipher.setAAD(bound);
	decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
	const head = decipher.update(sealed.subarray(nonceLength, sealed.length - tagLength));
	let tail: Buffer;
	try {
		tail = decipher.final();
	} catch {
		throw damaged();
	}
	const bytes = Buffer.concat([head, tail]);
	try {
		return new TextDecoder('utf-8', {fatal: true}).decode(bytes);
	} catch {
		throw damaged();
	}
};
