import type {AnyStoredRecord} from '../../domain/dataset.js';
import type {Settings} from '../../domain/settings.js';
import type {VerbOutcome} from '../../domain/workflow-verbs.js';
import {t} from '../../i18n/i18n.js';
import {exitCodes} from '../exit-codes.js';
import {type ChangeOptions, changeRecords} from './change-records.js';
import {refusal, type ShowOptions} from './read-records.js';
import type {RecordEntity} from './record-entities.js';
import {chooseFormat, type Destination, renderShow} from './record-output.js';
import {chooseFields} from './record-query.js';
import {RecordsRefusedError} from './records-error.js';
import {resolveRecord} from './resolve-record.js';

export type VerbOptions = ShowOptions & ChangeOptions & {ifVersion?: number};

/** What a verb is given besides the record: the settings (the reasons), who acts and when (a reply's author and date). */
export type VerbContext = {settings: Settings; operator: string; at: string};

/** A verb of `crm <entity> <verb>`: the fields it sets on the record named, or why not (`workflow-verbs.ts`). */
export type VerbPlan = (record: AnyStoredRecord, context: VerbContext) => VerbOutcome;

/**
 * `crm <entity> <verb> <ref>`: the record `ref` names changed as the console's key changes it, through
 * `changeRecords` (the lock, the versions, the roles, the rules, the change log, the audit chain), and
 * printed after the change as `show` prints it. A verb that makes no sense for the record's state is
 * refused in the console's words (exit 1), as is a record saved since `--if-version`.
 */
export const runRecordVerb = async (
	file: string,
	named: RecordEntity,
	ref: string,
	verb: VerbPlan,
	options: VerbOptions,
	to: Destination,
): Promise<string> => {
	const format = chooseFormat(options, to.terminal);
	const fields = chooseFields(named.entity, options.fields);
	const at = new Date(options.now ?? Date.now()).toISOString();
	const result = await changeRecords(file, options, (data, settings) => {
		const found = resolveRecord(data[named.entity] as AnyStoredRecord[], ref, named.nameField);
		if (!found.found) throw refusal(named, found);
		const record = found.record;
		if (options.ifVersion !== undefined && options.ifVersion !== record.version)
			throw new RecordsRefusedError(
				t('cli.verbs.stale', {ref, version: record.version, given: options.ifVersion}),
				'conflict',
				exitCodes.refused,
			);
		const outcome = verb(record, {settings, operator: options.operator, at});
		if (!outcome.ok) throw new RecordsRefusedError(outcome.problem, 'refused', exitCodes.refused);
		return [{kind: 'update', entity: named.entity, id: record.id, version: record.version, values: outcome.values}];
	});
	const after = result.records[0];
	return after ? renderShow(named.entity, after, fields, format, to) : '';
};
