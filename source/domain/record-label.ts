import type {AnyStoredRecord, StoredEntity} from './dataset.js';

/** How a record reads in one line (the change log keeps it, so it stays readable after a delete). */
export const recordLabel = (entity: StoredEntity, record: AnyStoredRecord): string => {
	const fields = record as unknown as Record<string, unknown>;
	switch (entity) {
		case 'customers':
			return String(fields['name'] ?? '');
		case 'opportunities':
			return String(fields['title'] ?? '');
		case 'tickets':
			return String(fields['subject'] ?? '');
		case 'feedback':
			// i18n-exempt: the change log keeps this label (data, the same in every language).
			return `rating ${String(fields['rating'] ?? '?')}${fields['comment'] ? `: ${String(fields['comment']).slice(0, 60)}` : ''}`;
		case 'campaigns':
			return String(fields['name'] ?? '');
		case 'orders':
			return String(fields['number'] ?? '');
		case 'activities':
			return `${String(fields['kind'] ?? '')}: ${String(fields['text'] ?? '').slice(0, 60)}`;
		case 'surveys':
			// i18n-exempt: the change log keeps the label (stored data stays in one language)
			return `survey by ${String(fields['operator'] ?? '?')} on ${String(fields['createdAt'] ?? '').slice(0, 10)}`;
		case 'audiences':
			// Ids, not names: the log keeps the label, and a customer's name in it would outlive a mask or a rename.
			// i18n-exempt: the change log keeps the label (stored data stays in one language)
			return `customer ${String(fields['customerId'] ?? '?')} in the audience of campaign ${String(fields['campaignId'] ?? '?')}`;
	}
};
