const cache = new WeakMap<object, Map<string, unknown>>();

/**
 * A value computed from one list of records, kept as long as that list lives. The store never
 * changes a list in place — a save makes a new list of the entity it touched and keeps the others —
 * so after editing one customer the deals', tickets' and feedback's figures come from here, and
 * only the customers' are counted again. `key` names the computation and its other inputs.
 */
export const memoOf = <V>(list: object, key: string, compute: () => V): V => {
	let values = cache.get(list);
	if (!values) cache.set(list, (values = new Map()));
	if (values.has(key)) return values.get(key) as V;
	const value = compute();
	values.set(key, value);
	return value;
};
