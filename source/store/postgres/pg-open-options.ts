/** How a PostgreSQL store is opened (`PostgresStore.open`). */
export type PostgresOpenOptions = {
	readonly?: boolean;
	/** Creates or brings up to date crm's tables first (`crm db migrate`, a seed, a copy); otherwise a database behind is refused. */
	migrate?: boolean;
	/** Told when the connection is lost and when it is back (the console shows it); null when back. */
	onConnection?: (problem: string | null) => void;
	/**
	 * The console: the first `window` customers are read at once and the store opens with them; every
	 * other record is read after, in the same snapshot (`loading` says how far, and watchers hear the
	 * data grow), so the first frame waits for no more than it shows. Changes wait until all is read.
	 */
	window?: number;
	/** Records read at a time behind the window (tests make it small). */
	batch?: number;
	/** The roles in force needed first (acting under another name): the log's roles entries read with the window. */
	rolesFirst?: boolean;
};
