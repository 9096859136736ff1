import {mkdtempSync} from 'node:fs';
import {rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

const made: string[] = [];

/**
 * A new folder under the system's temporary folder, named `crm-<name>-…`, removed with everything
 * in it once the test file's tests are done (the unit project's setup file removes them).
 */
export const tempFolder = (name: string): string => {
	const folder = mkdtempSync(join(tmpdir(), `crm-${name}-`));
	made.push(folder);
	return folder;
};

/** Removes every folder `tempFolder` made so far; retries while a console's last write still lands in one. */
export const removeTempFolders = async (): Promise<void> => {
	const folders = made.splice(0);
	await Promise.all(folders.map((folder) => rm(folder, {recursive: true, force: true, maxRetries: 10})));
};
