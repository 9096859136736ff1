import {utf8Text} from './regular-file.js';

/**
 * The one seam between a data file's text and its bytes on disk: every read and write of the data
 * file (and of its backups, which are copies of it) goes through a ByteCodec: plain UTF-8, or sealed
 * under a set's key (`sealed/sealed-codec.ts`; which one a file gets: `sealed/set-sealing.ts`).
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
