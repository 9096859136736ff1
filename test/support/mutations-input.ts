import type {Role} from '../../source/domain/access.js';
import type {MutationsInput} from '../../source/domain/apply-mutations.js';
import type {Mutation} from '../../source/domain/mutation.js';
import {defaultSettings} from '../../source/domain/settings.js';
import {datasetOf} from './fixtures.js';

/** The instant the applyMutations tests run at. */
export const mutationsNow = Date.parse('2026-03-01T09:00:00.000Z');

/**
 * An applyMutations input with a fixed clock and ids counted from 1, so every outcome is the same on
 * every run: as `ana`, an admin, on an empty dataset, unless `parts` says otherwise.
 */
export const mutationsInput = (mutations: Mutation[], parts: Partial<MutationsInput> = {}): MutationsInput => {
	let sequence = 0;
	return {
		dataset: datasetOf({}),
		mutations,
		operator: 'ana',
		role: 'admin' as Role,
		now: mutationsNow,
		newId: (prefix) => `${prefix}_${String(++sequence).padStart(4, '0')}`,
		settings: defaultSettings(),
		...parts,
	};
};
