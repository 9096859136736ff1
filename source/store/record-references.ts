import type {AnyStoredRecord, Dataset, StoredEntity} from '../domain/dataset.js';
import {storedEntities} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {entityNoun} from './entity-words.js';

/** The ids a list of the file holds, valid records or not (an invalid customer is still there). */
const idsIn = (records: unknown): Set<string> =>
	new Set(
		(Array.isArray(records) ? records : [])
			.map((record) => (record !== null && typeof record === 'object' ? (record as {id?: unknown}).id : undefined))
			.filter((id): id is string => typeof id === 'string'),
	);

type Reference = {
	entity: StoredEntity;
	field: string;
	target: StoredEntity;
	verb: 'names' | 'acquired' | 'follows' | 'answers' | 'followsUp' | 'audience';
};

/**
 * Every reference between records (KPI.md `orphan_records`): the customer of a deal, ticket,
 * feedback, order or activity; the campaign that acquired a customer or deal; an order's customer
 * and deal; the ticket a feedback answers or a follow-up is about; an audience member's campaign and customer.
 */
export const recordReferences: readonly Reference[] = [
	{entity: 'opportunities', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'tickets', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'feedback', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'orders', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'activities', field: 'customerId', target: 'customers', verb: 'names'},
	{entity: 'customers', field: 'campaignId', target: 'campaigns', verb: 'acquired'},
	{entity: 'opportunities', field: 'campaignId', target: 'campaigns', verb: 'acquired'},
	{entity: 'orders', field: 'opportunityId', target: 'opportunities', verb: 'follows'},
	{entity: 'feedback', field: 'ticketId', target: 'tickets', verb: 'answers'},
	{entity: 'activities', field: 'ticketId', target: 'tickets', verb: 'followsUp'},
	{entity: 'audiences', field: 'campaignId', target: 'campaigns', verb: 'audience'},
	{entity: 'audiences', field: 'customerId', target: 'customers', verb: 'names'},
];

/** Records that name a record the file does not hold (orphans: a customer deleted, or a hand edit). */
export const brokenReferences = (dataset: Dataset, raw: Record<string, unknown>): string[] => {
	const ids = new Map(storedEntities.map((entity) => [entity, idsIn(raw[entity])]));
	const problems: string[] = [];
	for (const {entity, field, target, verb} of recordReferences) {
		// Records with a problem of their own are reported under Records; here only the valid ones.
		for (const record of (dataset[entity] as Array<AnyStoredRecord | undefined>).filter(
			(entry) => entry !== undefined,
		)) {
			const named = (record as unknown as Record<string, unknown>)[field];
			if (typeof named === 'string' && named !== '' && !ids.get(target)!.has(named))
				problems.push(
					referenceProblem(verb, {entity: entityNoun(entity), id: record.id, target: entityNoun(target), named}),
				);
		}
	}
	return problems;
};

/** A record naming one the file does not hold, in words. */
const referenceProblem = (
	verb: Reference['verb'],
	words: {entity: string; id: string; target: string; named: string},
): string => {
	switch (verb) {
		case 'names':
			return t('store.check.refNames', words);
		case 'acquired':
			return t('store.check.refAcquired', words);
		case 'follows':
			return t('store.check.refFollows', words);
		case 'answers':
			return t('store.check.refAnswers', words);
		case 'followsUp':
			return t('store.check.refFollowsUp', words);
		case 'audience':
			return t('store.check.refAudience', words);
	}
};
