import {t} from '../i18n/i18n.js';
import {SealError} from '../store/sealed/seal-error.js';
import type {SealHeader} from '../store/sealed/seal-format.js';
import {type MasterKey, readKeyFile} from '../store/sealed/seal-keys.js';
import {passphraseKey} from '../store/sealed/seal-passphrase.js';
import {type PassphrasePrompt, PromptStopped} from './passphrase-prompt.js';

/** Where a command may find the key of a sealed file. */
export type KeySources = {
	/** `--key-file PATH`. */
	keyFile?: string;
	/** The environment: `CRM_KEY_FILE`. */
	env: NodeJS.ProcessEnv;
	/** The terminal's prompt; null when there is no terminal (cron, a pipe). */
	prompt?: PassphrasePrompt | null;
};

/** Why a command could not get the key of a sealed file. */
export type DataKeyErrorCode =
	| 'key_needed'
	| 'key_file_for_passphrase'
	| 'passphrase_needs_terminal'
	| 'wrong_passphrase'
	| 'passphrases_differ'
	| 'passphrase_stopped'
	| 'passphrase_not_typed';

/**
 * A refusal to get a sealed file's key: one line naming the file and saying what to do. Exit code 2,
 * but for a prompt stopped by Ctrl+C or a signal (130, 143 …), as a process stopped by it would.
 * Its words never hold a passphrase or a key's bytes, only key ids.
 */
export class DataKeyError extends Error {
	override readonly name = 'DataKeyError'; // i18n-exempt: the error's class name

	constructor(
		readonly code: DataKeyErrorCode,
		readonly file: string,
		message: string,
		readonly exitCode = 2,
	) {
		super(message);
	}
}

/** Keys already found, by key id: a console opening the data file, then its settings and journal, asks once. */
export type KeyCache = Map<string, Promise<MasterKey>>;

/** The keys this process has found. */
export const processKeys: KeyCache = new Map();

/** How many passphrases a person may type before crm gives up. */
export const passphraseTries = 3;

const given = (path: string | undefined): string | undefined => (path === undefined || path === '' ? undefined : path);

/** The prompt stopped: the words that name the file, with the exit code the stop calls for. */
const stoppedError = (stop: PromptStopped, file: string): DataKeyError =>
	stop.kind === 'interrupt'
		? new DataKeyError('passphrase_stopped', file, t('dataKey.stopped', {file}), stop.exitCode)
		: new DataKeyError('passphrase_not_typed', file, t('dataKey.notTyped', {file}));

const asking = async (prompt: PassphrasePrompt, question: string, file: string): Promise<string> => {
	try {
		return await prompt.ask(question);
	} catch (error) {
		throw error instanceof PromptStopped ? stoppedError(error, file) : error;
	}
};

const fromKeyFile = async (file: string, header: SealHeader, sources: KeySources): Promise<MasterKey> => {
	const keyFile = given(sources.keyFile) ?? given(sources.env['CRM_KEY_FILE']);
	if (keyFile === undefined)
		throw new DataKeyError('key_needed', file, t('dataKey.keyNeeded', {file, keyId: header.key.id}));
	// Its own refusals (missing, loose, not a key …) name the key file, and pass through.
	const key = await readKeyFile(keyFile);
	if (key.id !== header.key.id) throw new SealError('wrong_key', file, {fileId: header.key.id, givenId: key.id});
	return key;
};

const fromPassphrase = async (
	file: string,
	sealedWith: Extract<SealHeader['key'], {kind: 'passphrase'}>,
	prompt: PassphrasePrompt,
): Promise<MasterKey> => {
	const keyId = sealedWith.id;
	for (let tries = passphraseTries - 1; tries >= 0; tries--) {
		const passphrase = await asking(prompt, t('dataKey.passphraseFor', {file}), file);
		if (passphrase === '') {
			if (tries > 0) prompt.tell(t('dataKey.emptyTry'));
			continue;
		}
		const key = await passphraseKey(passphrase, sealedWith.scrypt);
		if (key.id === keyId) return key;
		if (tries > 0) prompt.tell(t('dataKey.wrongTry', {file, keyId, count: tries}));
	}
	throw new DataKeyError('wrong_passphrase', file, t('dataKey.wrongPassphrase', {file, keyId}));
};

/**
 * A file sealed with a passphrase asks for it at the terminal, whatever key file is given (a rotation
 * meets files of both kinds; CRM_KEY_FILE may be kept set for other data sets). Without a terminal, a
 * key file given with --key-file is said to be the wrong kind of key.
 */
const findKey = (file: string, header: SealHeader, sources: KeySources): Promise<MasterKey> => {
	if (header.key.kind === 'file') return fromKeyFile(file, header, sources);
	const {prompt} = sources;
	if (prompt) return fromPassphrase(file, header.key, prompt);
	if (given(sources.keyFile) !== undefined)
		throw new DataKeyError(
			'key_file_for_passphrase',
			file,
			t('dataKey.keyFileForPassphrase', {file, keyId: header.key.id}),
		);
	throw new DataKeyError('passphrase_needs_terminal', file, t('dataKey.needsTerminal', {file}));
};

/**
 * The master key of the sealed file `file`, whose header is `header`: from the key file given
 * (`--key-file`, else `CRM_KEY_FILE`) when it is sealed with one, from a passphrase typed at the
 * terminal (three tries) when it is sealed with a passphrase. Refused with a DataKeyError (no key file
 * given, a key file given for a passphrase without a terminal, no terminal, three wrong passphrases, the prompt stopped)
 * or a SealError (the key file's own refusals, a key file of another key): one line naming the file.
 * A key found once is found again without asking (`cache`, by key id).
 */
export const keyForSealed = async (
	file: string,
	header: SealHeader,
	sources: KeySources,
	cache: KeyCache = processKeys,
): Promise<MasterKey> => {
	// A key found already is found again, however it was found (a rotation's new key, a file of either kind).
	const known = cache.get(header.key.id);
	if (known) return known;
	const finding = findKey(file, header, sources);
	cache.set(header.key.id, finding);
	// A refusal is not kept: the next file asks afresh (another key file, another try).
	finding.catch(() => cache.delete(header.key.id));
	return finding;
};

/**
 * A new passphrase to seal `file` with, typed twice at the prompt; an empty one, or two that differ,
 * are asked again (three tries in all). The caller makes the key of it (`newPassphraseKey`).
 */
export const askNewPassphrase = async (
	prompt: PassphrasePrompt,
	file: string = t('sealed.unnamed'),
): Promise<string> => {
	for (let tries = passphraseTries - 1; tries >= 0; tries--) {
		const first = await asking(prompt, t('dataKey.newPassphrase', {file}), file);
		if (first === '') {
			if (tries > 0) prompt.tell(t('dataKey.emptyTry'));
			continue;
		}
		const again = await asking(prompt, t('dataKey.newPassphraseAgain'), file);
		if (again === first) return first;
		if (tries > 0) prompt.tell(t('dataKey.differTry'));
	}
	throw new DataKeyError('passphrases_differ', file, t('dataKey.passphrasesDiffer', {file}));
};
