import {createCipheriv, createDecipheriv, createHash, randomBytes} from 'node:crypto';
import {t} from '../../i18n/i18n.js';
import {SealError} from './seal-error.js';
import type {MasterKey, ScryptParams} from './seal-keys.js';
import {scryptBounds} from './seal-passphrase.js';

/**
 * Format v1 of a sealed file: `CRMSEAL1`, a u16 big-endian length L, L bytes of JSON (the header),
 * then the body: the plaintext in chunks of `chunk` bytes, each AES-256-GCM under the file key
 * (HKDF of the master key with the header's salt), with nonce = the header's 7-byte prefix ‖ u32
 * BE index ‖ 1 for the final chunk, else 0 (the STREAM construction), and AAD = SHA-256 of the whole
 * header. The final chunk is shorter than `chunk` (empty when the plaintext is a multiple of it),
 * so a chunk of `chunk + 16` bytes on disk is never the final one.
 */
export const magic = Buffer.from('CRMSEAL1', 'latin1');
const magicFamily = magic.subarray(0, 7);
export const tagLength = 16;
export const defaultChunk = 65536;
/** The largest chunk a reader takes: a header asking for more is from a format this crm does not know. */
export const maxChunk = 16 * 1024 * 1024;
/** The magic and the u16 length of the header JSON. */
export const prefixLength = 10;
/** The longest header a sealed file can have: its prefix and a u16's worth of JSON. */
export const maxHeaderBytes = prefixLength + 0xff_ff;
const fileInfo = 'crm-console sealed file v1'; // i18n-exempt: an HKDF label, never shown
const algorithm = 'aes-256-gcm';

/** What the header says of a sealed file: its key (id, kind, scrypt costs) and how it was sealed. */
export type SealHeader = {
	v: 1;
	alg: typeof algorithm;
	key: {id: string; kind: 'file'} | {id: string; kind: 'passphrase'; scrypt: ScryptParams};
	salt: Buffer;
	nonce: Buffer;
	chunk: number;
};

/** A header as read: what it says, its length on disk, and the SHA-256 of its bytes (the chunks' AAD). */
export type ReadHeader = {header: SealHeader; length: number; aad: Buffer};

/** True when `firstBytes` start as a sealed file does (a plain JSON data file never does). */
export const isSealed = (firstBytes: Uint8Array): boolean =>
	firstBytes.length >= magic.length &&
	magic.equals(Buffer.from(firstBytes.buffer, firstBytes.byteOffset, magic.length));

const keyJson = (key: MasterKey): object => {
	if (key.source.kind === 'file') return {id: key.id, kind: 'file'};
	const {N, r, p, salt} = key.source.scrypt;
	return {id: key.id, kind: 'passphrase', scrypt: {N, r, p, salt: salt.toString('base64')}};
};

/** A new header for a file sealed with `key`: a fresh salt (so a fresh file key) and nonce prefix. */
export const newHeader = (key: MasterKey, chunk: number): {bytes: Buffer; header: SealHeader; aad: Buffer} => {
	if (!Number.isInteger(chunk) || chunk < 1 || chunk > maxChunk) throw new RangeError(`chunk must be 1..${maxChunk}`); // i18n-exempt: a developer's error
	const salt = randomBytes(16);
	const nonce = randomBytes(7);
	const json = Buffer.from(
		JSON.stringify({
			v: 1,
			alg: algorithm,
			key: keyJson(key),
			salt: salt.toString('base64'),
			nonce: nonce.toString('base64'),
			chunk,
		}),
		'utf8',
	);
	const length = Buffer.alloc(2);
	length.writeUInt16BE(json.length);
	const bytes = Buffer.concat([magic, length, json]);
	const header = parseHeaderJson(json, undefined);
	return {bytes, header, aad: createHash('sha256').update(bytes).digest()};
};

