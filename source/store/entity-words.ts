import type {StoredEntity} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';

/** One record of an entity, as the store's messages name it (`customer`, `survey response`); `changes`: a change-log entry. */
export const entityNoun = (entity: StoredEntity | 'changes'): string => {
	switch (entity) {
		case 'customers':
			return t('store.entity.customers');
		case 'opportunities':
			return t('store.entity.opportunities');
		case 'tickets':
			return t('store.entity.tickets');
		case 'feedback':
			return t('store.entity.feedback');
		case 'campaigns':
			return t('store.entity.campaigns');
		case 'orders':
			return t('store.entity.orders');
		case 'activities':
			return t('store.entity.activities');
		case 'surveys':
			return t('store.entity.surveys');
		case 'audiences':
			return t('store.entity.audiences');
		case 'changes':
			return t('store.entity.changes');
	}
};

/** `count` records of an entity (`3 customers`, `1 survey response`), thousands grouped. */
export const entityCount = (entity: StoredEntity, count: number): string => {
	switch (entity) {
		case 'customers':
			return t('store.count.customers', {count});
		case 'opportunities':
			return t('store.count.opportunities', {count});
		case 'tickets':
			return t('store.count.tickets', {count});
		case 'feedback':
			return t('store.count.feedback', {count});
		case 'campaigns':
			return t('store.count.campaigns', {count});
		case 'orders':
			return t('store.count.orders', {count});
		case 'activities':
			return t('store.count.activities', {count});
		case 'surveys':
			return t('store.count.surveys', {count});
		case 'audiences':
			return t('store.count.audiences', {count});
	}
};
