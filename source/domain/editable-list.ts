import type {AnyStoredRecord} from './dataset.js';

/**
 * A copy of one list of records being changed by a save: records found by id (through an index
 * of positions when the save is a batch, by a scan for a single change, which is cheaper than
 * indexing 200,000 records), replaced in place, removed, or added at the end.
 */
export class EditableList {
	private readonly records: Array<AnyStoredRecord | undefined>;
	private positions: Map<string, number> | null = null;
	private removed = 0;

	constructor(
		records: readonly AnyStoredRecord[],
		private readonly indexed: boolean,
	) {
		this.records = [...records];
	}

	private position(id: string): number {
		if (!this.indexed) return this.records.findIndex((record) => record?.id === id);
		if (!this.positions) {
			this.positions = new Map();
			for (let index = 0; index < this.records.length; index++) {
				const record = this.records[index];
				if (record) this.positions.set(record.id, index);
			}
		}
		return this.positions.get(id) ?? -1;
	}

	has(id: string): boolean {
		return this.position(id) !== -1;
	}

	get(id: string): AnyStoredRecord | undefined {
		const index = this.position(id);
		return index === -1 ? undefined : this.records[index];
	}

	add(record: AnyStoredRecord): void {
		this.positions?.set(record.id, this.records.length);
		this.records.push(record);
	}

	replace(record: AnyStoredRecord): void {
		this.records[this.position(record.id)] = record;
	}

	/** Leaves a hole (filled in by `result`), so a batch of deletes does not shift the list each time. */
	remove(id: string): void {
		const index = this.position(id);
		this.records[index] = undefined;
		this.positions?.delete(id);
		this.removed++;
	}

	result(): AnyStoredRecord[] {
		return (
			this.removed === 0 ? this.records : this.records.filter((record) => record !== undefined)
		) as AnyStoredRecord[];
	}
}
