import type {Stats} from 'node:fs';
import {open} from 'node:fs/promises';
import {type ByteCodec, plainBytes} from '../file-bytes.js';
import {maxDataFileBytes, readRegularFile, utf8Text} from '../regular-file.js';
import {SealError} from './seal-error.js';
import {openBytes} from './seal-file.js';
import {isSealed, magic, maxHeaderBytes, readSealedHeader, type SealHeader} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';
import {sealedBytes} from './sealed-codec.js';

/**
 * How this process finds the key of a sealed file from its header: the command line installs one
 * (a key file, a passphrase typed at the terminal); the store never reads a key from anywhere itself.
 */
export type KeyFinder = (file: string, header: SealHeader) => Promise<MasterKey>;

/** Without a finder (a library use, a test) a sealed file is refused, naming its key. */
const noFinder: KeyFinder = (file, header) =>
	Promise.reject(new SealError('key_needed', file, {fileId: header.key.id}));

let finder: KeyFinder = noFinder;

/** The keys of sealed files, as this process finds them. */
export const keyring = {
	/** Installs how keys are found (the CLI, once its options are read); `null` puts back the refusal. */
	use(next: KeyFinder | null): void {
		finder = next ?? noFinder;
	},
	find(file: string, header: SealHeader): Promise<MasterKey> {
		return finder(file, header);
	},
};

/**
 * True for an error that refuses sealed data or its key (a SealError, or the CLI's refusal to find a
 * key): readers pass it on as it is, never wrapped in "could not read": its one line already names the
 * file and says what to do.
 */
export const isKeyRefusal = (error: unknown): error is Error & {exitCode: number} =>
	error instanceof Error && (error.name === 'SealError' || error.name === 'DataKeyError');

/** The bytes of a file of a set written under `key`: sealed with it, or plain UTF-8 when null. */
export const bytesUnder = (key: MasterKey | null): ByteCodec => (key ? sealedBytes(key) : plainBytes);

/** A file's text and the key it was sealed under (null: it was plain). */
export type OpenedText = {text: string; info: Stats; key: MasterKey | null};

/**
 * The text of one file of a data set, or null when it does not exist: opened with its key (found by
 * the keyring from its header, every chunk verified) when it is sealed, read as UTF-8 when it is plain.
 * Refused, naming the file: what is not a regular file or is over `maxBytes` on disk (UnreadableFileError),
 * a sealed file whose key is not found or that does not verify (SealError, or the finder's refusal).
 */
export const readSetText = async (file: string, maxBytes: number): Promise<OpenedText | null> => {
	const read = await readSetBytes(file, maxBytes);
	return read && {text: utf8Text(file, read.bytes), info: read.info, key: read.key};
};

/** As `readSetText`, the plaintext's bytes (not yet taken as UTF-8: `utf8Text` does, or a reader of its own). */
export const readSetBytes = async (
	file: string,
	maxBytes: number,
): Promise<{bytes: Buffer; info: Stats; key: MasterKey | null} | null> => {
	const read = await readRegularFile(file, maxBytes);
	if (!read) return null;
	const {bytes, info} = read;
	if (!isSealed(bytes)) return {bytes, info, key: null};
	const key = await keyring.find(file, readSealedHeader(bytes, file));
	return {bytes: openBytes(bytes, key, {file}), info, key};
};

/**
 * The text of a data file (or a backup of one) and its status, or null when it does not exist: as
 * `readSetText`, up to the data file's limit; with `codec`, decoded by it alone (its key is then not known).
 */
export const readDataText = async (file: string, codec?: ByteCodec): Promise<OpenedText | null> => {
	if (!codec) return readSetText(file, maxDataFileBytes);
	// Read whole, then decoded at once: decoding while reading goes through a stream decoder chunk by chunk, a second per 400 MB.
	const read = await readRegularFile(file, maxDataFileBytes);
	if (!read) return null;
	// The bytes are let go on return, before the caller parses: a 300 MB buffer beside its text and the parsed data would be held to the end.
	return {text: codec.decode(file, read.bytes), info: read.info, key: null};
};

/**
 * What the header of `file` says when it is sealed; null when it is plain, empty or missing. Reads only
 * the header's bytes (`crm doctor` on a file of hundreds of megabytes, the key of a set before a write).
 * A file too short for its header is refused as truncated.
 */
export const sealedHeaderOf = async (file: string): Promise<SealHeader | null> => {
	let handle: Awaited<ReturnType<typeof open>>;
	try {
		handle = await open(file, 'r');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
	try {
		const buffer = Buffer.alloc(maxHeaderBytes);
		const {bytesRead} = await handle.read(buffer, 0, maxHeaderBytes, 0);
		const first = buffer.subarray(0, bytesRead);
		return bytesRead >= magic.length && isSealed(first) ? readSealedHeader(first, file) : null;
	} finally {
		await handle.close();
	}
};

/**
 * The key the files of the set at `dataFile` are written under: its data file's, found by the
 * keyring; null when the data file is plain or not there yet (a new set starts plain). Every file
 * beside the data (settings, operator files, journal, metrics log, rejects) is sealed when it is.
 */
export const setKeyOf = async (dataFile: string): Promise<MasterKey | null> => {
	const header = await sealedHeaderOf(dataFile);
	return header ? keyring.find(dataFile, header) : null;
};
