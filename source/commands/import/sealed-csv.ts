import type {FileHandle} from 'node:fs/promises';
import {openBytes} from '../../store/sealed/seal-file.js';
import {isSealed, readSealedHeader} from '../../store/sealed/seal-format.js';
import {keyring} from '../../store/sealed/set-sealing.js';

/** What a CSV is read from: the open file, or the plain text of a sealed one (a rejects file of an encrypted set). */
export type CsvSource = {
	read: (buffer: Buffer, offset: number, length: number, position: number) => Promise<{bytesRead: number}>;
	stat: () => Promise<{size: number; mtimeMs: number}>;
	close: () => Promise<void>;
};

/**
 * A sealed file (a rejects file written beside an encrypted set) is opened whole with its key,
 * every chunk verified, and read from memory: its plain text never touches the disk.
 */
export const openedIfSealed = async (
	handle: FileHandle,
	path: string,
	opened: {size: number; modified: number},
): Promise<{source: CsvSource; size: number; modified: number}> => {
	let sealed: Buffer;
	try {
		const first = Buffer.alloc(8);
		const {bytesRead} = await handle.read(first, 0, first.length, 0);
		if (!isSealed(first.subarray(0, bytesRead))) return {source: handle, ...opened};
		sealed = await handle.readFile();
	} catch (error) {
		await handle.close();
		throw error;
	}
	await handle.close();
	const plain = openBytes(sealed, await keyring.find(path, readSealedHeader(sealed, path)), {file: path});
	const source: CsvSource = {
		read: async (buffer, offset, length, position) => ({
			bytesRead: plain.copy(buffer, offset, position, Math.min(plain.length, position + length)),
		}),
		stat: async () => ({size: plain.length, mtimeMs: opened.modified}),
		close: async () => undefined,
	};
	return {source, size: plain.length, modified: opened.modified};
};
