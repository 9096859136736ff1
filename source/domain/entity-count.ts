import {t} from '../i18n/i18n.js';
import type {StoredEntity} from './dataset.js';

/** `count` records of an entity, thousands grouped: `3 customers`, `1 survey response` (`3 个客户`). */
export const entityCount = (entity: StoredEntity, count: number): string => {
	switch (entity) {
		case 'customers':
			return t('domain.count.customers', {count});
		case 'opportunities':
			return t('domain.count.opportunities', {count});
		case 'tickets':
			return t('domain.count.tickets', {count});
		case 'feedback':
			return t('domain.count.feedback', {count});
		case 'campaigns':
			return t('domain.count.campaigns', {count});
		case 'orders':
			return t('domain.count.orders', {count});
		case 'activities':
			return t('domain.count.activities', {count});
		case 'surveys':
			return t('domain.count.surveys', {count});
		case 'audiences':
			return t('domain.count.audiences', {count});
	}
};
