import {closeSync, constants, fstatSync, openSync, readSync, type Stats} from 'node:fs';
import {t} from '../i18n/i18n.js';
import {checkRegular, UnreadableFileError} from './regular-file.js';
import {openBytes, sealedPieces} from './sealed/seal-file.js';
import {isSealed, magic, maxHeaderBytes, readSealedHeader} from './sealed/seal-format.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {keyring} from './sealed/set-sealing.js';

/**
 * A file's bytes a piece at a time, in order: what a reader of a file of hundreds of megabytes
 * takes without ever holding it whole (the plaintext's pieces, for a sealed file).
 */
export type Pieces = {
	/** How many bytes there are in all. */
	readonly size: number;
	/** The next piece; null once every byte was given. A piece may be read into the same memory as the one before: whoever keeps one copies it before asking for the next. */
	next(): Buffer | null;
	/**
	 * Where a piece can be read straight into a buffer of the caller's (a plain file's): the next piece (or as much of it
	 * as fits) put in `target` from `at`, and how many bytes that was; 0 once every byte was given. Nothing copied.
	 */
	nextInto?(target: Buffer, at: number): number;
};

/** The most a piece of a plain file holds: room a buffer keeps for `nextInto`. */
export const pieceBytes = 4 * 1024 * 1024;

/** Bytes held already, as pieces (one). */
export const bufferPieces = (bytes: Buffer): Pieces => {
	let given = false;
	return {
		size: bytes.length,
		next: () => {
			if (given) return null;
			given = true;
			return bytes;
		},
	};
};

/** The first piece: enough to tell a file that is not compact (indented, small), which is then read whole, from one that is. */
const firstPieceBytes = 64 * 1024;

/** `length` bytes of the open file `fd` from `position` (fewer at its end), read into the start of `bytes`. */
const readInto = (fd: number, bytes: Buffer, position: number, length: number): Buffer => {
	let read = 0;
	for (let got = -1; got !== 0 && read < length; read += got)
		got = readSync(fd, bytes, read, length - read, position + read);
	return bytes.subarray(0, read);
};

/** `length` bytes of the open file `fd` from `position` (fewer at its end). */
const readAt = (fd: number, position: number, length: number): Buffer =>
	readInto(fd, Buffer.allocUnsafe(length), position, length);

/**
 * A file opened for its pieces, with its status and key; `whole()` reads it whole instead (the
 * plaintext, verified), from the same open file. Close it once read.
 */
export type OpenedPieces = {pieces: Pieces; info: Stats; key: MasterKey | null; whole: () => Buffer; close: () => void};

/**
 * A regular file of at most `maxBytes` opened to be read a piece at a time, with its status and
 * its key (found by the keyring when it is sealed); null when it does not exist. Refused as
 * `readRegularFile` refuses (not a regular file, too large), each in words naming the path.
 */
export const openPieces = async (file: string, maxBytes: number): Promise<OpenedPieces | null> => {
	let fd: number;
	try {
		fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return null;
		if (code === 'EISDIR') throw new UnreadableFileError(file, t('store.read.isFolder'));
		throw error;
	}
	const close = () => closeSync(fd);
	try {
		const info = fstatSync(fd);
		checkRegular(file, info, maxBytes);
		const all = () => readAt(fd, 0, info.size);
		if (!isSealed(readAt(fd, 0, magic.length)))
			return {pieces: plainPieces(fd, info.size), info, key: null, whole: all, close};
		const key = await keyring.find(file, readSealedHeader(readAt(fd, 0, Math.min(info.size, maxHeaderBytes)), file));
		const pieces = sealedPieces((position, length) => readAt(fd, position, length), info.size, key, file);
		return {pieces, info, key, whole: () => openBytes(all(), key, {file}), close};
	} catch (error) {
		close();
		throw error;
	}
};

/**
 * A plain file's bytes, `pieceBytes` at a time, up to the size it had when opened: each read into the same
 * buffer (a buffer of megabytes made for each piece is mapped afresh and faulted in page by page).
 */
const plainPieces = (fd: number, size: number): Pieces => {
	let position = 0;
	let buffer: Buffer | undefined;
	const nextInto = (target: Buffer, at: number): number => {
		if (position >= size) return 0;
		const length = Math.min(position === 0 ? firstPieceBytes : pieceBytes, size - position, target.length - at);
		const read = readInto(fd, target.subarray(at), position, length).length;
		// A file cut short meanwhile ends here: what was read does not parse, and the file is then read whole.
		position = read === 0 ? size : position + read;
		return read;
	};
	return {
		size,
		next: () => {
			buffer ??= Buffer.allocUnsafeSlow(Math.min(pieceBytes, size));
			const read = nextInto(buffer, 0);
			return read === 0 ? null : buffer.subarray(0, read);
		},
		nextInto,
	};
};
