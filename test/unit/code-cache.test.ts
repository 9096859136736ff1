import {chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Script} from 'node:vm';
import {afterEach, beforeEach, describe, expect, test} from 'vitest';
import {
	bundleBuild,
	codeCacheFolders,
	codeCacheName,
	firstFrameDrawn,
	onFirstFrame,
	readCodeCache,
	wrapBundle,
	writeCodeCache,
} from '../../source/cli/code-cache.js';

describe('the name of a code cache', () => {
	const plain = 'console-0123456789abcdef-v20.20.2-x64.v8cache';
	test.each([
		['no options', [], undefined, plain],
		['empty NODE_OPTIONS', [], '', plain],
		['NODE_OPTIONS of spaces', [], '   ', plain],
	] as const)('%s: the plain name', (_case, execArgv, nodeOptions, name) => {
		expect(codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', execArgv, nodeOptions)).toBe(name);
	});

	test('every set of options has a name of its own, the same each time', () => {
		const names = [
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64'),
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', ['--max-old-space-size=16384']),
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', ['--max-old-space-size=8192']),
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', [], '--max-old-space-size=16384'),
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', ['--stack-size=2000', '--max-old-space-size=16384']),
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', ['--max-old-space-size=16384', '--stack-size=2000']),
			codeCacheName('0123456789abcdef', 'v22.1.0', 'x64'),
			codeCacheName('0123456789abcdef', 'v20.20.2', 'arm64'),
			codeCacheName('fedcba9876543210', 'v20.20.2', 'x64'),
		];
		expect(new Set(names).size).toBe(names.length);
		expect(codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', ['--stack-size=2000'])).toBe(
			codeCacheName('0123456789abcdef', 'v20.20.2', 'x64', ['--stack-size=2000']),
		);
		for (const name of names) expect(name).toMatch(/^console-[0-9a-f]{16}-v[\d.]+-\w+(-[0-9a-f]{8})?\.v8cache$/);
	});
});

describe('where code caches are kept', () => {
	test.each([
		['XDG_CACHE_HOME absolute', {XDG_CACHE_HOME: '/var/cache/ada'}, '/var/cache/ada/crm-console'],
		[
			'XDG_CACHE_HOME relative (not a base directory, says XDG)',
			{XDG_CACHE_HOME: 'cache'},
			'/home/ada/.cache/crm-console',
		],
		['XDG_CACHE_HOME empty', {XDG_CACHE_HOME: ''}, '/home/ada/.cache/crm-console'],
		['XDG_CACHE_HOME unset', {}, '/home/ada/.cache/crm-console'],
	])('%s', (_case, env, userFolder) => {
		expect(codeCacheFolders('/opt/crm/dist', env, '/home/ada')).toEqual(['/opt/crm/dist/.cache', userFolder]);
	});
});

describe("a bundle's build", () => {
	test.each([
		['the build line', '// crm-console build 0123456789abcdef\n"use strict";', '0123456789abcdef'],
		['no build line', '"use strict";', undefined],
		['an empty text', '', undefined],
		['a short hash', '// crm-console build 0123456789abcde\n', undefined],
		['a hash that is not hex', '// crm-console build 0123456789abcdeg\n', undefined],
		['the line not first', '\n// crm-console build 0123456789abcdef\n', undefined],
	])('%s', (_case, source, build) => {
		expect(bundleBuild(source)).toBe(build);
	});
});

describe('reading and writing a code cache', () => {
	let root: string;
	let first: string;
	let second: string;
	const name = 'console-0123456789abcdef-v20.20.2-x64.v8cache';
	beforeEach(() => {
		root = mkdtempSync(join(tmpdir(), 'crm-code-cache-'));
		first = join(root, 'dist', '.cache');
		second = join(root, 'home', '.cache', 'crm-console');
	});
	afterEach(() => {
		chmodSync(root, 0o700);
		rmSync(root, {recursive: true, force: true});
	});

	test('nothing kept: nothing read', () => {
		expect(readCodeCache([first, second], name)).toBeUndefined();
		expect(readCodeCache([], name)).toBeUndefined();
	});

	test('written into the first folder, made if missing, and read back from it', () => {
		expect(writeCodeCache([first, second], name, Buffer.from('bytecode'))).toBe(first);
		expect(readFileSync(join(first, name), 'utf8')).toBe('bytecode');
		expect(readCodeCache([first, second], name)?.toString()).toBe('bytecode');
		expect(existsSync(second)).toBe(false);
		// Nothing is left beside it.
		expect(readdirSync(first)).toEqual([name]);
	});

	test('the first folder that holds it is read', () => {
		mkdirSync(second, {recursive: true});
		writeFileSync(join(second, name), 'second');
		expect(readCodeCache([first, second], name)?.toString()).toBe('second');
		mkdirSync(first, {recursive: true});
		writeFileSync(join(first, name), 'first');
		expect(readCodeCache([first, second], name)?.toString()).toBe('first');
	});

	test('a first folder that cannot be made: the next one takes it', () => {
		mkdirSync(join(root, 'dist'));
		writeFileSync(first, 'a file where the folder would be');
		expect(writeCodeCache([first, second], name, Buffer.from('bytecode'))).toBe(second);
		expect(readCodeCache([first, second], name)?.toString()).toBe('bytecode');
	});

	test.skipIf(process.getuid?.() === 0)('a first folder that may not be written: the next one takes it', () => {
		mkdirSync(first, {recursive: true});
		chmodSync(first, 0o500);
		expect(writeCodeCache([first, second], name, Buffer.from('bytecode'))).toBe(second);
		chmodSync(first, 0o700);
		expect(readdirSync(first)).toEqual([]);
	});

	test('no folder takes it: said, nothing thrown', () => {
		writeFileSync(join(root, 'blocked'), '');
		expect(writeCodeCache([join(root, 'blocked', 'a'), join(root, 'blocked', 'b')], name, Buffer.from('x'))).toBe(
			undefined,
		);
		expect(writeCodeCache([], name, Buffer.from('x'))).toBe(undefined);
	});

	test("a new one replaces the old whole, and earlier builds' caches go; other Nodes' of this build stay", () => {
		mkdirSync(first, {recursive: true});
		const otherBuild = 'console-fedcba9876543210-v20.20.2-x64.v8cache';
		const otherNode = 'console-0123456789abcdef-v22.1.0-x64.v8cache';
		const otherOptions = 'console-0123456789abcdef-v20.20.2-x64-1a2b3c4d.v8cache';
		const notOurs = 'notes.txt';
		for (const file of [name, otherBuild, otherNode, otherOptions, notOurs]) writeFileSync(join(first, file), 'old');
		writeCodeCache([first, second], name, Buffer.from('new'));
		expect(readdirSync(first).sort()).toEqual([name, otherOptions, otherNode, notOurs].sort());
		expect(readFileSync(join(first, name), 'utf8')).toBe('new');
	});
});

describe('the launcher', () => {
	test('wraps a bundle as Node wraps a CommonJS module', () => {
		const run = new Script(
			wrapBundle('"use strict";module.exports = [typeof require, __filename, __dirname, this === exports];'),
			{
				filename: 'bundle.js',
			},
		).runInThisContext() as (...parts: unknown[]) => void;
		const bundleModule = {exports: {}};
		run.call(bundleModule.exports, bundleModule.exports, require, bundleModule, '/x/console.js', '/x');
		expect(bundleModule.exports).toEqual(['function', '/x/console.js', '/x', true]);
	});

	test("a bundle's last line may be a comment (the source map's)", () => {
		const run = new Script(wrapBundle('module.exports = 1;\n//# sourceMappingURL=console.js.map'), {
			filename: 'bundle.js',
		}).runInThisContext() as (...parts: unknown[]) => void;
		const bundleModule = {exports: {}};
		run(bundleModule.exports, require, bundleModule, '', '');
		expect(bundleModule.exports).toBe(1);
	});

	test('V8 takes the cache a run made, for the same text, and not for another', () => {
		const source = wrapBundle('module.exports = (n) => n + 1;');
		const made = new Script(source, {filename: 'bundle.js'});
		(made.runInThisContext() as (...parts: unknown[]) => void)({}, require, {exports: {}}, '', '');
		const cachedData = made.createCachedData();
		expect(new Script(source, {filename: 'bundle.js', cachedData}).cachedDataRejected).toBe(false);
		const longer = wrapBundle('module.exports = (n) => n + 10;');
		expect(new Script(longer, {filename: 'bundle.js', cachedData}).cachedDataRejected).toBe(true);
	});

	test('what the console does at its first frame is done once, and nothing without the launcher', () => {
		firstFrameDrawn();
		const calls: string[] = [];
		onFirstFrame(() => calls.push('cache'));
		firstFrameDrawn();
		firstFrameDrawn();
		expect(calls).toEqual(['cache']);
	});
});
