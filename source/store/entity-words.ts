import {entitySingular, type StoredEntity} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';

/** One record of an entity, as the store's messages name it (`customer`, `survey response`); `changes`: a change-log entry. */
export const entityNoun = (entity: StoredEntity | 'changes'): string =>
	entity === 'changes' ? t('store.entity.changes') : entitySingular[entity];
