import {SealError} from './seal-error.js';
import {checkKey, chunkPart, fileKeyOf, headerAt, openChunkInto, tagLength} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';
import {type SealOptions, SealWriter} from './seal-stream.js';

/** A whole plaintext, sealed (a fresh salt and nonce prefix each time). */
export const sealBytes = (plain: Uint8Array, key: MasterKey, options: SealOptions = {}): Buffer => {
	const writer = new SealWriter(key, options);
	return Buffer.concat([writer.header, ...writer.push(plain), ...writer.end()]);
};

/**
 * The plaintext of a whole sealed file; all of it verified, or a `SealError` and nothing. As
 * `SealReader` reads it (the same refusals, the first bad chunk named), but each chunk is opened
 * straight into one buffer of the plaintext's size: a data file of hundreds of megabytes is not
 * held a second time as chunks, nor copied once more to join them.
 */
export const openBytes = (sealed: Uint8Array, key: MasterKey, {file}: Pick<SealOptions, 'file'> = {}): Buffer => {
	const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
	const read = headerAt(bytes, file);
	if (!read) throw new SealError('truncated', file);
	checkKey(read.header, key, file);
	const context = {fileKey: fileKeyOf(key, read.header), prefix: read.header.nonce, aad: read.aad};
	const body = bytes.subarray(read.length);
	const segment = read.header.chunk + tagLength;
	// Every chunk but the last is whole; the final one is shorter (a tag alone when the plaintext fills its chunks).
	const whole = Math.floor(body.length / segment);
	const last = body.length - whole * segment;
	const plain = Buffer.allocUnsafe(whole * read.header.chunk + Math.max(0, last - tagLength));
	let written = 0;
	const open = (index: number, final: boolean, piece: Buffer): void => {
		const opened = openChunkInto(context, index, final, piece, plain, written);
		if (opened < 0) {
			plain.fill(0, 0, written);
			throw new SealError('damaged', file, {part: chunkPart(index)});
		}
		written += opened;
	};
	for (let index = 0; index < whole; index++) open(index, false, body.subarray(index * segment, (index + 1) * segment));
	if (last < tagLength) {
		plain.fill(0, 0, written);
		throw new SealError('truncated', file);
	}
	open(whole, true, body.subarray(whole * segment));
	return plain;
};
