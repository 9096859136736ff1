import {execFileSync} from 'node:child_process';
import {chmod, mkdir, readFile, stat, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {inspect} from 'node:util';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {setLanguage} from '../../source/i18n/i18n.js';
import {SealError, type SealErrorCode} from '../../source/store/sealed/seal-error.js';
import {openBytes, sealBytes} from '../../source/store/sealed/seal-file.js';
import {readSealedHeader} from '../../source/store/sealed/seal-format.js';
import {createKeyFile, keyOfText, MasterKey, readKeyFile} from '../../source/store/sealed/seal-keys.js';
import {
	largestScryptN,
	newPassphraseKey,
	passphraseKey,
	scryptBounds,
	tuneScrypt,
} from '../../source/store/sealed/seal-passphrase.js';
import {tempFolder} from '../support/temp-folder.js';

/** Master keys (issue 22): key files, passphrases stretched by scrypt, and key bytes kept out of every message. */
let folder: string;
beforeEach(() => {
	folder = tempFolder('sealed-keys');
});
afterEach(() => setLanguage('en'));

const bytes = Buffer.from(Array.from({length: 32}, (_, index) => index * 7 + 1));
const base64 = bytes.toString('base64');
const hex = bytes.toString('hex');
const known = new MasterKey(bytes);
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
/** The base64 character with its lowest bit flipped: in a 32-byte key's last character, a bit no byte takes. */
const strayBit = (character: string): string => alphabet[alphabet.indexOf(character) ^ 1]!;

const keyFile = async (name: string, text: string, mode = 0o600): Promise<string> => {
	const path = join(folder, name);
	await writeFile(path, text);
	await chmod(path, mode);
	return path;
};

const refusal = async (promise: Promise<unknown>): Promise<SealError> => {
	const error = await promise.then(
		() => null,
		(thrown: unknown) => thrown,
	);
	expect(error).toBeInstanceOf(SealError);
	return error as SealError;
};

describe('a key id', () => {
	test('is 16 hex digits of HMAC-SHA256(master, "crm-console key id"), the same for the same bytes', () => {
		expect(known.id).toMatch(/^[0-9a-f]{16}$/);
		expect(new MasterKey(Buffer.from(bytes)).id).toBe(known.id);
		expect(new MasterKey(Buffer.alloc(32)).id).not.toBe(known.id);
	});

	test.each([0, 16, 31, 33])('a master key of %i bytes is refused', (length) => {
		expect(() => new MasterKey(Buffer.alloc(length))).toThrow(RangeError);
	});
});

describe('the text of a key file', () => {
	test.each([
		['base64', base64, true],
		['base64 and a newline', `${base64}\n`, true],
		['base64 and CRLF', `${base64}\r\n`, true],
		['hex', hex, true],
		['HEX', hex.toUpperCase(), true],
		['hex and spaces', `${hex}  \n\n`, true],
		['empty', '', false],
		['only a newline', '\n', false],
		['a space before', ` ${base64}`, false],
		['base64 of 31 bytes', Buffer.alloc(31, 1).toString('base64'), false],
		['base64 of 33 bytes', Buffer.alloc(33, 1).toString('base64'), false],
		['base64 with a stray low bit set', `${base64.slice(0, 42)}${strayBit(base64[42]!)}=`, false],
		['63 hex digits', hex.slice(1), false],
		['65 hex digits', `${hex}0`, false],
		['two keys', `${base64}\n${base64}\n`, false],
		['words', 'this is not a key', false],
	])('%s: read %s', (_, text, reads) => {
		expect(keyOfText(text)?.id === known.id).toBe(reads);
	});

	test('a stray low bit is another spelling of the same bytes (what the test above refuses)', () => {
		expect(Buffer.from(`${base64.slice(0, 42)}${strayBit(base64[42]!)}=`, 'base64').equals(bytes)).toBe(true);
	});
});

describe('a key file', () => {
	test.each([
		['base64', `${base64}\n`],
		['hex', `${hex}\n`],
	])('in %s is read', async (name, text) => {
		expect((await readKeyFile(await keyFile(name, text))).id).toBe(known.id);
	});

	test.each([
		[0o644, '0644'],
		[0o640, '0640'],
		[0o604, '0604'],
		[0o602, '0602'],
		[0o620, '0620'],
		[0o666, '0666'],
	])('at mode %o is refused as loose, naming the file, the mode and the fix', async (mode, text) => {
		const path = await keyFile('loose.key', base64, mode);
		const error = await refusal(readKeyFile(path));
		expect(error.code).toBe('loose_key_file');
		expect(error.message).toBe(
			`The key file ${path} may be read or written by others (mode ${text}): run \`chmod 600 ${path}\`, then try again.`,
		);
	});

	test.each([0o600, 0o400, 0o700])('at mode %o is read', async (mode) => {
		expect((await readKeyFile(await keyFile('tight.key', hex, mode))).id).toBe(known.id);
	});

	const place = async (kind: string): Promise<string> => {
		const path = join(folder, kind);
		if (kind === 'missing') return path;
		if (kind === 'folder') await mkdir(path, {mode: 0o700});
		if (kind === 'garbage') await keyFile(kind, 'password=hunter2\n');
		if (kind === 'empty') await keyFile(kind, '');
		if (kind === 'huge') await keyFile(kind, `${base64}\n${'x'.repeat(10_000)}`);
		if (kind === 'fifo') execFileSync('mkfifo', ['-m', '600', path]);
		if (kind === 'loop') {
			await symlink(join(folder, 'loop2'), path);
			await symlink(path, join(folder, 'loop2'));
		}
		if (kind === 'under-a-file') {
			await keyFile('plain', base64);
			return join(folder, 'plain', 'key');
		}
		return path;
	};

	test.each([
		['missing', 'key_file_missing'],
		['under-a-file', 'key_file_missing'],
		['folder', 'key_file_folder'],
		['garbage', 'bad_key_file'],
		['empty', 'bad_key_file'],
		['huge', 'bad_key_file'],
		['fifo', 'bad_key_file'],
		['loop', 'key_file_unreadable'],
	])('that is %s is refused as %s, naming the file', async (kind, code) => {
		const path = await place(kind);
		const error = await refusal(readKeyFile(path));
		expect(error.code).toBe(code);
		expect(error.file).toBe(path);
		expect(error.message).toContain(path);
		expect(error.message).not.toContain('\n');
	});

	test('made by createKeyFile: 0600, one base64 line, read back as the same key', async () => {
		const path = join(folder, 'new.key');
		const made = await createKeyFile(path);
		expect((await stat(path)).mode & 0o777).toBe(0o600);
		expect(await readFile(path, 'utf8')).toMatch(/^[A-Za-z0-9+/]{43}=\n$/);
		expect((await readKeyFile(path)).id).toBe(made.id);
	});

	test('createKeyFile never overwrites a file, not even an empty one', async () => {
		for (const text of [`${base64}\n`, '']) {
			const path = await keyFile('taken.key', text);
			const error = await refusal(createKeyFile(path));
			expect(error.code).toBe('exists');
			expect(error.message).toContain(path);
			expect(await readFile(path, 'utf8')).toBe(text);
		}
	});

	test('createKeyFile in a folder that does not exist says it cannot be written', async () => {
		const error = await refusal(createKeyFile(join(folder, 'nowhere', 'new.key')));
		expect(error.code).toBe('key_file_unwritable');
		expect(error.message).toContain('ENOENT');
	});

	test('a loose key file is refused in Chinese too', async () => {
		setLanguage('zh-CN');
		const path = await keyFile('loose.key', base64, 0o644);
		expect((await refusal(readKeyFile(path))).message).toBe(
			`密钥文件 ${path} 可被其他用户读取或写入（权限 0644）：请运行 \`chmod 600 ${path}\` 后重试。`,
		);
	});
});

describe('a passphrase', () => {
	const N = 1024;

	test('seals and opens: the header carries the scrypt costs to ask for it with', async () => {
		const {master, params} = await newPassphraseKey('correct horse battery staple', {N});
		expect(params).toMatchObject({N, r: 8, p: 1});
		expect(params.salt).toHaveLength(16);
		const sealed = sealBytes(Buffer.from('{"customers":[]}'), master);
		const header = readSealedHeader(sealed);
		expect(header.key).toEqual({id: master.id, kind: 'passphrase', scrypt: params});
		if (header.key.kind !== 'passphrase') throw new Error('a passphrase header'); // i18n-exempt: a test's guard
		const again = await passphraseKey('correct horse battery staple', header.key.scrypt);
		expect(openBytes(sealed, again).toString()).toBe('{"customers":[]}');
		const wrong = await passphraseKey('correct horse battery stapler', header.key.scrypt);
		expect(() => openBytes(sealed, wrong)).toThrow(expect.objectContaining({code: 'wrong_key'}));
	});

	test('the same words in another Unicode form make the same key (NFC)', async () => {
		const {params} = await newPassphraseKey('x', {N});
		const composed = await passphraseKey('caf\u00e9 crème', params);
		const decomposed = await passphraseKey('cafe\u0301 cre\u0300me', params);
		expect(decomposed.id).toBe(composed.id);
	});

	test('a fresh salt each time: the same passphrase makes another key', async () => {
		const [one, two] = [await newPassphraseKey('same', {N}), await newPassphraseKey('same', {N})];
		expect(one.params.salt.equals(two.params.salt)).toBe(false);
		expect(one.master.id).not.toBe(two.master.id);
	});

	test('an empty passphrase is refused, to seal and to open', async () => {
		const {params} = await newPassphraseKey('x', {N});
		for (const attempt of [newPassphraseKey('', {N}), passphraseKey('', params)]) {
			const error = await refusal(attempt);
			expect(error.code).toBe('empty_passphrase');
			expect(error.message).toBe('The passphrase is empty: type a passphrase (crm does not seal with an empty one).');
		}
	});

	test('tuneScrypt gives a power of two within the bounds', async () => {
		const N = await tuneScrypt();
		expect(Math.log2(N) % 1).toBe(0);
		expect(N).toBeGreaterThanOrEqual(2 ** 14);
		expect(N).toBeLessThanOrEqual(2 ** 17);
	});

	test.each([
		// [ms for N = 2^14, target ms, N]
		// However fast the machine, no more than 2^17 (128 MiB a derivation).
		[0, 300, 2 ** 17],
		[1, 300, 2 ** 17],
		[10, 300, 2 ** 17],
		[37.5, 300, 2 ** 17],
		[75, 300, 2 ** 16],
		[150, 300, 2 ** 15],
		[151, 300, 2 ** 14],
		[300, 300, 2 ** 14],
		[5000, 300, 2 ** 14],
		[10, 0, 2 ** 14],
	])('derived in %f ms at the smallest N, for %i ms: N = %i', (ms, target, N) => {
		expect(largestScryptN(ms, target)).toBe(N);
		expect(N).toBeGreaterThanOrEqual(2 ** scryptBounds.minLog2N);
	});
});

describe('the bytes of a key', () => {
	const spellings = [base64, hex, bytes.toString('latin1'), bytes.toString('base64url')];

	test('never appear in its JSON, its inspection or its text', () => {
		for (const view of [JSON.stringify(known), inspect(known), String(known), inspect({key: known}, {depth: 5})]) {
			for (const spelling of spellings) expect(view).not.toContain(spelling);
			expect(view).toContain(known.id);
		}
	});

	test.each<[string, () => unknown]>([
		['a wrong key', () => openBytes(sealBytes(Buffer.from('x'), known), new MasterKey(Buffer.alloc(32)))],
		['damage', () => openBytes(Buffer.concat([sealBytes(Buffer.from('x'), known), Buffer.from([1])]), known)],
	])('never appear in the message of %s', (_, run) => {
		let message = '';
		try {
			run();
		} catch (error) {
			message = `${(error as Error).message} ${inspect(error)}`;
		}
		expect(message).not.toBe('');
		for (const spelling of spellings) expect(message).not.toContain(spelling);
	});

	test.each<[string, string, SealErrorCode]>([
		['a loose key file', base64, 'loose_key_file'],
		['a key file with two keys', `${base64}\n${hex}`, 'bad_key_file'],
	])('never appear in the message of %s', async (_, text, code) => {
		const path = await keyFile('k', text, code === 'loose_key_file' ? 0o644 : 0o600);
		const error = await refusal(readKeyFile(path));
		expect(error.code).toBe(code);
		for (const spelling of spellings) expect(`${error.message} ${inspect(error)}`).not.toContain(spelling);
	});
});
