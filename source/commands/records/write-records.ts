import type {ChangeEntry} from '../../domain/change-log.js';
import {escapeControls, escapeJsonControls} from '../../domain/control-characters.js';
import {type AnyStoredRecord, type Dataset, entitySingular, type StoredEntity} from '../../domain/dataset.js';
import {dependentsOf} from '../../domain/dependents.js';
import {howToChangeBack} from '../../domain/mutation.js';
import {recordLabel} from '../../domain/record-label.js';
import type {Settings} from '../../domain/settings.js';
import {t} from '../../i18n/i18n.js';
import type {UndoResult} from '../../store/store-contract.js';
import {exitCodes} from '../exit-codes.js';
import {type ChangeOptions, changeRecords, undoLastChange} from './change-records.js';
import {refusal} from './read-records.js';
import type {RecordEntity} from './record-entities.js';
import {chooseFormat, type Destination, type FormatFlags, renderShow} from './record-output.js';
import {chooseFields} from './record-query.js';
import {RecordsRefusedError} from './records-error.js';
import {resolveRecord} from './resolve-record.js';

/** The entities a form makes and a record command writes. */
export type WriteEntity = Exclude<StoredEntity, 'surveys' | 'audiences'>;

/** What turns the fields given into a record's values: the console's forms, given by the command line (commands/ may not import them). */
export type RecordValuesRequest = {
	entity: WriteEntity;
	/** Field → text as typed, or a JSON value read with --stdin. */
	given: Readonly<Record<string, unknown>>;
	data: Dataset;
	settings: Settings;
	now: number;
	operator: string;
	/** The record updated; absent for a new one. */
	base?: AnyStoredRecord;
};

/** The values to save, or a RecordsRefusedError naming the field at fault. */
export type RecordValues = (request: RecordValuesRequest) => Record<string, unknown>;

export type WriteOptions = ChangeOptions &
	FormatFlags & {fields?: string; ifVersion?: number; now?: number; force?: boolean};

type Change = {named: RecordEntity; options: WriteOptions; to: Destination};

const recordsOf = (data: Dataset, entity: StoredEntity): AnyStoredRecord[] => data[entity] as AnyStoredRecord[];

/** The record `ref` names as the data stands under the lock, at the version `--if-version` asks for (exit 1 otherwise). */
const recordAt = (data: Dataset, named: RecordEntity, ref: string, ifVersion: number | undefined): AnyStoredRecord => {
	const found = resolveRecord(recordsOf(data, named.entity), ref, named.nameField);
	if (!found.found) throw refusal(named, found);
	const record = found.record;
	if (ifVersion !== undefined && record.version !== ifVersion)
		throw new RecordsRefusedError(
			t('cli.recordsWrite.stale', {
				entity: entitySingular[named.entity],
				id: record.id,
				version: record.version,
				given: ifVersion,
			}),
			'conflict',
			exitCodes.refused,
		);
	return record;
};

/** The saved record as `show` prints it. */
const shown = ({named, options, to}: Change, record: AnyStoredRecord | undefined, fields: string[] | null): string =>
	renderShow(named.entity, record!, fields, chooseFormat(options, to.terminal), to);

/** `crm <entity> add`: a new record of the fields given, over the form's defaults. */
export const runRecordsAdd = async (
	file: string,
	change: Change,
	given: Readonly<Record<string, unknown>>,
	valuesOf: RecordValues,
): Promise<string> => {
	const {named, options, to} = change;
	chooseFormat(options, to.terminal);
	const fields = chooseFields(named.entity, options.fields);
	const now = options.now ?? Date.now();
	const entity = named.entity as WriteEntity;
	const result = await changeRecords(file, options, (data, settings) => [
		{kind: 'create', entity, values: valuesOf({entity, given, data, settings, now, operator: options.operator})},
	]);
	return shown(change, result.records.at(-1), fields);
};

