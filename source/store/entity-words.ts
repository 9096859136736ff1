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
