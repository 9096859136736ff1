import {type AnyStoredRecord, entitySingular, type StoredEntity} from '../../domain/dataset.js';
import {t} from '../../i18n/i18n.js';
import {DataFileError} from '../../store/data-file-error.js';
import {CrmStore} from '../../store/store.js';
import {exitCodes} from '../exit-codes.js';
import {derivedFieldsOf, recordMatches} from '../export.js';
import type {RecordEntity} from './record-entities.js';
import {chooseFormat, type Destination, type FormatFlags, renderList, renderShow} from './record-output.js';
import {chooseFields, queryRecords, readSort, readWhere} from './record-query.js';
import {RecordsRefusedError} from './records-error.js';
import {type Resolution, resolveRecord} from './resolve-record.js';

export type ShowOptions = FormatFlags & {fields?: string; now?: number};

export type ListOptions = ShowOptions & {
	filter?: string;
	where?: string[];
	sort?: string;
	desc?: boolean;
	limit?: number;
};

type ReadStore = Awaited<ReturnType<typeof CrmStore.open>>;

/**
 * The data, read only, for `work`, then closed: a record command that reads never takes the lock and
 * never writes. A file that is not there is said so (exit 2), not read as an empty CRM.
 */
const readingStore = async <T>(file: string, work: (store: ReadStore) => T): Promise<T> => {
	const store = await CrmStore.open(file, Date.now, {readonly: true});
	try {
		if (!store.existed) throw new DataFileError(file, t('store.file.notExist'), t('store.file.checkPath'));
		return work(store);
	} finally {
		await store.close();
	}
};

const recordsOf = (store: ReadStore, entity: StoredEntity): AnyStoredRecord[] =>
	store.data[entity] as AnyStoredRecord[];

/** `crm <entity> list`: the records that match, in the format asked for (or the one the destination suits). */
export const runRecordsList = async (
	file: string,
	{entity}: RecordEntity,
	options: ListOptions,
	to: Destination,
): Promise<string> => {
	// Every usage mistake is found before the file is read.
	const format = chooseFormat(options, to.terminal);
	const fields = chooseFields(entity, options.fields);
	const where = readWhere(entity, options.where ?? []);
	const sort = readSort(entity, options.sort, options.desc);
	const now = options.now ?? Date.now();
	const {filter} = options;
	return readingStore(file, (store) => {
		const derived =
			filter && entity === 'customers' ? derivedFieldsOf(entity, store.data, store.settings, now) : undefined;
		const records = queryRecords(recordsOf(store, entity), {
			matches: filter ? (record) => recordMatches(record, filter, derived) : undefined,
			where,
			sort,
			limit: options.limit,
		});
		return renderList(
			{entity, records, fields, format, view: {dataset: store.data, settings: store.settings, now}},
			to,
		);
	});
};

/** `crm <entity> show <ref>`: the one record `ref` names, or a refusal naming what was looked for. */
export const runRecordsShow = async (
	file: string,
	named: RecordEntity,
	ref: string,
	options: ShowOptions,
	to: Destination,
): Promise<string> => {
	const format = chooseFormat(options, to.terminal);
	const fields = chooseFields(named.entity, options.fields);
	return readingStore(file, (store) => {
		const found = resolveRecord(recordsOf(store, named.entity), ref, named.nameField);
		if (!found.found) throw refusal(named, found);
		return renderShow(named.entity, found.record, fields, format, to);
	});
};

/** A record not found or named ambiguously, in words (exit 1), with the candidates for --json. */
export const refusal = (
	named: RecordEntity,
	found: Exclude<Resolution<unknown>, {found: true}>,
): RecordsRefusedError => {
	const entity = entitySingular[named.entity];
	if (found.code === 'not_found') {
		const message =
			named.nameField === null
				? t('cli.records.notFoundById', {entity, ref: found.ref})
				: t('cli.records.notFound', {entity, ref: found.ref});
		return new RecordsRefusedError(message, 'not_found', exitCodes.refused);
	}
	const listed = found.candidates
		.map((candidate) => (candidate.name ? t('cli.records.candidate', candidate) : candidate.id))
		.join(t('cli.records.separator'));
	const more = found.more > 0 ? t('cli.records.more', {n: found.more}) : '';
	const words = {entity, ref: found.ref, n: found.candidates.length + found.more, candidates: listed, more};
	const message =
		found.by === 'name' ? t('cli.records.ambiguousName', words) : t('cli.records.ambiguousExternal', words);
	return new RecordsRefusedError(message, 'ambiguous', exitCodes.refused, found.candidates);
};
