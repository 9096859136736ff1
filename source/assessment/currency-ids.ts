import {type Change, carriedPerList} from './day-table.js';

type Priced = {id: string; currency: string};

const none: ReadonlySet<string> = new Set();

/** How many changes are kept for sets not made yet; past this every set is made, and the changes let go. */
const pendingLimit = 4096;

/**
 * The ids of a list's records by currency, carried from edit to edit. A currency's set is made only
 * when asked for (a currency with no rate: the money figures leave its records out), as the lists
 * hold 250,000 deals and orders in currencies that have one. Until then the list it was built from
 * and the changes since are kept, so a set made late is the very set made at once and carried
 * would be, in the same order; the currencies are in the order first seen, as they were.
 */
export class CurrencyIds<R extends Priced> {
	/** Every currency seen, in the order first seen; its set once made. */
	private readonly sets = new Map<string, Set<string> | undefined>();
	private pending: Array<Change<R>> = [];
	private unmade = 0;
	/** Counts the edits that changed which records are in which currency: what is made of the sets is kept while it stays. */
	revision = 0;

	constructor(private from: readonly R[]) {
		for (const record of from) this.see(record.currency);
	}

	currencies(): IterableIterator<string> {
		return this.sets.keys();
	}

	/** The ids of the records in `currency` (none for a currency never seen). */
	ids(currency: string): ReadonlySet<string> {
		if (!this.sets.has(currency)) return none;
		return this.sets.get(currency) ?? this.make(currency);
	}

	apply(changes: ReadonlyArray<Change<R>>): void {
		for (const [old, current] of changes) {
			if (!(old && current && old.id === current.id && old.currency === current.currency)) this.revision++;
			if (old) this.sets.get(old.currency)?.delete(old.id);
			if (current) {
				this.see(current.currency);
				this.sets.get(current.currency)?.add(current.id);
			}
		}
		if (this.unmade === 0) return;
		this.pending.push(...changes);
		if (this.pending.length > pendingLimit) for (const currency of [...this.sets.keys()]) this.ids(currency);
	}

	private see(currency: string): void {
		if (this.sets.has(currency)) return;
		this.sets.set(currency, undefined);
		this.unmade++;
	}

	private make(currency: string): Set<string> {
		const ids = new Set<string>();
		for (const record of this.from) if (record.currency === currency) ids.add(record.id);
		for (const [old, current] of this.pending) {
			if (old?.currency === currency) ids.delete(old.id);
			if (current?.currency === currency) ids.add(current.id);
		}
		this.sets.set(currency, ids);
		if (--this.unmade === 0) {
			// Every set made: nothing to replay any more (a currency first seen later has no record before it).
			this.from = [];
			this.pending = [];
		}
		return ids;
	}
}

/** The records of a list by currency (their ids), carried from edit to edit. */
export const currencyIds = <R extends Priced>() =>
	carriedPerList<R, CurrencyIds<R>>(
		(list) => new CurrencyIds(list),
		(state, changes) => {
			state.apply(changes);
			return true;
		},
	);
