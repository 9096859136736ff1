import type {Stats} from 'node:fs';
import {constants} from 'node:fs';
import {type FileHandle, lstat, open, readdir, rename, rm} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import type {Adapter} from 'lowdb';
import {openPieces, type Pieces} from './byte-pieces.js';
import {type ByteCodec, chunkUnits, plainBytes} from './file-bytes.js';
import {modesIn, settleMode} from './file-modes.js';
import {maxDataFileBytes, utf8Text} from './regular-file.js';
import type {MasterKey} from './sealed/seal-keys.js';
import {bytesUnder, readDataText} from './sealed/set-sealing.js';

export type TextCodec<T> = {
	/**
	 * Turns the file's text into data; throws a DataFileError naming what is wrong. `trusted`: the
	 * file is byte for byte one this program wrote (or checked) before, so its records need no check.
	 */
	parse: (text: string, trusted?: boolean) => T;
	/** A trusted file from its pieces, without making its text whole or holding its bytes (null: read its text instead). */
	parseTrusted?: (pieces: Pieces) => T | null;
	stringify: (data: T) => string;
};

let temporarySequence = 0;

export {chunkUnits};

/** Writes every byte of `bytes` through `handle`, or throws (a write that writes nothing is a full disk). */
const writeAll = async (handle: FileHandle, bytes: Uint8Array): Promise<void> => {
	for (let offset = 0; offset < bytes.length; ) {
		const {bytesWritten} = await handle.write(bytes, offset, bytes.length - offset);
		if (bytesWritten === 0)
			// i18n-exempt: a system error's words, said again by saveFailure from its code
			throw Object.assign(new Error(`ENOSPC: no space left on device, write`), {
				code: 'ENOSPC',
				errno: -28,
				syscall: 'write',
			});
		offset += bytesWritten;
	}
};

/**
 * Writes `text` to `file` so that a reader sees either the old or the new content, never a mix,
 * and the new content survives a crash once this resolves: temp file, fsync, rename, fsync of
 * the directory. Files are created readable by their owner only (customer data is personal data).
 */
export async function writeFileDurably(
	file: string,
	text: string,
	beforeCommit?: () => Promise<void>,
	bytes: ByteCodec = plainBytes,
): Promise<void> {
	const directory = dirname(file);
	const temporary = join(directory, `.${basename(file)}.${process.pid}.${++temporarySequence}.tmp`);
	// The file replaced keeps its mode and group (a group's shared folder stays the group's); a new one gets the folder's.
	// (Not through a link: a link at `file` is replaced by the new file, and lends it nothing.)
	const found = await lstat(file).catch(() => null);
	// A folder in the file's place is said as such (the rename would otherwise name the temporary file).
	if (found?.isDirectory())
		// i18n-exempt: a system error's words (as Node says them), said again by saveFailure from its code
		throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${file}'`), {
			code: 'EISDIR',
			errno: -21,
			syscall: 'open',
			path: file,
		});
	const replacing = found?.isFile() ? found : null;
	const modes = await modesIn(directory);
	const handle = await open(temporary, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, 0o600);
	try {
		await settleMode(handle, replacing, modes);
		await bytes.encode(text, (chunk) => writeAll(handle, chunk));
		await handle.sync();
	} catch (error) {
		await handle.close();
		await rm(temporary, {force: true});
		throw error;
	}
	await handle.close();
	try {
		await beforeCommit?.();
		await rename(temporary, file);
	} catch (error) {
		await rm(temporary, {force: true});
		throw error;
	}
	const directoryHandle = await open(directory, constants.O_RDONLY);
	try {
		await directoryHandle.sync();
	} finally {
		await directoryHandle.close();
	}
}

/**
 * Removes the temporary files a process killed mid-save left beside `file` (named after their
 * process id): the rename never happened, so they hold nothing that was acknowledged.
 */
