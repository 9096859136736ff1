import type {AnyStoredRecord, EntityName} from '../../domain/dataset.js';
import {recordsToCsv} from '../../domain/records-csv.js';
import {t} from '../../i18n/i18n.js';
import type {AppState} from './app-types.js';

/**
 * Hands records to the store to write as CSV beside the data (or at `path`): the records as stored,
 * never as masked (an export is data), in the order given. `:export` gives the list's rows (its
 * marked ones when there are marks), `c`'s export the rows it acts on.
 */
export const requestExport = (
	state: AppState,
	entity: EntityName,
	shown: readonly {id: string}[],
	path: string | null,
): AppState => {
	const stored = state.mask
		? new Map((state.dataset[entity] as AnyStoredRecord[]).map((record) => [record.id, record]))
		: undefined;
	const rows = (shown as AnyStoredRecord[]).map((record) => stored?.get(record.id) ?? record);
	const name = `${entity}-${new Date(state.now).toISOString().slice(0, 10)}.csv`;
	return {
		...state,
		request: {
			id: state.nextRequestId,
			kind: 'export',
			name,
			path,
			text: recordsToCsv(entity, rows),
			count: rows.length,
			replace: false,
		},
		nextRequestId: state.nextRequestId + 1,
		notice: {text: t('state.exporting'), tone: 'info'},
	};
};
