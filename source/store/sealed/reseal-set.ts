import {mayChangeSettings} from '../../domain/access.js';
import {t} from '../../i18n/i18n.js';
import {writeFileDurably} from '../durable-json-file.js';
import {withFileLock} from '../file-lock.js';
import {markChecked, stampOf} from '../file-stamp.js';
import {JsonFileStore} from '../json-file-store.js';
import {MutationError} from '../mutation-error.js';
import {maxDataFileBytes} from '../regular-file.js';
import type {MasterKey} from './seal-keys.js';
import {newLineHeader, openLineIn, readLineHeader, sealLineIn, tornLineMark} from './seal-lines.js';
import {filesOfSet, linesOf, type SetFile, sealedWith} from './set-files.js';
import {bytesUnder, readSetText} from './set-sealing.js';

/** What a re-seal did: the files written under the new key (or in plain), and those already so. */
export type ResealReport = {written: SetFile[]; already: SetFile[]};

const keyIdOf = async (file: SetFile): Promise<string | null> => (await sealedWith(file))?.id ?? null;

/**
 * A file of lines, each line opened (under the key its header names) and written again under
 * `target` with a new header and salt, or in plain. A journal's lines are bound to their numbers.
 */
const resealLines = async (file: SetFile, target: MasterKey | null): Promise<void> => {
	const {header, lines} = await linesOf(file.path);
	const numbered = file.kind !== 'metrics';
	const sealing = header === null ? null : await readLineHeader(header, file.path);
	// A sealed log's torn line, closed by a later append (`~`), held nothing whole: it is left out.
	const texts = (sealing ? lines.filter((line) => !line.endsWith(tornLineMark)) : lines).map((line, index) =>
		sealing ? openLineIn(line, sealing, file.path, numbered ? index + 2 : undefined) : line,
	);
	let out = texts;
	if (target) {
		const made = newLineHeader(target);
		out = [made.text, ...texts.map((text, index) => sealLineIn(text, made.sealing, numbered ? index + 2 : undefined))];
	}
	await writeFileDurably(file.path, out.map((line) => `${line}\n`).join(''));
};

/** One whole file, read as it is (under any key the keyring finds) and written back whole under `target`. */
const resealWhole = async (path: string, target: MasterKey | null, beforeCommit?: () => Promise<void>) => {
	const read = await readSetText(path, maxDataFileBytes);
	if (read) await writeFileDurably(path, read.text, beforeCommit, bytesUnder(target));
};

/**
 * Writes every file of the data set at `dataFile` under `target` (null: in plain), under the data
 * file's lock, each by a temporary file and a rename: a crash leaves each file whole, under the old
 * key or the new. The journal is folded first; the data file goes last, so a set whose data file is
 * under the new key has nothing left under the old one. Files already under `target` are left as
 * they are, so a run stopped half-way is finished by running it again (the keyring must then find
 * both keys). Each file is read with the key its own header names.
 */
export const resealSet = async (
	dataFile: string,
	target: MasterKey | null,
	{operator, onFile}: {operator: string; onFile?: (file: SetFile, written: boolean) => void},
): Promise<ResealReport> =>
	withFileLock(dataFile, async (lock) => {
		const store = await JsonFileStore.open(dataFile);
		try {
			// Who may read the customers' files at all is an admin's decision, as the roles and a restore are.
			const role = store.roleOf(operator);
			if (!mayChangeSettings(role)) throw new MutationError(t('store.access.mayNotEncrypt', {operator, role}));
			// Saves still in the journal go into the data file: one file less to re-seal, and the data file is whole.
			if (store.journalSize.bytes > 0) await store.fold();
		} finally {
			await store.close();
		}
		const report: ResealReport = {written: [], already: []};
		for (const file of await filesOfSet(dataFile)) {
			const keyId = await keyIdOf(file);
			if (keyId === (target?.id ?? null)) {
				report.already.push(file);
				onFile?.(file, false);
				continue;
			}
			if (file.lines) await resealLines(file, target);
			else await resealWhole(file.path, target, file.kind === 'data' ? lock.verify : undefined);
			report.written.push(file);
			onFile?.(file, true);
		}
		// The data file as written holds the records as checked when it was opened: its next load need not check them again.
		// (Whether its log vouches for roles is not looked up here: not known, so a start acting under another name reads it whole.)
		await markChecked(dataFile, await stampOf(dataFile), undefined);
		return report;
	});
