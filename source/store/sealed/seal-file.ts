import type {Pieces} from '../byte-pieces.js';
import {SealError} from './seal-error.js';
import {checkKey, chunkPart, fileKeyOf, headerAt, maxHeaderBytes, openChunkInto, tagLength} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';
import {type SealOptions, SealWriter} from './seal-stream.js';

/** A whole plaintext, sealed (a fresh salt and nonce prefix each time). */
export const sealBytes = (plain: Uint8Array, key: MasterKey, options: SealOptions = {}): Buffer => {
	const writer = new SealWriter(key, options);
	return Buffer.concat([writer.header, ...writer.push(plain), ...writer.end()]);
};

/** Chunks in a piece of `sealedPieces`: 4 MB, some 7 ms of AES-GCM here. */
const chunksPerStep = 64;

/** A sealed file's bytes from `position`, `length` of them (fewer at its end). */
type ReadSealed = (position: number, length: number) => Buffer;

/**
 * The chunks of a sealed file of `size` bytes (`read` gives them), opened in order: `plainSize` is
 * the plaintext's length; `open(out)` opens the next chunks into `out` (its length a whole number of
 * chunks, or the rest) and says how many bytes it wrote, 0 once every chunk is open. Refused as
 * `SealError` as `SealReader` refuses: a wrong key, a chunk that does not verify (`damaged`, the
 * chunk named, what was written of it zeroed), a file cut short (`truncated`).
 */
const chunksOf = (read: ReadSealed, size: number, key: MasterKey, file: string | undefined) => {
	const found = headerAt(read(0, Math.min(size, maxHeaderBytes)), file);
	if (!found) throw new SealError('truncated', file);
	checkKey(found.header, key, file);
	const context = {fileKey: fileKeyOf(key, found.header), prefix: found.header.nonce, aad: found.aad};
	const {chunk} = found.header;
	const segment = chunk + tagLength;
	const body = size - found.length;
	// Every chunk but the last is whole; the final one is shorter (a tag alone when the plaintext fills its chunks).
	const whole = Math.floor(body / segment);
	const last = body - whole * segment;
	let index = 0;
	const openOne = (final: boolean, out: Buffer, at: number): number => {
		const sealed = read(found.length + index * segment, final ? last : segment);
		const opened = openChunkInto(context, index, final, sealed, out, at);
		if (opened < 0) {
			out.fill(0, 0, at);
			throw new SealError('damaged', file, {part: chunkPart(index)});
		}
		index++;
		return opened;
	};
	return {
		plainSize: whole * chunk + Math.max(0, last - tagLength),
		open: (out: Buffer): number => {
			let written = 0;
			while (index < whole && written + chunk <= out.length) written += openOne(false, out, written);
			if (written > 0 || index > whole) return written;
			// Every whole chunk is open: the final one (its plaintext may be empty).
			if (last < tagLength) throw new SealError('truncated', file);
			return openOne(true, out, 0);
		},
		chunk,
	};
};

/**
 * A sealed file's plaintext a piece at a time (a few megabytes each), every chunk verified as
 * `openBytes` verifies it, the same refusals thrown as the piece that meets them is asked for: a
 * reader of a file of hundreds of megabytes never holds it whole.
 */
export const sealedPieces = (read: ReadSealed, size: number, key: MasterKey, file: string): Pieces => {
	const chunks = chunksOf(read, size, key, file);
	// One chunk first: enough to tell a file that is not compact, which is then read whole.
	let count = 1;
	return {
		size: chunks.plainSize,
		next: () => {
			const piece = Buffer.allocUnsafe(Math.min(chunks.chunk * count, Math.max(chunks.plainSize, 1)));
			count = chunksPerStep;
			const written = chunks.open(piece);
			return written === 0 ? null : piece.subarray(0, written);
		},
	};
};

/**
 * The plaintext of a whole sealed file; all of it verified, or a `SealError` and nothing. As
 * `SealReader` reads it (the same refusals, the first bad chunk named), each chunk opened straight
 * into one buffer of the plaintext's size (a data file of hundreds of megabytes is not held a second
 * time as chunks, nor copied once more to join them).
 */
export const openBytes = (sealed: Uint8Array, key: MasterKey, {file}: Pick<SealOptions, 'file'> = {}): Buffer => {
	const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
	const chunks = chunksOf((position, length) => bytes.subarray(position, position + length), bytes.length, key, file);
	const plain = Buffer.allocUnsafe(chunks.plainSize);
	try {
		for (let at = 0, written = -1; written !== 0; at += written) written = chunks.open(plain.subarray(at));
	} catch (error) {
		plain.fill(0);
		throw error;
	}
	return plain;
};

/**
 * The plaintext of the whole chunks at the start of a sealed file's first bytes (`head`, cut
 * anywhere), each verified; null when the head holds no whole chunk, or one does not open. What a
 * console shows before the rest is read: the whole file is verified then, as `openBytes` verifies it.
 */
export const openHead = (head: Buffer, key: MasterKey, file: string): Buffer | null => {
	const read = headerAt(head, file);
	if (!read) return null;
	checkKey(read.header, key, file);
	const context = {fileKey: fileKeyOf(key, read.header), prefix: read.header.nonce, aad: read.aad};
	const body = head.subarray(read.length);
	const segment = read.header.chunk + tagLength;
	const whole = Math.floor(body.length / segment);
	if (whole === 0) return null;
	const plain = Buffer.allocUnsafe(whole * read.header.chunk);
	for (let index = 0; index < whole; index++) {
		const piece = body.subarray(index * segment, (index + 1) * segment);
		if (openChunkInto(context, index, false, piece, plain, index * read.header.chunk) < 0) return null;
	}
	return plain;
};
