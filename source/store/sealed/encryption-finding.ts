import {basename, dirname, relative} from 'node:path';
import {t} from '../../i18n/i18n.js';
import type {Finding} from '../finding.js';
import {filesOfSet, sealedWith} from './set-files.js';

type Under = {file: string; key: string | null};

/** A key in words: its id and how it opens (a key file, a passphrase). */
const keyWords = (key: {id: string; kind: string}): string =>
	t(key.kind === 'passphrase' ? 'store.check.keyPassphrase' : 'store.check.keyFile', {keyId: key.id});

/**
 * `crm doctor`'s word on encryption, from the files' headers alone (no key is needed to say it):
 * the set is plain, or every file is under one key, or (a re-encryption stopped half-way) which file
 * is under which key, and that running it again finishes it.
 */
export const encryptionFinding = async (dataFile: string): Promise<Finding> => {
	const folder = dirname(dataFile);
	const under: Under[] = [];
	const keys = new Map<string | null, string>();
	const unreadable: string[] = [];
	for (const file of await filesOfSet(dataFile)) {
		const name = relative(folder, file.path) || basename(file.path);
		try {
			const sealed = await sealedWith(file);
			const key = sealed ? keyWords(sealed) : null;
			under.push({file: name, key});
			keys.set(key, key ?? t('store.check.plain'));
		} catch (error) {
			// A header cut short or damaged says no key: the file is named with what is wrong with it.
			unreadable.push(t('store.check.encryptionFile', {file: name, key: (error as Error).message}));
		}
	}
	const area = 'Encryption'; // i18n-exempt: an area's id (doctor says it by areaName)
	const number = under.length + unreadable.length;
	if (unreadable.length > 0)
		return {
			area,
			ok: false,
			summary: t('store.check.encryptionUnreadable', {number, unreadable: unreadable.length}),
			details: [
				...unreadable,
				...under.map(({file, key}) => t('store.check.encryptionFile', {file, key: key ?? t('store.check.plain')})),
			],
		};
	if (keys.size === 1 && keys.has(null))
		return {area, ok: true, summary: t('store.check.encryptionNone', {number}), details: []};
	if (keys.size === 1) {
		const key = [...keys.values()][0] ?? '';
		return {area, ok: true, summary: t('store.check.encryptionOne', {number, key}), details: []};
	}
	return {
		area,
		ok: false,
		summary: t('store.check.encryptionMixed', {number, keys: keys.size}),
		details: [
			...under.map(({file, key}) => t('store.check.encryptionFile', {file, key: key ?? t('store.check.plain')})),
			t('store.check.encryptionAdvice'),
		],
	};
};
