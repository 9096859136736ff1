import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {expect, test} from 'vitest';

const script = fileURLToPath(new URL('../../scripts/stress.mjs', import.meta.url));

test('8 processes × 250 saves on one file keep all 2,000 changes; 200 SIGKILLs at random moments leave 0 corrupt files and 0 lost acknowledged saves', async () => {
	const {stdout} = await promisify(execFile)(process.execPath, [script, '--processes', '8', '--saves', '250', '--kills', '200', '--json'], {maxBuffer: 1 << 20}).catch((error: {stdout?: string}) => ({stdout: error.stdout ?? ''}));
	const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as Record<string, number>;
	expect(figures).toMatchObject({processes: 8, savesPerProcess: 250, changesExpected: 2000, changesPresent: 2000, changeLogEntries: 2000, failedWriters: 0, kills: 200, corrupt: 0, lost: 0});
	expect(figures['acknowledgedSaves']).toBeGreaterThan(0);
}, 600_000);
