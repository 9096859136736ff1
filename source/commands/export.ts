import {customerValuesOf, rfmCode} from '../assessment/rfm.js';
import {type AudienceMember, campaignNamed} from '../domain/audience.js';
import {escapeControls, escapeJsonControls} from '../domain/control-characters.js';
import {type AnyStoredRecord, type Dataset, type EntityName, entityNames} from '../domain/dataset.js';
import {filterWords, termValue} from '../domain/filter-words.js';
import {audiencesToCsv, recordsToCsv, surveysToCsv} from '../domain/records-csv.js';
import {ratesOf, type Settings} from '../domain/settings.js';
import type {SurveyResponse} from '../domain/survey.js';
import {foldForSearch} from '../domain/text-fold.js';
import {t} from '../i18n/i18n.js';
import {CrmStore} from '../store/store.js';
import {ImportError} from './import/csv-file.js';

/**
 * Every entity with a screen of its own: customers, deals, tickets, feedback, campaigns and orders (an
 * order's lines as one JSON cell); the survey's responses (one column per item, and the SUS score); and
 * the campaigns' audiences (one row per member, with the campaign's and the customer's names).
 */
export const exportedEntities: readonly ExportedEntity[] = [...entityNames, 'surveys', 'audiences'];
type ExportedEntity = EntityName | 'surveys' | 'audiences';
const entities = exportedEntities;

const fieldText = (value: unknown): string =>
	foldForSearch(typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value ?? ''));

/** Fields a filter reads that no record stores, by name (lower case): the derived text of one record. */
export type DerivedFields = (record: AnyStoredRecord) => Record<string, string>;

/**
 * Every word of the filter must appear in some field of the record (case and accents ignored), as `/`
 * in the console; `field:value` only in that field (`status:churned`, `owner:` for a blank owner,
 * `owner:="ada lovelace"` for exactly that owner: quotes hold a space, `=` asks for the whole value). A
 * name before the colon that is no field of the record is a plain word. `derived` adds fields the
 * record does not store (a customer's `value` and `rfm`); a stored field of the same name wins.
 */
export const recordMatches = (record: AnyStoredRecord, filter: string, derived?: DerivedFields): boolean => {
	const made = Object.entries(derived?.(record) ?? {});
	const fields = new Map(made.map(([key, value]) => [key, fieldText(value)]));
	// A derived field (a customer's value and rfm) matches from its start, as the console's columns do.
	const fromStart = new Set(made.map(([key]) => key));
	for (const [key, value] of Object.entries(record)) {
		fields.set(key.toLowerCase(), fieldText(value));
		fromStart.delete(key.toLowerCase());
	}
	const text = [...fields.values()].join(' ');
	return filterWords(filter).every((term) => {
		const colon = term.indexOf(':');
		const field = colon > 0 ? fields.get(term.slice(0, colon)) : undefined;
		if (field === undefined) return text.includes(term);
		const {value, exact} = termValue(term.slice(colon + 1));
		if (value === '') return field.trim() === '' || field === 'null';
		if (exact) return field.trim() === value;
		return fromStart.has(term.slice(0, colon)) ? field.startsWith(value) : field.includes(value);
	});
};

/**
 * A customer's RFM as the console's list shows it (KPI.md *Analysis*, as of `now`, money in the
 * settings' base currency): `value` the segment id (`at-risk`), `rfm` the scores (`545`); blank
 * without a purchase in the year. Other entities derive nothing.
 */
export const derivedFieldsOf = (
	entity: ExportedEntity,
	data: CrmStore['data'],
	settings: Settings,
	now: number,
): DerivedFields | undefined => {
	if (entity !== 'customers') return undefined;
	const values = customerValuesOf(data, now, ratesOf(settings)).byCustomer;
	return (record) => {
		const value = values.get(record.id);
		return {value: value?.segment ?? '', rfm: value ? rfmCode(value) : ''};
	};
};

/**
 * `crm export`: the records of one entity (those matching `filter`), as CSV with every field or as JSON.
 * To a `terminal` control characters in the data are shown escaped (CSV `\xNN`, JSON `\u00NN`) so
 * they cannot command it; to a file or a pipe the data goes byte for byte.
 */
export const runExport = async (
	file: string,
	options: {entity: string; format: string; filter?: string; audience?: string; terminal?: boolean; now?: number},
): Promise<string> => {
	if (!entities.includes(options.entity as ExportedEntity))
		throw new ImportError(t('cli.export.unknownEntity', {entity: options.entity, entities: entities.join(', ')}));
	if (options.format !== 'csv' && options.format !== 'json')
		throw new ImportError(t('cli.export.unknownFormat', {format: options.format}));
	const entity = options.entity as ExportedEntity;
	if (options.audience !== undefined && entity !== 'customers')
		throw new ImportError(t('cli.export.audienceNotCustomers', {entity}));
	const store = await CrmStore.open(file);
	const inAudience = options.audience === undefined ? null : audienceOf(store.data, options.audience);
	const {filter} = options;
	const derived = filter ? derivedFieldsOf(entity, store.data, store.settings, options.now ?? Date.now()) : undefined;
	const records = (store.data[entity] as AnyStoredRecord[]).filter(
		(record) => (!inAudience || inAudience.has(record.id)) && (!filter || recordMatches(record, filter, derived)),
	);
	if (options.format === 'json') {
		const json = `${JSON.stringify(records, null, 2)}\n`;
		return options.terminal ? escapeJsonControls(json) : json;
	}
	const csv =
		entity === 'surveys'
			? surveysToCsv(records as SurveyResponse[])
			: entity === 'audiences'
				? audiencesToCsv(records as AudienceMember[], {
						campaigns: new Map(store.data.campaigns.map((campaign) => [campaign.id, campaign.name])),
						customers: new Map(store.data.customers.map((customer) => [customer.id, customer.name])),
					})
				: recordsToCsv(entity, records);
	return options.terminal ? escapeControls(csv) : csv;
};

/** The ids of the customers in the audience of the campaign named (or of that id); an unknown or ambiguous name is refused in words. */
const audienceOf = (dataset: Dataset, name: string): Set<string> => {
	const found = campaignNamed(dataset.campaigns, name);
	if (!found.ok) throw new ImportError(t('cli.export.audienceProblem', {problem: found.message}));
	return new Set(
		dataset.audiences.filter((member) => member.campaignId === found.campaign.id).map((member) => member.customerId),
	);
};
