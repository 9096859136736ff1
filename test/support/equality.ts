import {expect} from 'vitest';
import {storedEntities} from '../../source/domain/dataset.js';
import {Seals} from '../../source/domain/record-seal.js';

/**
 * Seals hold the file's strings plus the changes made since it was read: two with the same seals
 * can be laid out differently in memory (and in another order). Tests compare the seals themselves.
 */
expect.addEqualityTesters([
	(a: unknown, b: unknown) => {
		if (!(a instanceof Seals) && !(b instanceof Seals)) return undefined;
		if (!(a instanceof Seals) || !(b instanceof Seals)) return false;
		const sorted = (seals: Seals) =>
			storedEntities.map((entity) => [...seals.all(entity)].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));
		return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
	},
]);
