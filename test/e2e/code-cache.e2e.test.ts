import {execFileSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, beforeEach, describe, expect, test} from 'vitest';
import {wrapBundle} from '../../source/cli/code-cache.js';
import {removeTempFolders, tempFolder} from '../support/temp-folder.js';
import {cliPath, startInTmux, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

/**
 * The launcher (dist/cli.js) runs the console's bundle with the bytecode V8 kept from an earlier start
 * (source/cli/code-cache.ts). On a copy of the build of its own, so that no other test's start makes or
 * takes its cache: a first start keeps one once its first frame is out, the next one's V8 takes it, a
 * cache V8 refuses costs nothing but the time, and one that cannot be kept beside the bundle is kept in
 * the user's cache folder.
 */
const folder = tempFolder('code-cache');
const dist = join(folder, 'dist');
const cli = join(dist, 'cli.js');
const besideBundle = join(dist, '.cache');
const userCache = join(folder, 'xdg');
const userFolder = join(userCache, 'crm-console');
const data = join(folder, 'crm.json');
// With the options node was given (NODE_OPTIONS), a mark of them before the extension.
const cacheFile = /^console-[0-9a-f]{16}-v[\d.]+-\w+(-[0-9a-f]{8})?\.v8cache$/;

beforeAll(() => {
	mkdirSync(dist);
	for (const file of ['cli.js', 'console.js', 'package.json'])
		copyFileSync(join(cliPath, '..', file), join(dist, file));
	execFileSync(process.execPath, [cli, 'seed', '--data', data, '--now', '2026-11-01'], {stdio: 'ignore'});
});

beforeEach(() => {
	rmSync(besideBundle, {recursive: true, force: true});
	rmSync(userCache, {recursive: true, force: true});
});

afterAll(async () => {
	stopTmuxServer();
	await removeTempFolders();
});

const caches = (where: string): string[] =>
	existsSync(where) ? readdirSync(where).filter((name) => cacheFile.test(name)) : [];

const waitFor = async (ready: () => boolean, what: string, timeout = 15_000): Promise<void> => {
	const deadline = Date.now() + timeout;
	while (!ready()) {
		if (Date.now() > deadline) throw new Error(`waited ${timeout} ms for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 50));
	}
};

/** A console on the copy, until its first frame is out. */
const started = async (env: Record<string, string> = {}, args = ['--data', data]) => {
	const crm = startInTmux({cli, args, width: 100, height: 30, env: {XDG_CACHE_HOME: userCache, ...env}});
	await crm.waitFor((screen) => screen.includes('Customers') && screen.includes('crm.json'), 'the first frame');
	return crm;
};

/** Whether V8, in a plain `node` as the launcher runs, takes the cache for the copy's bundle. */
const taken = (cache: string): boolean => {
	const wrapped = join(folder, 'wrapped.js');
	writeFileSync(wrapped, wrapBundle(readFileSync(join(dist, 'console.js'), 'utf8')));
	const script = `const {Script} = require('node:vm'); const {readFileSync} = require('node:fs');
		const script = new Script(readFileSync(${JSON.stringify(wrapped)}, 'utf8'), {filename: ${JSON.stringify(join(dist, 'console.js'))}, cachedData: readFileSync(${JSON.stringify(cache)})});
		process.stdout.write(String(!script.cachedDataRejected));`;
	return execFileSync(process.execPath, ['-e', script], {encoding: 'utf8'}) === 'true';
};

describe.skipIf(!tmuxAvailable())('the code cache', () => {
	test('the bundle is strict, as the modules it is made of, and names its build first', () => {
		expect(readFileSync(join(dist, 'console.js'), 'utf8')).toMatch(
			/^\/\/ crm-console build [0-9a-f]{16}\n"use strict";/,
		);
	});

	test('a first start keeps one once its first frame is out; V8 takes it; the next start uses it and keeps none', async () => {
		const first = await started();
		await waitFor(() => caches(besideBundle).length === 1, 'a cache beside the bundle');
		first.kill();
		const [name] = caches(besideBundle);
		const path = join(besideBundle, name!);
		expect(taken(path)).toBe(true);
		expect(caches(userFolder)).toEqual([]);
		const made = statSync(path);

		const second = await started();
		await new Promise((resolve) => setTimeout(resolve, 2000));
		second.kill();
		const after = statSync(path);
		expect([after.ino, after.mtimeMs]).toEqual([made.ino, made.mtimeMs]);
		expect(caches(besideBundle)).toEqual([name]);
	}, 60_000);

	test('a cache V8 refuses stops no start, and a good one replaces it', async () => {
		await started();
		await waitFor(() => caches(besideBundle).length === 1, 'a cache beside the bundle');
		const path = join(besideBundle, caches(besideBundle)[0]!);
		writeFileSync(path, 'not bytecode at all');
		const crm = await started();
		await waitFor(() => readFileSync(path, 'utf8') !== 'not bytecode at all', 'the cache replaced');
		expect(crm.capture()).toContain('Customers');
		expect(taken(path)).toBe(true);
	}, 60_000);

	test("where the bundle's folder cannot take it, the user's cache folder does", async () => {
		writeFileSync(besideBundle, 'a file where the folder would be');
		await started();
		await waitFor(() => caches(userFolder).length === 1, "a cache in the user's cache folder");
		expect(taken(join(userFolder, caches(userFolder)[0]!))).toBe(true);
		rmSync(besideBundle);
	}, 60_000);

	test('other options to node get a cache of their own', async () => {
		await started();
		await waitFor(() => caches(besideBundle).length === 1, 'the plain cache');
		await started({NODE_OPTIONS: '--max-old-space-size=3000'});
		await waitFor(
			() => readdirSync(besideBundle).filter((name) => name.endsWith('.v8cache')).length === 2,
			'a second cache',
		);
	}, 60_000);

	test('CRM_NO_CODE_CACHE=1 reads none and keeps none', async () => {
		await started({CRM_NO_CODE_CACHE: '1'});
		await new Promise((resolve) => setTimeout(resolve, 2000));
		expect(caches(besideBundle)).toEqual([]);
		expect(caches(userFolder)).toEqual([]);
	}, 60_000);

	test('--demo finds the demo beside the bundle, as before', async () => {
		const crm = startInTmux({cli, args: ['--demo'], width: 100, height: 30, env: {XDG_CACHE_HOME: userCache}});
		await crm.waitFor((screen) => screen.includes('Customers') && screen.includes('demo.json'), 'the demo', 30_000);
		expect(existsSync(join(folder, 'data', 'local', 'demo.json'))).toBe(true);
	}, 60_000);
});
