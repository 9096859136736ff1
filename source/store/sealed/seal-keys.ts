import {createHmac, hkdfSync, randomBytes} from 'node:crypto';
import {constants} from 'node:fs';
import {type FileHandle, open, unlink} from 'node:fs/promises';
import {dirname} from 'node:path';
import {inspect} from 'node:util';
import {SealError} from './seal-error.js';

/** The bytes of a master key. */
export const masterKeyLength = 32;

/** How a passphrase was stretched into a master key (kept in the sealed file's header). */
export type ScryptParams = {N: number; r: number; p: number; salt: Buffer};

/** Where a master key came from: a key file, or a passphrase stretched by scrypt. */
export type KeySource = {kind: 'file'} | {kind: 'passphrase'; scrypt: ScryptParams};

const keyIdLabel = 'crm-console key id'; // i18n-exempt: an HMAC label, never shown

/** A key's id: the first 8 bytes of HMAC-SHA256(master, "crm-console key id"), as 16 hex digits. */
const idOf = (bytes: Uint8Array): string =>
	createHmac('sha256', bytes).update(keyIdLabel).digest().subarray(0, 8).toString('hex');

/**
 * A 32-byte master key. Its bytes are a private field: they never leave it but through `derive`
 * (HKDF), and neither `JSON.stringify`, `util.inspect` nor a log line shows them — only the id.
 */
export class MasterKey {
	readonly #bytes: Buffer;
	readonly id: string;

	constructor(
		bytes: Uint8Array,
		readonly source: KeySource = {kind: 'file'},
	) {
		if (bytes.length !== masterKeyLength) throw new RangeError(`a master key is ${masterKeyLength} bytes`); // i18n-exempt: a developer's error
		this.#bytes = Buffer.from(bytes);
		this.id = idOf(this.#bytes);
	}

	/** HKDF-SHA256 of the master key: `length` bytes for `salt` and `info`. */
	derive(salt: Uint8Array, info: string, length = 32): Buffer {
		return Buffer.from(hkdfSync('sha256', this.#bytes, salt, info, length));
	}

	toJSON(): {id: string; kind: KeySource['kind']} {
		return {id: this.id, kind: this.source.kind};
	}

	toString(): string {
		return `MasterKey ${this.id}`; // i18n-exempt: a developer's view of the key, its id only
	}

	[inspect.custom](): string {
		return this.toString();
	}
}

/** A new random master key (of a key file). */
export const newMasterKey = (): MasterKey => new MasterKey(randomBytes(masterKeyLength));

const hexKey = /^[0-9a-fA-F]{64}$/;
const base64Key = /^[A-Za-z0-9+/]{43}=$/;

/** The key a key file's text holds (44 base64 or 64 hex characters, then only white space), or null. */
export const keyOfText = (text: string): MasterKey | null => {
	const line = text.replace(/\s+$/, '');
	if (hexKey.test(line)) return new MasterKey(Buffer.from(line, 'hex'));
	if (!base64Key.test(line)) return null;
	const bytes = Buffer.from(line, 'base64');
	// Only the canonical spelling: a last character with stray low bits is not a key crm wrote.
	return bytes.length === masterKeyLength && bytes.toString('base64') === line ? new MasterKey(bytes) : null;
};

/** More than a key file holds: a file this long is something else. */
const keyFileMaxBytes = 4096;

const openKeyFile = async (file: string): Promise<FileHandle> => {
	try {
		// Non-blocking, so that a named pipe put where the key belongs does not hang crm.
		return await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'ENOENT' || code === 'ENOTDIR') throw new SealError('key_file_missing', file);
		throw new SealError('key_file_unreadable', file, {reason: code ?? String(error)});
	}
};

const readKeyText = async (file: string, handle: FileHandle): Promise<string> => {
	const info = await handle.stat();
	if (info.isDirectory()) throw new SealError('key_file_folder', file);
	if (!info.isFile()) throw new SealError('bad_key_file', file);
	// Only its owner may read or write a key: anyone else could open every sealed file with it.
	if ((info.mode & 0o077) !== 0) throw new SealError('loose_key_file', file, {mode: info.mode});
	const buffer = Buffer.alloc(keyFileMaxBytes + 1);
	try {
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
		if (bytesRead > keyFileMaxBytes) throw new SealError('bad_key_file', file);
		return buffer.subarray(0, bytesRead).toString('latin1');
	} catch (error) {
		if (error instanceof SealError) throw error;
		throw new SealError('key_file_unreadable', file, {reason: (error as NodeJS.ErrnoException).code ?? String(error)});
	} finally {
		buffer.fill(0);
	}
};

/**
 * The master key in a key file. Refused, each with its own code: a file that is not there, a
 * folder, one that cannot be read, one that group or others may read or write (`loose_key_file`,
 * checked before its bytes are read), and one that does not hold exactly one key.
 */
export const readKeyFile = async (file: string): Promise<MasterKey> => {
	const handle = await openKeyFile(file);
	try {
		const key = keyOfText(await readKeyText(file, handle));
		if (!key) throw new SealError('bad_key_file', file);
		return key;
	} finally {
		await handle.close();
	}
};

const syncFolder = async (folder: string): Promise<void> => {
	try {
		const handle = await open(folder, constants.O_RDONLY);
		try {
			await handle.sync();
		} finally {
			await handle.close();
		}
	} catch {
		// Some file systems refuse to sync a folder; the file itself is synced.
	}
};

/**
 * Makes a new key file at `file` with 32 random bytes (base64, one line), mode 0600, synced to
 * disk. It never replaces a file that is there (`exists`): that file's key may be the only one
 * that opens some data.
 */
export const createKeyFile = async (file: string): Promise<MasterKey> => {
	const bytes = randomBytes(masterKeyLength);
	let handle: FileHandle;
	try {
		handle = await open(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EEXIST') throw new SealError('exists', file);
		throw new SealError('key_file_unwritable', file, {reason: code ?? String(error)});
	}
	try {
		await handle.chmod(0o600);
		await handle.writeFile(`${bytes.toString('base64')}\n`);
		await handle.sync();
	} catch (error) {
		await handle.close();
		// The file is ours (O_EXCL made it): a half-written key is no key, and would block the next try.
		await unlink(file).catch(() => undefined);
		throw new SealError('key_file_unwritable', file, {reason: (error as NodeJS.ErrnoException).code ?? String(error)});
	}
	await handle.close();
	await syncFolder(dirname(file));
	const key = new MasterKey(bytes);
	bytes.fill(0);
	return key;
};
