import {t} from '../i18n/i18n.js';

/**
 * One area of the check: fine, worth knowing (orphaned records: the console allows deleting a
 * customer who has deals), or wrong (the file will not load as it is); a handful named, the rest counted.
 */
export type Finding = {area: FindingArea; ok: boolean; summary: string; details: string[]; warning?: boolean};

/** The areas of the check, by their English names (an id: `areaName` says one in the language in force). */
export type FindingArea =
	| 'File'
	| 'JSON'
	| 'Schema'
	| 'Records'
	| 'Ids'
	| 'References'
	| 'Journal'
	| 'Audit chain'
	| 'Roles'
	| 'Lock'
	| 'Backups'
	| 'Encryption'
	| 'Database';

/** An area's name in the language in force. */
export const areaName = (area: FindingArea): string => {
	switch (area) {
		case 'File':
			return t('store.check.file');
		case 'JSON':
			return t('store.check.json');
		case 'Schema':
			return t('store.check.schema');
		case 'Records':
			return t('store.check.records');
		case 'Ids':
			return t('store.check.ids');
		case 'References':
			return t('store.check.references');
		case 'Journal':
			return t('store.check.journal');
		case 'Audit chain':
			return t('store.check.auditChain');
		case 'Roles':
			return t('store.check.roles');
		case 'Lock':
			return t('store.check.lock');
		case 'Backups':
			return t('store.check.backups');
		case 'Encryption':
			return t('store.check.encryption');
		case 'Database':
			return t('store.check.database');
	}
};

export const listed = (items: string[], shown = 8): string[] =>
	items.length > shown ? [...items.slice(0, shown), t('store.check.andMore', {count: items.length - shown})] : items;