/** Bytes of base64 text, only when it is the canonical spelling of exactly `length` bytes. */
const base64Of = (value: unknown, length: number): Buffer | null => {
	if (typeof value !== 'string') return null;
	const bytes = Buffer.from(value, 'base64');
	return bytes.length === length && bytes.toString('base64') === value ? bytes : null;
};

const isRecord = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

const isPowerOfTwo = (value: unknown): value is number =>
	Number.isSafeInteger(value) && (value as number) >= 2 && ((value as number) & ((value as number) - 1)) === 0;

/** The scrypt costs of a passphrase key's header; a cost beyond crm's bounds is of a format it does not know. */
const scryptOf = (value: unknown, file: string | undefined): ScryptParams => {
	if (!isRecord(value)) throw new SealError('damaged', file);
	const salt = base64Of(value['salt'], 16);
	if (!salt || !isPowerOfTwo(value['N'])) throw new SealError('damaged', file);
	if (value['r'] !== scryptBounds.r || value['p'] !== scryptBounds.p || value['N'] > 2 ** scryptBounds.maxLog2N)
		throw new SealError('unsupported', file);
	return {N: value['N'], r: value['r'], p: value['p'], salt};
};

const keyOf = (value: unknown, file: string | undefined): SealHeader['key'] => {
	if (!isRecord(value) || typeof value['id'] !== 'string' || !/^[0-9a-f]{16}$/.test(value['id']))
		throw new SealError('damaged', file);
	if (value['kind'] === 'file') return {id: value['id'], kind: 'file'};
	if (value['kind'] === 'passphrase')
		return {id: value['id'], kind: 'passphrase', scrypt: scryptOf(value['scrypt'], file)};
	throw new SealError('damaged', file);
};

const chunkOf = (value: unknown, file: string | undefined): number => {
	if (!Number.isSafeInteger(value) || (value as number) < 1) throw new SealError('damaged', file);
	if ((value as number) > maxChunk) throw new SealError('unsupported', file);
	return value as number;
};

const parseHeaderJson = (json: Buffer, file: string | undefined): SealHeader => {
	let value: unknown;
	try {
		value = JSON.parse(new TextDecoder('utf-8', {fatal: true}).decode(json));
	} catch {
		throw new SealError('damaged', file);
	}
	if (!isRecord(value)) throw new SealError('damaged', file);
	if (value['v'] !== 1 || value['alg'] !== algorithm) throw new SealError('unsupported', file);
	const salt = base64Of(value['salt'], 16);
	const nonce = base64Of(value['nonce'], 7);
	if (!salt || !nonce) throw new SealError('damaged', file);
	return {v: 1, alg: algorithm, key: keyOf(value['key'], file), salt, nonce, chunk: chunkOf(value['chunk'], file)};
};

/**
 * The header at the start of `bytes`, or null when more bytes are needed to read it whole. Refused:
 * bytes that do not start as a sealed file (`not_sealed`; `unsupported` for another version of the
 * magic), a header that does not parse (`damaged`) or of an unknown version or algorithm (`unsupported`).
 */
export const headerAt = (bytes: Buffer, file?: string): ReadHeader | null => {
	const seen = Math.min(bytes.length, magic.length);
	if (!bytes.subarray(0, seen).equals(magic.subarray(0, seen))) {
		const family = seen >= magicFamily.length && bytes.subarray(0, magicFamily.length).equals(magicFamily);
		throw new SealError(family ? 'unsupported' : 'not_sealed', file);
	}
	if (bytes.length < prefixLength) return null;
	const length = prefixLength + bytes.readUInt16BE(magic.length);
	if (bytes.length < length) return null;
	const header = parseHeaderJson(bytes.subarray(prefixLength, length), file);
	return {header, length, aad: createHash('sha256').update(bytes.subarray(0, length)).digest()};
};

/**
 * What the header of a sealed file says (its key's id and kind, the scrypt costs to ask a
 * passphrase with), from its first bytes: `crm doctor`, and the prompt for the right passphrase.
 */
