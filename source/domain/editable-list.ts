import type {AnyStoredRecord} from './dataset.js';
import {type ListChange, noteListEdit} from './list-edits.js';

/**
 * A copy of one list of records being changed by a save: records found by id (through an index
 * of positions when the save is a batch, made as far as its lookups need; by a scan for a single
 * change, which is cheaper than indexing 200,000 records), replaced in place, removed, or added at the end.
 */
export class EditableList {
	private readonly records: Array<AnyStoredRecord | undefined>;
	/** Where each id is, for the records up to `indexedTo` (and those added): filled in as lookups need it. */
	private readonly positions = new Map<string, number>();
	private indexedTo = 0;
	private removed = 0;
	/** The positions replaced, removed or added at: what `result` says changed (list-edits.ts). */
	private readonly touched = new Set<number>();

	constructor(
		private readonly before: readonly AnyStoredRecord[],
		private readonly indexed: boolean,
	) {
		this.records = [...before];
	}

	private position(id: string): number {
		if (!this.indexed) return this.records.findIndex((record) => record?.id === id);
		const known = this.positions.get(id);
		if (known !== undefined) return known;
		// Indexed as far as lookups have needed: a bulk change of the first 10,000 of 100,000 records
		// indexes those, a slice of the change at a time, not all 100,000 before its first record.
		while (this.indexedTo < this.records.length) {
			const index = this.indexedTo++;
			const record = this.records[index];
			if (!record || this.positions.has(record.id)) continue;
			this.positions.set(record.id, index);
			if (record.id === id) return index;
		}
		return -1;
	}

	has(id: string): boolean {
		return this.position(id) !== -1;
	}

	get(id: string): AnyStoredRecord | undefined {
		const index = this.position(id);
		return index === -1 ? undefined : this.records[index];
	}

	add(record: AnyStoredRecord): void {
		if (this.indexed) this.positions.set(record.id, this.records.length);
		this.touched.add(this.records.length);
		this.records.push(record);
	}

	replace(record: AnyStoredRecord): void {
		const index = this.position(record.id);
		if (index >= 0) this.touched.add(index);
		this.records[index] = record;
	}

	/** Leaves a hole (filled in by `result`), so a batch of deletes does not shift the list each time. */
	remove(id: string): void {
		const index = this.position(id);
		if (index >= 0) this.touched.add(index);
		this.records[index] = undefined;
		this.positions.delete(id);
		this.removed++;
	}

	/** The list as changed, noted with what changed in it (list-edits.ts): each record as it was and as it is, in list order. */
	result(): AnyStoredRecord[] {
		const list = (
			this.removed === 0 ? this.records : this.records.filter((record) => record !== undefined)
		) as AnyStoredRecord[];
		const changes: Array<ListChange<AnyStoredRecord>> = [];
		for (const index of [...this.touched].sort((a, b) => a - b)) {
			const was = this.before[index];
			const is = this.records[index];
			if (was !== is) changes.push([was, is]);
		}
		noteListEdit(list, this.before, changes);
		return list;
	}
}
