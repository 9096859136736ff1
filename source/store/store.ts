import {mkdir} from 'node:fs/promises';
import {dirname} from 'node:path';
import {Low} from 'lowdb';
import {emptyDataset, type Dataset} from '../domain/dataset.js';
import {datasetCodec} from './dataset-codec.js';
import {DataFileError} from './data-file-error.js';
import {DurableJsonFile} from './durable-json-file.js';

/** The one way the app reads and writes its data file. */
export class CrmStore {
	private constructor(
		readonly file: string,
		private readonly db: Low<Dataset>,
		/** False when the file did not exist yet: nothing is written until the first save. */
		readonly existed: boolean,
	) {}

	/** Loads and validates the whole file. A missing file opens as an empty CRM; a bad one throws DataFileError. */
	static async open(file: string): Promise<CrmStore> {
		const db = new Low<Dataset>(new DurableJsonFile(file, datasetCodec(file)), emptyDataset());
		let existed = true;
		try {
			const data = await db.adapter.read();
			if (data === null) existed = false;
			else db.data = data;
		} catch (error) {
			if (error instanceof DataFileError) throw error;
			throw new DataFileError(file, `it could not be read (${(error as Error).message})`);
		}
		return new CrmStore(file, db, existed);
	}

	get data(): Dataset {
		return this.db.data;
	}

	/** Writes `data` as the whole file without reading what was there; used by `crm seed --force`. */
	static async create(file: string, data: Dataset): Promise<CrmStore> {
		const db = new Low<Dataset>(new DurableJsonFile(file, datasetCodec(file)), data);
		const store = new CrmStore(file, db, true);
		await store.save();
		return store;
	}

	async save(): Promise<void> {
		await mkdir(dirname(this.file), {recursive: true, mode: 0o700});
		await this.db.write();
	}
}
