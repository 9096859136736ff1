/**
 * What a save changed in a list. A list made from another by an edit (`EditableList`) is noted here
 * with the list it was made from and the records replaced, removed and added, in list order, so that
 * what is carried from one version of a list to the next (the assessment's figures) is told the change
 * instead of walking 200,000 records to find it (a walk of two lists compares every pair of records,
 * and at that size each compare reaches for records scattered over the heap: 5 ms an edit). The list
 * made from is held weakly: an old version of the data must not stay in memory for this.
 */
export type ListChange<R> = readonly [R | undefined, R | undefined];

type Edit = {before: WeakRef<readonly object[]>; changes: ReadonlyArray<ListChange<object>>};

const edits = new WeakMap<readonly object[], Edit>();

export const noteListEdit = <R extends object>(
	after: readonly R[],
	before: readonly R[],
	changes: ReadonlyArray<ListChange<R>>,
): void => {
	edits.set(after, {before: new WeakRef(before), changes});
};

/** The changes from `before` to `after`, when `after` was made from `before` by an edit; undefined when not known so. */
export const listEditBetween = <R extends object>(
	before: readonly R[],
	after: readonly R[],
): ReadonlyArray<ListChange<R>> | undefined => {
	const edit = edits.get(after);
	return edit && edit.before.deref() === before ? (edit.changes as ReadonlyArray<ListChange<R>>) : undefined;
};
