import type {MasterKey} from './seal-keys.js';
import {type SealOptions, SealReader, SealWriter} from './seal-stream.js';

/** A whole plaintext, sealed (a fresh salt and nonce prefix each time). */
export const sealBytes = (plain: Uint8Array, key: MasterKey, options: SealOptions = {}): Buffer => {
	const writer = new SealWriter(key, options);
	return Buffer.concat([writer.header, ...writer.push(plain), ...writer.end()]);
};

/** The plaintext of a whole sealed file; all of it verified, or a `SealError` and nothing. */
export const openBytes = (sealed: Uint8Array, key: MasterKey, options: Pick<SealOptions, 'file'> = {}): Buffer => {
	const reader = new SealReader(key, options.file);
	return Buffer.concat([...reader.push(sealed), ...reader.end()]);
};
