import {SealError} from './seal-error.js';
import {checkKey, chunkPart, fileKeyOf, headerAt, openChunkInto, tagLength} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';
import {type SealOptions, SealWriter} from './seal-stream.js';

/** A whole plaintext, sealed (a fresh salt and nonce prefix each time). */
export const sealBytes = (plain: Uint8Array, key: MasterKey, options: SealOptions = {}): Buffer => {
	const writer = new SealWriter(key, options);
	return Buffer.concat([writer.header, ...writer.push(plain), ...writer.end()]);
};

/** Chunks opened between two pauses of `openBytesInSteps`: 4 MB, some 7 ms of AES-GCM here. */
const chunksPerStep = 64;

/**
 * Opens a whole sealed file a chunk at a time, straight into one buffer of the plaintext's size
 * (a data file of hundreds of megabytes is not held a second time as chunks, nor copied once more
 * to join them), yielding after every `chunksPerStep` chunks; returns the plaintext, every chunk verified.
 */
function* openSteps(sealed: Uint8Array, key: MasterKey, file: string | undefined): Generator<void, Buffer> {
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
	for (let index = 0; index < whole; index++) {
		open(index, false, body.subarray(index * segment, (index + 1) * segment));
		if (index % chunksPerStep === chunksPerStep - 1) yield;
	}
	if (last < tagLength) {
		plain.fill(0, 0, written);
		throw new SealError('truncated', file);
	}
	open(whole, true, body.subarray(whole * segment));
	return plain;
}

/**
 * The plaintext of a whole sealed file; all of it verified, or a `SealError` and nothing. As
 * `SealReader` reads it (the same refusals, the first bad chunk named), each chunk opened straight
 * into the one buffer.
 */
export const openBytes = (sealed: Uint8Array, key: MasterKey, {file}: Pick<SealOptions, 'file'> = {}): Buffer => {
	const steps = openSteps(sealed, key, file);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
};

/** `openBytes` with a pause (`between`: a turn of the event loop) after every few megabytes: a console reading behind its first frame still answers keys. */
export const openBytesInSteps = async (
	sealed: Uint8Array,
	key: MasterKey,
	file: string,
	between: () => Promise<void>,
): Promise<Buffer> => {
	const steps = openSteps(sealed, key, file);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
		await between();
	}
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
