import {isUtf8} from 'node:buffer';
import {constants, type Stats} from 'node:fs';
import {type FileHandle, lstat, open, readlink} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import {t} from '../i18n/i18n.js';

/**
 * Reading the files crm keeps (data, journal, settings, metrics, backups) so that a path that is not
 * an ordinary file cannot stall or swamp it: a named pipe would block a plain open until someone
 * writes to it, `/dev/zero` never ends. Files are opened without blocking, checked to be regular
 * files, and refused above a size, each in words naming the path.
 */

/** The largest data file crm reads: a JavaScript string holds at most about 512 million characters. */
export const maxDataFileBytes = 512 * 1024 * 1024;

/** A file that cannot be read as crm's: not a regular file, too large, not UTF-8. `problem` names what is wrong. */
export class UnreadableFileError extends Error {
	override readonly name = 'UnreadableFileError'; // i18n-exempt: the error's class name
	constructor(
		readonly path: string,
		readonly problem: string,
	) {
		super(`${path}: ${problem}`);
	}
}

/** What a path is when it is not a regular file, in words. */
export const kindOf = (info: Stats): string =>
	info.isDirectory()
		? t('store.read.folder')
		: info.isFIFO()
			? t('store.read.fifo')
			: info.isSocket()
				? t('store.read.socket')
				: info.isCharacterDevice() || info.isBlockDevice()
					? t('store.read.device')
					: t('store.read.other');

const megabytes = (bytes: number): string =>
	`${(bytes / 1_048_576).toLocaleString('en-US', {maximumFractionDigits: 1})} MB`;

/** Refuses, with UnreadableFileError, a path that is not a regular file and a file larger than `maxBytes`. */
export const checkRegular = (path: string, info: Stats, maxBytes: number): void => {
	if (!info.isFile()) throw new UnreadableFileError(path, t('store.read.notRegular', {kind: kindOf(info)}));
	if (info.size > maxBytes)
		throw new UnreadableFileError(
			path,
			t('store.read.tooLarge', {size: megabytes(info.size), max: megabytes(maxBytes)}),
		);
};

/**
 * The bytes of a regular file, or null when it does not exist. Refuses, with UnreadableFileError,
 * anything that is not a regular file and a file larger than `maxBytes`.
 */
export const readRegularFile = async (path: string, maxBytes: number): Promise<{bytes: Buffer; info: Stats} | null> => {
	let handle: FileHandle;
	try {
		handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT') return null;
		if (code === 'EISDIR') throw new UnreadableFileError(path, t('store.read.isFolder'));
		throw error;
	}
	try {
		const info = await handle.stat();
		checkRegular(path, info, maxBytes);
		return {bytes: await handle.readFile(), info};
	} finally {
		await handle.close();
	}
};

/** The first byte of a line that starts no valid UTF-8 sequence (lead byte and continuation bytes). */
const firstBadByte = (line: Buffer): number => {
	for (let index = 0; index < line.length; ) {
		const lead = line[index]!;
		const length =
			lead < 0x80
				? 1
				: lead >= 0xc2 && lead <= 0xdf
					? 2
					: lead >= 0xe0 && lead <= 0xef
						? 3
						: lead >= 0xf0 && lead <= 0xf4
							? 4
							: 0;
		if (length === 0 || index + length > line.length || !isUtf8(line.subarray(index, index + length))) return index;
		index += length;
	}
	return 0;
};

/** Where the first byte that is not UTF-8 sits, as line and column (1-based, in bytes); a newline is never inside a character. */
const firstInvalidByte = (bytes: Buffer): {line: number; column: number} => {
	let line = 1;
	let lineStart = 0;
	for (let index = 0; index <= bytes.length; index++) {
		if (index < bytes.length && bytes[index] !== 0x0a) continue;
		const text = bytes.subarray(lineStart, index);
		if (!isUtf8(text)) return {line, column: firstBadByte(text) + 1};
		line++;
		lineStart = index + 1;
	}
	return {line: 1, column: 1};
};

/** The text of a file's bytes, refused (not replaced with U+FFFD) where it is not UTF-8. */
export const utf8Text = (path: string, bytes: Buffer): string => {
	if (isUtf8(bytes)) return bytes.toString('utf8');
	const {line, column} = firstInvalidByte(bytes);
	throw new UnreadableFileError(path, t('store.read.notUtf8', {line, column}));
};

/**
 * The path a data file really is: a symbolic link is followed (to a target that need not exist
 * yet), so that saves replace the file it points at instead of the link, and the files kept
 * beside the data (settings, journal, backups, lock) are those beside the real file.
 */
export const followLinks = async (path: string): Promise<string> => {
	let current = resolve(path);
	for (let hops = 0; hops < 40; hops++) {
		let info: Stats;
		try {
			info = await lstat(current);
		} catch {
			return current;
		}
		if (!info.isSymbolicLink()) return current;
		current = resolve(dirname(current), await readlink(current));
	}
	throw new UnreadableFileError(path, t('store.read.linkLoop'));
};
