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
	label:
		patch.kind === 'target'
			? `target of ${patch.label ?? patch.id}`
			: patch.kind === 'requirement'
				? `requirement “${patch.label ?? patch.id}”`
				: patch.kind === 'rate' || patch.kind === 'base' || patch.kind === 'money'
					? 'base currency and rates'
					: patch.kind === 'product' || patch.kind === 'products'
						? 'product catalogue'
						: patch.kind === 'costs'
							? 'ROI costs'
							: 'assessment settings',
	changes,
	undoOf: null,
	batch: null,
});
