import {execFileSync, spawnSync} from 'node:child_process';
import {randomBytes} from 'node:crypto';
import {chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

/**
 * A private PostgreSQL cluster for the tests and the bench: initdb on a folder of its own, a free
 * port on loopback, password authentication over TCP (so a wrong password is refused as on a real
 * server), TLS with a self-signed certificate (`certificate`), and no fsync (its data is thrown away). As root, initdb and the server run as the
 * `postgres` user, which the distribution's package creates; root may not run them.
 */
export type PgCluster = {
	/** The superuser's URL, password included. */
	url: string;
	port: number;
	password: string;
	folder: string;
	bin: string;
	/** The server's self-signed certificate (a client that verifies needs it as its root). */
	certificate: string;
	/** Runs a server program of the cluster's (pg_ctl, psql…) as the user that owns it. */
	run: (program: string, args: readonly string[]) => string;
	stop: () => void;
};

/** The folder of the newest PostgreSQL server programs the distribution installed, or null when there are none. */
export const postgresBin = (): string | null => {
	const root = '/usr/lib/postgresql';
	if (!existsSync(root)) return null;
	const versions = readdirSync(root)
		.filter((name) => existsSync(join(root, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions[0] ? join(root, versions[0], 'bin') : null;
};

/** A port on loopback where nothing listens (it was free a moment ago). */
export const freePort = (): Promise<number> =>
	new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
		});
	});

const asRoot = process.getuid?.() === 0;

/** Starts a new cluster; `stop` stops it and removes its folder. */
export const startPgCluster = async (): Promise<PgCluster> => {
	const bin = postgresBin();
	if (!bin) throw new Error('PostgreSQL server programs not found under /usr/lib/postgresql');
	const folder = mkdtempSync(join(tmpdir(), 'crm-pg-'));
	const data = join(folder, 'data');
	const password = randomBytes(12).toString('hex');
	const passwordFile = join(folder, 'password');
	writeFileSync(passwordFile, `${password}\n`, {mode: 0o600});
	if (asRoot) {
		const owner = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const group = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		chmodSync(folder, 0o700);
		chownSync(folder, owner, group);
		chownSync(passwordFile, owner, group);
	}
	const run = (program: string, args: readonly string[]): string => {
		const command = asRoot ? 'setpriv' : join(bin, program);
		const full = asRoot
			? ['--reuid=postgres', '--regid=postgres', '--init-groups', '--', join(bin, program), ...args]
			: [...args];
		const done = spawnSync(command, full, {cwd: folder, encoding: 'utf8', env: {...process.env, LC_ALL: 'C.UTF-8'}});
		if (done.status !== 0) throw new Error(`${program} failed: ${done.stderr || done.stdout}`);
		return done.stdout;
	};
	run('initdb', [
		'-D',
		data,
		'-U',
		'postgres',
		`--pwfile=${passwordFile}`,
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
		'-E',
		'UTF8',
		'--no-sync',
	]);
	// A certificate of its own (self-signed), so that sslmode=require can be tested; plain connections work as well.
	const key = join(folder, 'server.key');
	const certificate = join(folder, 'server.crt');
	execFileSync(
		'openssl',
		['req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=localhost', '-keyout', key, '-out', certificate],
		{stdio: 'ignore'},
	);
	chmodSync(key, 0o600);
	if (asRoot) {
		const owner = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
		const group = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
		chownSync(key, owner, group);
		chownSync(certificate, owner, group);
	}
	const port = await freePort();
	const options = [
		`-p ${port}`,
		`-k ${folder}`,
		"-c listen_addresses='127.0.0.1'",
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
		'-c max_connections=200',
		'-c ssl=on',
		`-c ssl_cert_file=${certificate}`,
		`-c ssl_key_file=${key}`,
	].join(' ');
	run('pg_ctl', ['-D', data, '-l', join(folder, 'log'), '-o', options, '-w', 'start']);
	const stop = () => {
		try {
			run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);
		} catch {
			// Already stopped (a test that stops the server starts it again itself).
		}
		rmSync(folder, {recursive: true, force: true});
	};
	const url = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
	return {url, port, password, folder, bin, certificate, run, stop};
};
