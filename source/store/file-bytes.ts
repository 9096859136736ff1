import type {Stats} from 'node:fs';
import {maxDataFileBytes, readRegularFile, utf8Text} from './regular-file.js';

/**
 * The one seam between a data file's text and its bytes on disk: every read and write of the data
 * file (and of its backups, which are copies of it) goes through a ByteCodec. Plain UTF-8 today; an
 * encryption layer wraps it (`decode` decrypts, then hands the plain bytes on; `encode` hands the
 * plain bytes it gets to a cipher before `write`). The journal, the settings and the stamp files
 * are not data files and do not go through it.
 */
export type ByteCodec = {
	/** The text of the file's bytes as read whole; throws UnreadableFileError (naming `file`) when they are not its text. */
	decode: (file: string, bytes: Buffer) => string;
	/**
	 * Hands the bytes of `text` to `write`, a chunk at a time (each chunk is written before the next
	 * is made, so the buffer may be reused); resolves once all are written.
	 */
	encode: (text: string, write: (bytes: Uint8Array) => Promise<void>) => Promise<void>;
};

/** UTF-16 code units encoded at a time: a few megabytes, so a file of hundreds is never one more buffer of its size. */
export const chunkUnits = 1 << 22;

/**
 * Encodes `text` as UTF-8 a chunk at a time through one reused buffer. (Encoding a 130 MB string at
 * once took four times as long as in chunks: a buffer its size to allocate and fill, then to collect.)
 * A chunk never ends between the two halves of a surrogate pair.
 */
export const encodeUtf8 = async (text: string, write: (bytes: Uint8Array) => Promise<void>): Promise<void> => {
	// At most 3 bytes of UTF-8 per UTF-16 code unit (a pair's 4 bytes come from 2 units).
	const buffer = Buffer.allocUnsafe(Math.min(text.length, chunkUnits) * 3);
	for (let start = 0; start < text.length; ) {
		let end = Math.min(text.length, start + chunkUnits);
		const last = text.charCodeAt(end - 1);
		if (end < text.length && last >= 0xd8_00 && last <= 0xdb_ff) end--;
		const length = buffer.write(end - start === text.length ? text : text.slice(start, end), 0, 'utf8');
		await write(buffer.subarray(0, length));
		start = end;
	}
};

/** The data file as this program writes it: UTF-8 text, refused (not replaced with U+FFFD) where it is not UTF-8. */
export const plainBytes: ByteCodec = {decode: utf8Text, encode: encodeUtf8};

/**
 * The text of a data file (or a backup of one) and its status, or null when it does not exist.
 * Refuses, with UnreadableFileError, what is not a regular file, is too large, or does not decode.
 */
export const readDataText = async (
	file: string,
	codec: ByteCodec = plainBytes,
): Promise<{text: string; info: Stats} | null> => {
	// Read whole, then decoded at once: decoding while reading goes through a stream decoder chunk by chunk, a second per 400 MB.
	const read = await readRegularFile(file, maxDataFileBytes);
	if (!read) return null;
	// The bytes are let go on return, before the caller parses: a 300 MB buffer beside its text and the parsed data would be held to the end.
	return {text: codec.decode(file, read.bytes), info: read.info};
};
