import {entityCount} from '../../domain/entity-count.js';
import {t} from '../../i18n/i18n.js';
import type {ScreenName} from './app-types.js';

/** `1 customer`, `5 customers`: a count of a list's records in words (the follow-ups' are follow-ups, not activities). */
export const countOf = (screen: ScreenName, count: number): string => {
	switch (screen) {
		case 'customers':
		case 'opportunities':
		case 'tickets':
		case 'feedback':
		case 'campaigns':
		case 'orders':
			return entityCount(screen, count);
		case 'followups':
			return t('state.count.followups', {count});
		default:
			return t('state.count.rows', {count});
	}
};

/** `customer`, `opportunity`: one record of a list, named before its label. */
export const singularOf = (screen: ScreenName): string => {
	switch (screen) {
		case 'customers':
			return t('state.noun.customers');
		case 'opportunities':
			return t('state.noun.opportunities');
		case 'tickets':
			return t('state.noun.tickets');
		case 'feedback':
			return t('state.noun.feedback');
		case 'campaigns':
			return t('state.noun.campaigns');
		case 'orders':
			return t('state.noun.orders');
		case 'followups':
			return t('state.noun.followups');
		default:
			return t('state.noun.rows');
	}
};
