import {expect} from 'vitest';
import type {KpiValues} from '../../source/assessment/kpis.js';

/** A small fixed-seed generator of whole numbers below `below`: the same cases on every run. */
export const seededRandom = (seed: number) => {
	let state = seed;
	return (below: number): number => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return Math.floor(state / 65_536) % below;
	};
};

/** Every KPI carried from edit to edit is what a fresh count of the same data gives (to 6 places; null as null). */
export const expectKpisAsFresh = (carried: KpiValues, fresh: KpiValues, step: number): void => {
	for (const [id, value] of Object.entries(fresh)) {
		if (value === null) expect(carried[id as keyof typeof carried], id).toBeNull();
		else expect(carried[id as keyof typeof carried], `${id} at step ${step}`).toBeCloseTo(value, 6);
	}
};