/** `crm <entity> update <ref>`: the fields given changed, at the version read or the one `--if-version` names. */
export const runRecordsUpdate = async (
	file: string,
	change: Change,
	ref: string,
	given: Readonly<Record<string, unknown>>,
	valuesOf: RecordValues,
): Promise<string> => {
	const {named, options, to} = change;
	chooseFormat(options, to.terminal);
	const fields = chooseFields(named.entity, options.fields);
	if (Object.keys(given).length === 0)
		throw new RecordsRefusedError(t('cli.recordsWrite.nothingToSet'), 'bad_option', exitCodes.usage);
	const now = options.now ?? Date.now();
	const entity = named.entity as WriteEntity;
	const result = await changeRecords(file, options, (data, settings) => {
		const base = recordAt(data, named, ref, options.ifVersion);
		const values = valuesOf({entity, given, data, settings, now, operator: options.operator, base});
		return [{kind: 'update', entity, id: base.id, version: base.version, values}];
	});
	return shown(change, result.records.at(-1), fields);
};

/** Words for people, escaped on a terminal; JSON for a script. */
const said = (words: string, json: object, format: string, to: Destination): string => {
	if (format === 'json') {
		const text = `${JSON.stringify(json)}\n`;
		return to.terminal ? escapeJsonControls(text) : text;
	}
	return `${escapeControls(words)}\n`;
};

/** `crm <entity> delete <ref>`: one line naming what was deleted, or `{deleted: id}`. */
export const runRecordsDelete = async (file: string, change: Change, ref: string): Promise<string> => {
	const {named, options, to} = change;
	const format = chooseFormat(options, to.terminal);
	let deleted: AnyStoredRecord | undefined;
	await changeRecords(file, options, (data) => {
		deleted = recordAt(data, named, ref, options.ifVersion);
		// As the console's confirmation says what stays behind, a delete that leaves orphans wants --force.
		const {what, count} = dependentsOf(data, named.entity, deleted.id);
		if (count > 0 && !options.force)
			throw new RecordsRefusedError(
				t('cli.recordsWrite.dependents', {
					entity: entitySingular[named.entity],
					label: recordLabel(named.entity, deleted),
					what: what.join(t('state.listSeparator')),
				}),
				'refused',
				exitCodes.refused,
			);
		return [{kind: 'delete', entity: named.entity, id: deleted.id, version: deleted.version}];
	});
	const record = deleted!;
	const words = t('cli.recordsWrite.deleted', {
		entity: entitySingular[named.entity],
		label: recordLabel(named.entity, record),
		id: record.id,
	});
	return said(words, {deleted: record.id}, format, to);
};

const undoAction = (entry: ChangeEntry): string =>
	entry.action === 'create'
		? t('state.undo.create')
		: entry.action === 'delete'
			? t('state.undo.delete')
			: entry.action === 'update'
				? t('state.undo.update')
				: entry.action;

/** What was undone, as the console's `u` says it. */
export const undoneWords = (result: Pick<UndoResult, 'undone' | 'count' | 'notUndone'>): string => {
	const later = result.notUndone
		? t('state.undo.laterStays', {label: result.notUndone.label, how: howToChangeBack(result.notUndone)})
		: '';
	const words = {action: undoAction(result.undone), label: result.undone.label, later};
	return result.count > 1 ? t('state.undo.batch', {...words, changes: result.count}) : t('state.undo.one', words);
};

/** `crm undo`: the operator's last change undone; nothing to undo is refused in the store's words (exit 1). */
export const runUndo = async (file: string, options: ChangeOptions & FormatFlags, to: Destination): Promise<string> => {
	const format = chooseFormat(options, to.terminal);
	const result = await undoLastChange(file, options);
	const {undone} = result;
	const json = {
		undone: {entity: undone.entity, id: undone.recordId, action: undone.action},
		count: result.count,
		message: undoneWords(result),
	};
	return said(undoneWords(result), json, format, to);
};
