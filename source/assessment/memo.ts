import {beforePiece, piece} from './counting-steps.js';

const cache = new WeakMap<object, Map<string, {inputs: string; value: unknown}>>();

/**
 * A value computed from one list of records, kept as long as that list lives. The store never
 * changes a list in place — a save makes a new list of the entity it touched and keeps the others —
 * so after editing one customer the deals', tickets' and feedback's figures come from here, and
 * only the customers' are counted again. `name` names the computation; `inputs` its other inputs
 * (the clock, a setting): only the value for the latest inputs is kept, so a clock that moves every
 * minute does not pile up a value per minute.
 */
export const memoOf = <V>(list: object, name: string, compute: () => V, inputs = ''): V => {
	let values = cache.get(list);
	if (!values) {
		values = new Map();
		cache.set(list, values);
	}
	const kept = values.get(name);
	if (kept && kept.inputs === inputs) return kept.value as V;
	// A piece of a count that goes in steps (counting-steps.ts): it may stop before it, never inside it.
	beforePiece();
	const value = piece(compute);
	values.set(name, {inputs, value});
	return value;
};
