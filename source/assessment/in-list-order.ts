import {carriedPerList} from './day-table.js';

/** The records of a list that pass a test, in the list's order, and a version that grows with each change. */
export type InListOrder<R> = {records: R[]; version: number};

/**
 * The records of a list that pass a test (a few among many: the open follow-ups, the open tickets), in the list's
 * order, carried from edit to edit: a save replaces a record in place, takes one away or adds one at the end
 * (domain/editable-list.ts). Any other change (a record that passes now, in the middle of the list, where none
 * did) finds them again. Asked with the list itself as the context: `carried(list, list)`.
 */
export const inListOrder = <R>(passes: (record: R) => boolean) =>
	carriedPerList<R & {id: string}, InListOrder<R & {id: string}>, readonly (R & {id: string})[]>(
		{
			start: () => ({records: [], version: 0}),
			take: (state, list, from, to) => {
				for (let index = from; index < to; index++) if (passes(list[index]!)) state.records.push(list[index]!);
			},
		},
		(state, changes, list) => {
			const added = changes.filter(([old]) => old === undefined).map(([, current]) => current!);
			// Those added at the end of the list, in order: the ones that pass go after all others.
			if (added.some((record, index) => list[list.length - added.length + index] !== record)) return false;
			let changed = false;
			for (const [old, current] of changes) {
				const at = old ? state.records.indexOf(old) : -1;
				const keep = old !== undefined && current !== undefined && passes(current);
				if (at < 0 && keep) return false;
				if (at >= 0 && keep) state.records[at] = current;
				else if (at >= 0) state.records.splice(at, 1);
				changed ||= at >= 0;
			}
			for (const record of added)
				if (passes(record)) {
					state.records.push(record);
					changed = true;
				}
			if (changed) state.version++;
			return true;
		},
	);
