// dist/cli.js: runs the console's bundle (dist/console.js, source/cli.tsx) with the bytecode V8 kept from an
// earlier start (source/cli/code-cache.ts). Built by scripts/build.mjs as CommonJS, which is what lets a
// script be given a code cache in Node 20 (its ES module loader takes none), and loads nothing but Node's own.
import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {Script} from 'node:vm';
import {
	bundleBuild,
	codeCacheFolders,
	codeCacheName,
	onFirstFrame,
	readCodeCache,
	wrapBundle,
	writeCodeCache,
} from './cli/code-cache.js';

const bundle = join(__dirname, 'console.js');
// The bundle is ASCII (scripts/build.mjs makes sure): read as Latin-1, its bytes are taken as they are, where reading
// it as UTF-8 checks and copies them (some 9 ms of a start).
const source = readFileSync(bundle, 'latin1');
const folders = codeCacheFolders(__dirname, process.env, homedir());
// The build's hash, from the text compiled (a bundle without one has no cache); CRM_NO_CODE_CACHE=1 does without.
const build = process.env['CRM_NO_CODE_CACHE'] ? undefined : bundleBuild(source);
const name =
	build && codeCacheName(build, process.version, process.arch, process.execArgv, process.env['NODE_OPTIONS']);
const cachedData = name ? readCodeCache(folders, name) : undefined;
const script = new Script(wrapBundle(source), {filename: bundle, cachedData});
// Without a cache V8 took, this start makes one once its first frame is out: it holds the functions compiled
// by then, which is what a start runs (later, V8 may have dropped the bytecode of those it no longer runs).
if (name && (cachedData === undefined || script.cachedDataRejected))
	onFirstFrame(() => setTimeout(() => writeCodeCache(folders, name, script.createCachedData()), 0).unref());
const bundleModule = {exports: {}};
script.runInThisContext()(bundleModule.exports, createRequire(bundle), bundleModule, bundle, __dirname);
