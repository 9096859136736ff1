// The console's V8 code cache (issue 23). A start used to compile, before its first frame, every function
// it ran: some 150 ms of the demo's 600. The launcher (source/launcher.ts, dist/cli.js) compiles the
// bundle (dist/console.js) with the bytecode V8 kept from an earlier start, and once a start without it
// has drawn its first frame, it asks V8 for the bytecode made so far and keeps it for the next one.
// A cache is an optimisation: one that cannot be read, written or used is passed over in silence.
import {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs';
import {isAbsolute, join} from 'node:path';

const cacheName = /^console-([0-9a-f]+)-.+\.v8cache$/;

/** FNV-1a, 32 bits: a short mark for a text, where nothing depends on its being hard to forge. */
const mark = (text: string): string => {
	let hash = 0x811c9dc5;
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
	return (hash >>> 0).toString(16).padStart(8, '0');
};

/**
 * The file a cache is kept in: one per build of the bundle (V8 would take a cache made for another
 * text of the same length), per Node version and architecture, and per set of Node's options (V8
 * refuses a cache made by another V8 or under other V8 flags, such as `--max-old-space-size`; starts
 * that alternate would each throw the other's away). Options that V8 does not read get a file too.
 */
export const codeCacheName = (
	bundleHash: string,
	nodeVersion: string,
	arch: string,
	execArgv: readonly string[] = [],
	nodeOptions = '',
): string => {
	const options =
		execArgv.length === 0 && nodeOptions.trim() === '' ? '' : `-${mark(`${execArgv.join('\0')}\n${nodeOptions}`)}`;
	return `console-${bundleHash}-${nodeVersion}-${arch}${options}.v8cache`;
};

/**
 * Where caches are kept, in the order tried: beside the bundle (a checkout), else the user's cache folder
 * (an installed copy the user may not write; `$XDG_CACHE_HOME` when it is absolute, as the XDG
 * specification asks, else `~/.cache`). Never a shared folder such as /tmp: a cache is code that runs.
 */
export const codeCacheFolders = (bundleFolder: string, env: NodeJS.ProcessEnv, home: string): string[] => {
	const xdg = env['XDG_CACHE_HOME'];
	const userCache = xdg && isAbsolute(xdg) ? xdg : join(home, '.cache');
	return [join(bundleFolder, '.cache'), join(userCache, 'crm-console')];
};

/** The first of the folders that holds the cache, or undefined. */
export const readCodeCache = (folders: readonly string[], name: string): Buffer | undefined => {
	for (const folder of folders) {
		try {
			return readFileSync(join(folder, name));
		} catch {}
	}
	return undefined;
};

/**
 * Keeps the cache in the first folder that takes it, whole or not at all (written beside and renamed,
 * so that a start running meanwhile reads the old file or the new one), and removes what earlier builds
 * of the bundle left there. Says which folder took it.
 */
export const writeCodeCache = (folders: readonly string[], name: string, data: Uint8Array): string | undefined => {
	const build = cacheName.exec(name)?.[1];
	for (const folder of folders) {
		const temporary = join(folder, `${name}.${process.pid}.tmp`);
		try {
			mkdirSync(folder, {recursive: true, mode: 0o700});
			writeFileSync(temporary, data, {mode: 0o600});
			renameSync(temporary, join(folder, name));
		} catch {
			try {
				rmSync(temporary, {force: true});
			} catch {}
			continue;
		}
		try {
			for (const other of readdirSync(folder)) {
				const otherBuild = cacheName.exec(other)?.[1];
				if (otherBuild && otherBuild !== build) rmSync(join(folder, other), {force: true});
			}
		} catch {}
		return folder;
	}
	return undefined;
};

/** The build a bundle's first line names (scripts/build.mjs), or undefined. */
export const bundleBuild = (source: string): string | undefined =>
	/^\/\/ crm-console build ([0-9a-f]{16})\n/.exec(source)?.[1];

/** What the launcher wraps the bundle in: a CommonJS module's function, as Node's own loader does. */
export const wrapBundle = (source: string): string =>
	`(function (exports, require, module, __filename, __dirname) {${source}\n})`; // i18n-exempt: code, never shown

const firstFrameHook = Symbol.for('crm-console.first-frame');
type WithHook = {[firstFrameHook]?: () => void};

/** The launcher's: what to do once the console's first frame is drawn (make the cache). */
export const onFirstFrame = (act: () => void): void => {
	(globalThis as WithHook)[firstFrameHook] = act;
};

/** The console's, at its first frame: whatever the launcher asked for, once (nothing, run without it). */
export const firstFrameDrawn = (): void => {
	const act = (globalThis as WithHook)[firstFrameHook];
	delete (globalThis as WithHook)[firstFrameHook];
	act?.();
};
