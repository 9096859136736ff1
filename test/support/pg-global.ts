import type {TestProject} from 'vitest/node';
import {type PgCluster, postgresBin, startPgCluster} from './pg-cluster.js';

declare module 'vitest' {
	export interface ProvidedContext {
		/** The private cluster's superuser URL, or why there is none (no PostgreSQL on this machine). */
		postgres: {url: string; port: number; password: string; certificate: string} | {missing: string};
	}
}

/**
 * Starts one private PostgreSQL cluster for the whole run (when the machine has PostgreSQL's
 * server programs) and gives its URL to the tests (`inject('postgres')`), which make a database
 * of their own in it. Stopped and removed at the end.
 */
export default async function setup(project: TestProject): Promise<() => void> {
	if (!postgresBin()) {
		project.provide('postgres', {missing: 'PostgreSQL is not installed (apt-get install postgresql)'});
		return () => undefined;
	}
	const cluster: PgCluster = await startPgCluster();
	project.provide('postgres', {
		url: cluster.url,
		port: cluster.port,
		password: cluster.password,
		certificate: cluster.certificate,
	});
	return () => cluster.stop();
}
