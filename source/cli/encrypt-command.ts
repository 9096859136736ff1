import {access} from 'node:fs/promises';
import type {Command} from 'commander';
import {exitCodes} from '../commands/exit-codes.js';
import {t} from '../i18n/i18n.js';
import {isDatabaseUrl} from '../store/database-url.js';
import {resealSet} from '../store/sealed/reseal-set.js';
import {SealError} from '../store/sealed/seal-error.js';
import type {SealHeader} from '../store/sealed/seal-format.js';
import {createKeyFile, type MasterKey, readKeyFile} from '../store/sealed/seal-keys.js';
import {newPassphraseKey} from '../store/sealed/seal-passphrase.js';
import type {SetFile} from '../store/sealed/set-files.js';
import {keyring, sealedHeaderOf} from '../store/sealed/set-sealing.js';
import {askNewPassphrase, processKeys} from './data-key.js';
import {operatorFor} from './operator.js';
import {terminalPrompt} from './passphrase-prompt.js';
import {fail, reportKnownErrors, say} from './words.js';

type EncryptOptions = {
	data?: string;
	keyFile?: string;
	toKeyFile?: string;
	passphrase?: boolean;
	rotate?: boolean;
	readonly?: boolean;
};

type Dependencies = {dataFileFrom: (flag: string | undefined) => Promise<string>};

/** A key file's key; made (mode 0600, never over a file that is there) when there is none at `path`. */
const keyFileKey = async (path: string): Promise<{key: MasterKey; made: boolean}> => {
	try {
		return {key: await readKeyFile(path), made: false};
	} catch (error) {
		if (!(error instanceof SealError) || error.code !== 'key_file_missing') throw error;
		return {key: await createKeyFile(path), made: true};
	}
};

/** The key to seal with: a new passphrase typed twice, or a key file (`--to-key-file` for a rotation, else `--key-file`, `CRM_KEY_FILE`). */
const targetKey = async (
	file: string,
	options: EncryptOptions,
): Promise<{key: MasterKey; how: string; made: string | null}> => {
	if (options.passphrase === true) {
		const prompt = terminalPrompt() ?? fail(t('cli.encrypt.passphraseNeedsTerminal'), exitCodes.usage);
		const {master} = await newPassphraseKey(await askNewPassphrase(prompt, file));
		return {key: master, how: t('cli.encrypt.underPassphrase'), made: null};
	}
	const path = options.rotate === true ? options.toKeyFile : (options.keyFile ?? process.env['CRM_KEY_FILE']);
	if (path === undefined || path === '')
		return fail(t(options.rotate === true ? 'cli.encrypt.rotateWhich' : 'cli.encrypt.which'), exitCodes.usage);
	const {key, made} = await keyFileKey(path);
	return {key, how: t('cli.encrypt.underKeyFile', {path}), made: made ? path : null};
};

/** The data file to work on, and its header (null: plain); refused when it is a database or not there. */
const setToWorkOn = async (
	options: EncryptOptions,
	{dataFileFrom}: Dependencies,
): Promise<{file: string; header: SealHeader | null}> => {
	const file = await dataFileFrom(options.data);
	if (options.readonly === true) fail(t('cli.readonly.refused', {what: t('cli.encrypt.what')}), exitCodes.refused);
	if (isDatabaseUrl(file)) fail(t('cli.encrypt.database'), exitCodes.usage);
	const header = await sealedHeaderOf(file);
	const there = await access(file).then(
		() => true,
		() => false,
	);
	if (header === null && !there) fail(t('cli.encrypt.noData', {file}));
	return {file, header};
};

/** Says each file as it is written, then what was done. */
const tellFile = (file: SetFile, written: boolean): void => {
	if (written) say(`${t('cli.encrypt.fileWritten', {path: file.path})}\n`);
};

const runEncrypt = async (options: EncryptOptions, dependencies: Dependencies): Promise<void> => {
	const {file, header} = await setToWorkOn(options, dependencies);
	const rotate = options.rotate === true;
	if (!rotate && options.toKeyFile !== undefined) fail(t('cli.encrypt.toKeyFileAlone'), exitCodes.usage);
	const newKeyFile = rotate ? options.toKeyFile : options.keyFile;
	if (options.passphrase === true && newKeyFile !== undefined) fail(t('cli.encrypt.twoKeys'), exitCodes.usage);
	if (!rotate && header) fail(t('cli.encrypt.already', {file, keyId: header.key.id}));
	if (rotate && !header) fail(t('cli.encrypt.notEncrypted', {file}));
	// A new key file there already may be the one the set is under (a rotation that finished, run again):
	// known first, it opens those files. Otherwise the key the set is under now is found (asked, for a
	// passphrase) before the new one.
	const existing =
		rotate && options.toKeyFile !== undefined ? await readKeyFile(options.toKeyFile).catch(() => null) : null;
	if (existing) processKeys.set(existing.id, Promise.resolve(existing));
	if (header) await keyring.find(file, header);
	const {key, how, made} = await targetKey(file, options);
	if (made !== null) say(`${t('cli.encrypt.madeKeyFile', {path: made})}\n`);
	// Files already under the new key (a run stopped half-way) open with it.
	processKeys.set(key.id, Promise.resolve(key));
	const report = await resealSet(file, key, {operator: await operatorFor(file, undefined), onFile: tellFile});
	const words = {file, count: report.written.length, already: report.already.length, keyId: key.id, how};
	say(`${t(rotate ? 'cli.encrypt.rotated' : 'cli.encrypt.encrypted', words)}\n`);
};

const runDecrypt = async (options: EncryptOptions, dependencies: Dependencies): Promise<void> => {
	const {file, header} = await setToWorkOn(options, dependencies);
	if (!header) fail(t('cli.encrypt.notEncrypted', {file}));
	const report = await resealSet(file, null, {operator: await operatorFor(file, undefined), onFile: tellFile});
	say(`${t('cli.decrypt.decrypted', {file, count: report.written.length, already: report.already.length})}\n`);
};

/** `crm encrypt` (a plain set sealed; `--rotate`: a sealed set re-sealed under a new key) and `crm decrypt`. */
export const encryptCommands = (program: Command, dependencies: Dependencies): void => {
	program
		.command('encrypt')
		.description(t('cli.encrypt.description'))
		.option('--data <path>', t('cli.options.data'))
		.option('--key-file <path>', t('cli.encrypt.keyFile'))
		.option('--passphrase', t('cli.encrypt.passphrase'))
		.option('--rotate', t('cli.encrypt.rotate'))
		.option('--to-key-file <path>', t('cli.encrypt.toKeyFile'))
		.option('--readonly', t('cli.options.readonlyRefuses'))
		.action(async (options: EncryptOptions) => reportKnownErrors(() => runEncrypt(options, dependencies)));
	program
		.command('decrypt')
		.description(t('cli.decrypt.description'))
		.option('--data <path>', t('cli.options.data'))
		.option('--readonly', t('cli.options.readonlyRefuses'))
		.action(async (options: EncryptOptions) => reportKnownErrors(() => runDecrypt(options, dependencies)));
};
