import type {ByteCodec} from '../file-bytes.js';
import {encodeUtf8} from '../file-bytes.js';
import {utf8Text} from '../regular-file.js';
import {SealError} from './seal-error.js';
import {openBytes} from './seal-file.js';
import {isSealed} from './seal-format.js';
import type {MasterKey} from './seal-keys.js';
import {SealWriter} from './seal-stream.js';

/**
 * The bytes of a sealed data set's file (the data file and its backups) under `key`: read, every chunk
 * is verified before a character of the text is taken (a damaged, cut or foreign file is refused
 * whole, with a SealError naming it); written, the UTF-8 is sealed as it is made, a chunk at a time,
 * so that a file of hundreds of megabytes is never one more buffer of its size. A plain file where a
 * sealed one belongs is refused: a set is sealed whole or not at all.
 */
export const sealedBytes = (key: MasterKey): ByteCodec => ({
	decode: (file, bytes) => {
		if (!isSealed(bytes)) throw new SealError('not_sealed', file);
		return utf8Text(file, openBytes(bytes, key, {file}));
	},
	encode: async (text, write) => {
		const writer = new SealWriter(key);
		await write(writer.header);
		await encodeUtf8(text, async (bytes) => {
			for (const sealed of writer.push(bytes)) await write(sealed);
		});
		for (const sealed of writer.end()) await write(sealed);
	},
});
