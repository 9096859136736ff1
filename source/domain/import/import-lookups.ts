import type {Customer} from '../customer.js';
import type {AnyStoredRecord, Dataset, EntityName} from '../dataset.js';
import type {Mutation} from '../mutation.js';
import {folded} from './import-rows.js';

/**
 * Lookups over what exists and what this import creates, so later rows and targets find earlier
 * ones. Each is made when first asked for (from the data, then the creates planned so far), so an
 * import that never looks a customer up by name holds no such index of every customer.
 */
export class Lookups {
	private readonly byExternalIds = new Map<EntityName, Map<string, AnyStoredRecord>>();
	private customersByName: Map<string, string> | undefined;
	private customersByEmail: Map<string, string> | undefined;
	private campaignsByName: Map<string, string> | undefined;
	private dealsByTitle: Map<string, string> | undefined;
	/** Every record's own id, per entity: gathered when a row first names one directly (an export's customerId). */
	private readonly ids = new Map<EntityName, Set<string>>();

	constructor(
		private readonly dataset: Dataset,
		/** The plan's mutations, as they are planned. */
		private readonly planned: readonly Mutation[],
	) {}

	/** Records by their id in the source system: the data's, then this import's (added with `created`). */
	byExternalId(entity: EntityName): Map<string, AnyStoredRecord> {
		let map = this.byExternalIds.get(entity);
		if (!map) {
			map = new Map();
			for (const record of this.dataset[entity] as AnyStoredRecord[])
				if (record.externalId) map.set(record.externalId, record);
			this.byExternalIds.set(entity, map);
		}
		return map;
	}

	private indexCustomers(): void {
		this.customersByName = new Map();
		this.customersByEmail = new Map();
		for (const customer of this.dataset.customers)
			this.addCustomer(customer.id, customer.name, customer.company, customer.email);
		for (const mutation of this.planned) {
			if (mutation.kind === 'create' && mutation.entity === 'customers')
				this.addCustomer(mutation.id!, mutation.values['name'], mutation.values['company'], mutation.values['email']);
		}
	}

	private addCustomer(id: string, name: unknown, company: unknown, email: unknown): void {
		for (const key of [name, company]) {
			if (typeof key !== 'string') continue;
			const byName = folded(key);
			if (byName !== '' && !this.customersByName!.has(byName)) this.customersByName!.set(byName, id);
		}
		if (typeof email !== 'string') return;
		const byEmail = folded(email);
		if (byEmail !== '' && !this.customersByEmail!.has(byEmail)) this.customersByEmail!.set(byEmail, id);
	}

	customer(by: 'name' | 'email' | 'externalId', key: string): string | undefined {
		if (by === 'externalId') return this.byExternalId('customers').get(key)?.id;
		if (!this.customersByName) this.indexCustomers();
		return (by === 'name' ? this.customersByName : this.customersByEmail)!.get(folded(key));
	}

	/** A campaign by name (any case) or external id: the data's, then this import's. */
	campaign(by: 'name' | 'externalId', key: string): string | undefined {
		if (by === 'externalId') return this.byExternalId('campaigns').get(key)?.id;
		this.campaignsByName ??= this.indexByText('campaigns', 'name');
		return this.campaignsByName.get(folded(key));
	}

	/** A deal by external id or title (any case): the data's, then this import's. */
	opportunity(by: 'externalId' | 'title', key: string): string | undefined {
		if (by === 'externalId') return this.byExternalId('opportunities').get(key)?.id;
		this.dealsByTitle ??= this.indexByText('opportunities', 'title');
		return this.dealsByTitle.get(folded(key));
	}

	/** Ids by one text field, folded; the first record of a text wins (as for customers by name). */
	private indexByText(entity: 'campaigns' | 'opportunities', field: string): Map<string, string> {
		const index = new Map<string, string>();
		const add = (id: string, text: unknown) => {
			if (typeof text === 'string' && folded(text) !== '' && !index.has(folded(text))) index.set(folded(text), id);
		};
		for (const record of this.dataset[entity]) add(record.id, (record as unknown as Record<string, unknown>)[field]);
		for (const mutation of this.planned)
			if (mutation.kind === 'create' && mutation.entity === entity) add(mutation.id!, mutation.values[field]);
		return index;
	}

	/** Whether a record with this id of ours exists, or this import creates it. */
	has(entity: EntityName, id: string): boolean {
		let ids = this.ids.get(entity);
		if (!ids) {
			ids = new Set((this.dataset[entity] as AnyStoredRecord[]).map((record) => record.id));
			for (const mutation of this.planned)
				if (mutation.kind === 'create' && mutation.entity === entity) ids.add(mutation.id!);
			this.ids.set(entity, ids);
		}
		return ids.has(id);
	}

	/** A record this import creates (its create is planned already): later rows and targets find it. */
	created(entity: EntityName, externalId: string, record: AnyStoredRecord): void {
		this.byExternalId(entity).set(externalId, record);
		this.ids.get(entity)?.add(record.id);
		const text = entity === 'campaigns' ? (record as {name?: string}).name : (record as {title?: string}).title;
		const byText =
			entity === 'campaigns' ? this.campaignsByName : entity === 'opportunities' ? this.dealsByTitle : undefined;
		if (byText && typeof text === 'string' && !byText.has(folded(text))) byText.set(folded(text), record.id);
		if (entity !== 'customers' || !this.customersByName) return;
		const customer = record as Customer;
		this.addCustomer(customer.id, customer.name, customer.company, customer.email);
	}
}
