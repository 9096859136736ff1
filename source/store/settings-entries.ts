import {type AccessSettings, accessEntity, accessFieldChanges, accessRecordId} from '../domain/access.js';
import type {ChangeEntry} from '../domain/change-log.js';
import {newId} from '../domain/ids.js';
import {settingsEntity, settingsRecordId} from '../domain/settings.js';
import type {SettingsPatch} from './settings-file.js';

/** A change-log entry of the roles: before (null: as first found) and after. */
export const rolesEntry = (
	before: AccessSettings | null,
	after: AccessSettings,
	operator: string,
	at: string,
	label = 'roles',
): ChangeEntry => ({
	id: newId('chg'),
	at,
	operator,
	action: 'update',
	entity: accessEntity,
	recordId: accessRecordId,
	label,
	changes: accessFieldChanges(before, after),
	undoOf: null,
	batch: null,
});

/** A change-log entry of the settings (a target, a checklist mark, the assessment settings): logged and chained like a record's. */
export const settingsEntry = (
	patch: SettingsPatch,
	changes: ChangeEntry['changes'],
	operator: string,
	at: string,
): ChangeEntry => ({
	id: newId('chg'),
	at,
	operator,
	action: 'update',
	entity: settingsEntity,
	recordId: settingsRecordId,
	// i18n-exempt: the labels the change log keeps (stored text, the same in every language)
	label:
		patch.kind === 'target'
			? `target of ${patch.label ?? patch.id}` // i18n-exempt: stored in the change log
			: patch.kind === 'requirement'
				? `requirement “${patch.label ?? patch.id}”`
				: patch.kind === 'rate' || patch.kind === 'base' || patch.kind === 'money'
					? 'base currency and rates' // i18n-exempt: stored in the change log
					: patch.kind === 'product' || patch.kind === 'products'
						? 'product catalogue' // i18n-exempt: stored in the change log
						: patch.kind === 'costs'
							? 'ROI costs' // i18n-exempt: stored in the change log
							: 'assessment settings', // i18n-exempt: stored in the change log
	changes,
	undoOf: null,
	batch: null,
});
