/** Which records of one list to read: `limit` of them from `offset`, in `order` (the stored order without one). */
export type RecordWindow = {
	offset: number;
	limit: number;
	/** A field to sort by; records without a value in it come last, and records with the same value by id. */
	order?: {field: string; direction: 'asc' | 'desc'};
};

/** A window of records, and how many records the whole list holds. */
export type RecordPage<R> = {records: readonly R[]; total: number};

const compareValues = (a: unknown, b: unknown): number => {
	if (typeof a === 'number' && typeof b === 'number') return a - b;
	const left = String(a);
	const right = String(b);
	return left < right ? -1 : left > right ? 1 : 0;
};

const absent = (value: unknown): boolean => value === null || value === undefined || value === '';

/** The records of `list` in `window`: pure, the list is not changed (an order sorts a copy). */
export const recordWindow = <R extends {id: string}>(list: readonly R[], window: RecordWindow): RecordPage<R> => {
	const offset = Math.max(0, Math.floor(window.offset));
	const end = offset + Math.max(0, Math.floor(window.limit));
	const {order} = window;
	if (!order) return {records: list.slice(offset, end), total: list.length};
	const sign = order.direction === 'desc' ? -1 : 1;
	const fieldOf = (record: R): unknown => (record as Record<string, unknown>)[order.field];
	const sorted = [...list].sort((a, b) => {
		const left = fieldOf(a);
		const right = fieldOf(b);
		if (absent(left) || absent(right)) {
			if (absent(left) !== absent(right)) return absent(left) ? 1 : -1;
		} else {
			const byValue = compareValues(left, right);
			if (byValue !== 0) return sign * byValue;
		}
		return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	});
	return {records: sorted.slice(offset, end), total: list.length};
};
