import {createHash} from 'node:crypto';
import {SealError} from './seal-error.js';
import {checkKey, defaultChunk, headerAt, newHeader, type SealHeader} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';
import {openLine, sealLine} from './seal-line.js';
import {keyring} from './set-sealing.js';

/**
 * Files appended a line at a time (the journal, the metrics log), sealed: line 1 is a header line,
 * `CRMSEAL1 ` and the base64 of a sealed file's header as `newHeader` makes it (its key's id and
 * kind, the scrypt costs of a passphrase key, and a fresh 16-byte salt: the salt the lines' key is
 * derived with; its nonce and chunk size are not used). Every later line is `sealLine` of one line
 * of text under that key and salt, bound to SHA-256 of the header line's text (without its newline)
 * and, where the file has line numbers (the journal), to the line's own number (u32 BE, header = 1).
 */
export const lineHeaderMark = 'CRMSEAL1 ';

/**
 * Ends a sealed line torn by a crash that a later append closed: the metrics log is appended without
 * a lock, so it cannot cut a torn line as the journal does. `~` is never in base64: a reader (or a
 * re-seal) skips such a line instead of taking it for a changed one.
 */
export const tornLineMark = '~';

/** What a plain file of lines never starts with (its lines are JSON objects): the mark of any version. */
const markFamily = 'CRMSEAL';

/** The key, salt and header hash that seal and open the lines of one file. */
export type LineSealing = {key: MasterKey; header: SealHeader; headerHash: Buffer};

/** True when a file's first line (or its first bytes) is the header line of a sealed file of lines. */
export const isLineHeader = (first: string): boolean => first.startsWith(markFamily);

const hashOf = (text: string): Buffer => createHash('sha256').update(text, 'utf8').digest();

/** A new header line (without its newline) for a file of lines sealed under `key`, with a fresh salt. */
export const newLineHeader = (key: MasterKey): {text: string; sealing: LineSealing} => {
	const {bytes, header} = newHeader(key, defaultChunk);
	const text = `${lineHeaderMark}${bytes.toString('base64')}`;
	return {text, sealing: {key, header, headerHash: hashOf(text)}};
};

const base64Text = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The sealing of a file of lines from its header line (without its newline): the key found by the
 * keyring for `file` and checked against the header (`wrong_key` before any line is read). Refused:
 * a mark of another version (`unsupported`), a header line that does not decode whole (`damaged`).
 */
export const readLineHeader = async (text: string, file: string): Promise<LineSealing> => {
	if (!text.startsWith(lineHeaderMark)) throw new SealError('unsupported', file);
	const encoded = text.slice(lineHeaderMark.length);
	const bytes = Buffer.from(encoded, 'base64');
	if (!base64Text.test(encoded) || bytes.toString('base64') !== encoded) throw new SealError('damaged', file);
	const read = headerAt(bytes, file);
	if (!read || read.length !== bytes.length) throw new SealError('damaged', file);
	const key = await keyring.find(file, read.header);
	checkKey(read.header, key, file);
	return {key, header: read.header, headerHash: hashOf(text)};
};

/** What a line is bound to: the header line's hash, and its line number when the file keeps them. */
const boundOf = (sealing: LineSealing, lineNumber: number | undefined): Buffer => {
	if (lineNumber === undefined) return sealing.headerHash;
	const number = Buffer.alloc(4);
	number.writeUInt32BE(lineNumber);
	return Buffer.concat([sealing.headerHash, number]);
};

/** One line of text sealed for its file (without a newline): at line `lineNumber` when the file keeps line numbers. */
export const sealLineIn = (text: string, sealing: LineSealing, lineNumber?: number): string =>
	sealLine(text, sealing.key, sealing.header.salt, {bound: boundOf(sealing, lineNumber)});

/** The text of a sealed line of `file`; a SealError `damaged` when it does not open there (changed, moved, another file's). */
export const openLineIn = (line: string, sealing: LineSealing, file: string, lineNumber?: number): string =>
	openLine(line, sealing.key, sealing.header.salt, {file, bound: boundOf(sealing, lineNumber)});
