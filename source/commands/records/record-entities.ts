import type {StoredEntity} from '../../domain/dataset.js';

/**
 * One entity as the record commands name it: `crm customers list`, `crm deal show …`. The table is
 * the one place that says which words name which entity; the commands, their help, and the writing
 * commands and shell completion still to come all read it.
 */
export type RecordEntity = {
	/** The stored entity (the data file's key). */
	entity: StoredEntity;
	/** The command's own name: the entity's plural. */
	command: string;
	/** Every other word that names it, singular and plural (`deal`, `deals`). */
	aliases: readonly string[];
	/**
	 * The field a record is also named by when neither its id nor its external id is given (a
	 * customer's name, a deal's title); null where no field reads as a name (feedback).
	 */
	nameField: string | null;
};

export const recordEntities: readonly RecordEntity[] = [
	{entity: 'customers', command: 'customers', aliases: ['customer'], nameField: 'name'},
	{
		entity: 'opportunities',
		command: 'opportunities',
		aliases: ['opportunity', 'deals', 'deal'],
		nameField: 'title',
	},
	{entity: 'tickets', command: 'tickets', aliases: ['ticket'], nameField: 'subject'},
	{entity: 'feedback', command: 'feedback', aliases: [], nameField: null},
	{entity: 'campaigns', command: 'campaigns', aliases: ['campaign'], nameField: 'name'},
	{entity: 'orders', command: 'orders', aliases: ['order'], nameField: 'number'},
	// A follow-up is an activity of kind follow_up: the same records, by either word.
	{
		entity: 'activities',
		command: 'activities',
		aliases: ['activity', 'followups', 'followup', 'follow-ups', 'follow-up'],
		nameField: 'text',
	},
];

/** Every word the record commands take for an entity, in the table's order. */
export const recordEntityWords = (): string[] => recordEntities.flatMap((entry) => [entry.command, ...entry.aliases]);

/** The entity a word names (`deal` → opportunities), case as typed; undefined for no entity. */
export const recordEntityNamed = (word: string): RecordEntity | undefined =>
	recordEntities.find((entry) => entry.command === word || entry.aliases.includes(word));
