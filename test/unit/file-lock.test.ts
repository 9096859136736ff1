import {spawn} from 'node:child_process';
import {mkdir, readFile, rename, rm, stat, utimes, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {build} from 'esbuild';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {heldLock, LockLostError, lockPathFor, withFileLock} from '../../source/store/file-lock.js';
import {tempFolder} from '../support/temp-folder.js';

let folder: string;
let file: string;

beforeEach(async () => {
	folder = tempFolder('lock');
	file = join(folder, 'crm.json');
});

afterEach(async () => {
	await rm(folder, {recursive: true, force: true});
});

const exists = (path: string) =>
	stat(path).then(
		() => true,
		() => false,
	);

describe('the lock of a data file', () => {
	test('work of one process runs one at a time, in turn', async () => {
		const order: string[] = [];
		const slow = withFileLock(file, async () => {
			order.push('first in');
			await new Promise((resolve) => setTimeout(resolve, 100));
			order.push('first out');
		});
		await new Promise((resolve) => setTimeout(resolve, 10));
		await withFileLock(file, async () => void order.push('second'));
		await slow;
		expect(order).toEqual(['first in', 'first out', 'second']);
		expect(await exists(lockPathFor(file))).toBe(false);
	});

	test('a save inside a fold runs under the lock its caller holds (no waiting on itself)', async () => {
		const inner = await withFileLock(file, async (outer) =>
			withFileLock(file, async (lock) => lock === outer && heldLock(file) === outer),
		);
		expect(inner).toBe(true);
		expect(heldLock(file)).toBeUndefined();
	});

	test('a lock left by a process that died is taken over once stale', async () => {
		await mkdir(lockPathFor(file));
		await writeFile(join(lockPathFor(file), 'owner'), '{"pid":999999,"token":"dead"}\n');
		const old = new Date(Date.now() - 10_000);
		await utimes(lockPathFor(file), old, old);
		expect(await withFileLock(file, async () => 'ran')).toBe('ran');
		expect(await exists(lockPathFor(file))).toBe(false);
	});

	test('a holder whose lock was taken over is told before it writes, and leaves the new holder’s lock alone', async () => {
		await expect(
			withFileLock(file, async (lock) => {
				await lock.verify();
				// Another writer took the lock over (this process was stopped past the stale time): it moved the folder aside and made its own.
				await rename(lockPathFor(file), `${lockPathFor(file)}.gone`);
				await mkdir(lockPathFor(file));
				await writeFile(join(lockPathFor(file), 'theirs'), '');
				await lock.verify();
			}),
		).rejects.toThrow(LockLostError);
		expect(await exists(join(lockPathFor(file), 'theirs'))).toBe(true);
	});

	test('a holder busy for longer than the stale time keeps its lock: another process waits for it', async () => {
		// The child takes the lock, then blocks its event loop for 5 s (more than the 3 s stale time).
		const bundle = join(folder, 'file-lock.mjs');
		await build({
			entryPoints: [new URL('../../source/store/file-lock.ts', import.meta.url).pathname],
			outfile: bundle,
			bundle: true,
			platform: 'node',
			format: 'esm',
			logLevel: 'error',
		});
		// A process that has saved before (its thread that keeps locks fresh is up), now busy in a save.
		const script = `
			const {withFileLock} = await import(${JSON.stringify(bundle)});
			await withFileLock(${JSON.stringify(join(folder, 'earlier.json'))}, async () => {});
			await new Promise((resolve) => setTimeout(resolve, 500));
			await withFileLock(${JSON.stringify(file)}, async () => {
				process.stdout.write('locked\\n');
				const until = Date.now() + 5000;
				while (Date.now() < until) {}
				const {appendFileSync} = await import('node:fs');
				appendFileSync(${JSON.stringify(join(folder, 'order'))}, 'child\\n');
			});`;
		const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
			stdio: ['ignore', 'pipe', 'inherit'],
		});
		const exited = new Promise((resolve) => child.on('exit', resolve));
		await Promise.race([
			new Promise<void>((resolve) => child.stdout.on('data', () => resolve())),
			exited.then(() => expect.fail('the child ended before it took the lock')),
		]);
		await withFileLock(file, async () => writeFile(join(folder, 'order'), 'parent\n', {flag: 'a'}));
		await exited;
		expect(await readFile(join(folder, 'order'), 'utf8')).toBe('child\nparent\n');
	}, 30_000);
});