export const readSealedHeader = (bytes: Uint8Array, file?: string): SealHeader => {
	const read = headerAt(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), file);
	if (!read) throw new SealError('truncated', file);
	return read.header;
};

/** Refuses a key that is not the one the header names, before any chunk is read. */
export const checkKey = (header: SealHeader, key: MasterKey, file: string | undefined): void => {
	if (header.key.id !== key.id) throw new SealError('wrong_key', file, {fileId: header.key.id, givenId: key.id});
};

/** The key of one sealed file: HKDF-SHA256(master, header salt, "crm-console sealed file v1"). */
export const fileKeyOf = (key: MasterKey, header: SealHeader): Buffer => key.derive(header.salt, fileInfo);

/** The most chunks a file may have: the index is a u32. */
export const maxChunks = 2 ** 32;

const nonceOf = (prefix: Buffer, index: number, final: boolean): Buffer => {
	const nonce = Buffer.alloc(12);
	prefix.copy(nonce, 0);
	nonce.writeUInt32BE(index, 7);
	nonce[11] = final ? 1 : 0;
	return nonce;
};

/** What seals and opens the chunks of one file. */
export type ChunkContext = {fileKey: Buffer; prefix: Buffer; aad: Buffer};

/** Chunk `index` of the plaintext, sealed: ciphertext ‖ tag. */
export const sealChunk = (context: ChunkContext, index: number, final: boolean, plain: Uint8Array): Buffer => {
	if (index >= maxChunks) throw new RangeError('too many chunks for one sealed file'); // i18n-exempt: a developer's error (256 TiB at the default chunk)
	const cipher = createCipheriv(algorithm, context.fileKey, nonceOf(context.prefix, index, final), {
		authTagLength: tagLength,
	});
	cipher.setAAD(context.aad);
	const head = cipher.update(plain);
	const tail = cipher.final();
	return Buffer.concat([head, tail, cipher.getAuthTag()]);
};

/** The plaintext of a sealed chunk (ciphertext ‖ tag), or null when it does not authenticate as chunk `index` (final or not). */
export const openChunk = (context: ChunkContext, index: number, final: boolean, sealed: Buffer): Buffer | null => {
	if (sealed.length < tagLength || index >= maxChunks) return null;
	const decipher = createDecipheriv(algorithm, context.fileKey, nonceOf(context.prefix, index, final), {
		authTagLength: tagLength,
	});
	decipher.setAAD(context.aad);
	decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
	const head = decipher.update(sealed.subarray(0, sealed.length - tagLength));
	try {
		return Buffer.concat([head, decipher.final()]);
	} catch {
		head.fill(0);
		return null;
	}
};

/**
 * Opens a sealed chunk into `out` at `at`: the plaintext's length, or -1 when it does not
 * authenticate as chunk `index` (what was written of it is then zeroed).
 */
export const openChunkInto = (
	context: ChunkContext,
	index: number,
	final: boolean,
	sealed: Buffer,
	out: Buffer,
	at: number,
): number => {
	if (sealed.length < tagLength || index >= maxChunks) return -1;
	const decipher = createDecipheriv(algorithm, context.fileKey, nonceOf(context.prefix, index, final), {
		authTagLength: tagLength,
	});
	decipher.setAAD(context.aad);
	decipher.setAuthTag(sealed.subarray(sealed.length - tagLength));
	const head = decipher.update(sealed.subarray(0, sealed.length - tagLength));
	// A chunk longer than the room left is not one this file's framing holds.
	const fits = at + head.length <= out.length;
	if (fits) head.copy(out, at);
	try {
		decipher.final();
		if (fits) return head.length;
	} catch {
		// Refused below.
	}
	if (fits) out.fill(0, at, at + head.length);
	head.fill(0);
	return -1;
};

/** The words for chunk `index` in a `damaged` message. */
export const chunkPart = (index: number): string => t('sealed.part.chunk', {number: index + 1});