export async function removeAbandonedTemporaries(file: string): Promise<number> {
	const pattern = new RegExp(`^\\.${basename(file).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(\\d+)\\.\\d+\\.tmp$`);
	let removed = 0;
	let names: string[];
	try {
		names = await readdir(dirname(file));
	} catch {
		return 0;
	}
	for (const name of names) {
		const pid = Number(pattern.exec(name)?.[1]);
		if (!pid || pid === process.pid || alive(pid)) continue;
		await rm(join(dirname(file), name), {force: true});
		removed++;
	}
	return removed;
}

const alive = (pid: number): boolean => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
};

/**
 * The size from which a trusted file is read in pieces (file sizes from which a console opens it on a
 * window, file-window.ts). Below it, its text is read whole and parsed at once: the native parse of a
 * few megabytes is quicker than a reader of pieces that a start runs before the JIT has made it fast
 * (the demo's records written compact, 2.5 MB: 360 ms in pieces, some 40 as text).
 */
export const piecesFromBytes = 8 * 1024 * 1024;

/**
 * A lowdb adapter over one JSON file, with validation on read and durable atomic writes. A sealed
 * file is opened with its key (found by the keyring) and written back sealed under the key it was
 * read with; a plain one stays plain. `sealUnder` says what a file not read yet is written as.
 */
export class DurableJsonFile<T> implements Adapter<T> {
	constructor(
		readonly file: string,
		private readonly codec: TextCodec<T>,
		private readonly options: {
			/** Whether the file as it is (its inode, size and times) is known to hold valid data already. */
			isTrusted?: (info: Stats) => Promise<boolean>;
			/** Runs after the new content is durable in its temporary file, right before it replaces the file: may refuse by throwing. */
			beforeCommit?: () => Promise<void>;
			/** The file's bytes from and to its text, whatever its header says (a test's own codec). */
			bytes?: ByteCodec;
		} = {},
	) {}

	/** The file as last read: its status (taken from the same open file as the text) and whether it was trusted. */
	lastRead: {info: Stats; trusted: boolean} | null = null;

	/** The key the file is written under: the one it was last read with (null: plain). */
	key: MasterKey | null = null;

	/** Writes the file sealed under `key` from now on (null: plain): a new set's, a set sealed or unsealed. */
	sealUnder(key: MasterKey | null): void {
		this.key = key;
	}

	async read(): Promise<T | null> {
		if (this.codec.parseTrusted && !this.options.bytes) return this.readPieces(this.codec.parseTrusted);
		const read = await readDataText(this.file, this.options.bytes);
		if (!read) return null;
		const {text, info} = read;
		const trusted = (await this.options.isTrusted?.(info)) ?? false;
		const data = this.codec.parse(text, trusted);
		this.lastRead = {info, trusted};
		this.key = read.key;
		return data;
	}

	/**
	 * `read` by way of the file's pieces: a trusted file of `piecesFromBytes` or more taken from them
	 * (`parse`) when it can be, else from its text.
	 */
	private async readPieces(parse: (pieces: Pieces) => T | null): Promise<T | null> {
		const opened = await openPieces(this.file, maxDataFileBytes);
		if (!opened) return null;
		const {info, key} = opened;
		let data: T | null;
		let trusted: boolean;
		try {
			trusted = (await this.options.isTrusted?.(info)) ?? false;
			data = trusted && info.size >= piecesFromBytes ? parse(opened.pieces) : null;
			if (data === null) {
				let bytes: Buffer | null = opened.whole();
				const text = utf8Text(this.file, bytes);
				// The bytes are let go before the text is parsed: a 300 MB buffer beside its text and the parsed data would be held to the end.
				bytes = null;
				data = this.codec.parse(text, trusted);
			}
		} finally {
			opened.close();
		}
		this.lastRead = {info, trusted};
		this.key = key;
		return data;
	}

	/** Notes a read made elsewhere (a file read a part at a time: `file-window.ts`) as this adapter's own. */
	took(info: Stats, trusted: boolean, key: MasterKey | null): void {
		this.lastRead = {info, trusted};
		this.key = key;
	}

	async write(data: T): Promise<void> {
		const bytes = this.options.bytes ?? bytesUnder(this.key);
		await writeFileDurably(this.file, this.codec.stringify(data), this.options.beforeCommit, bytes);
	}
}
