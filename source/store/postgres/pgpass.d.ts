/** The pgpass module (node-postgres's reader of ~/.pgpass and PGPASSFILE): the password for a connection's host, port, database and user. */
declare module 'pgpass' {
	type ConnectionInfo = {
		host?: string | null;
		port?: number | string | null;
		database?: string | null;
		user?: string | null;
	};
	const pgpass: (connection: ConnectionInfo, found: (password: string | undefined) => void) => void;
	export default pgpass;
}
