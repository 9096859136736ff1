// Bundles the console into one CommonJS file, dist/console.js (source/cli.tsx), and its launcher, dist/cli.js
// (source/launcher.ts), which runs it with the bytecode V8 kept from an earlier start (source/cli/code-cache.ts):
// compiling what a start runs was some 150 ms of the demo's first frame (issue 23). CommonJS, because Node 20
// gives a code cache to a script and none to an ES module; loading Ink unbundled costs ~0.5 s of start-up.
// What only a command, the console or a rare path needs is loaded by import(), which in one CommonJS file
// runs that module's code when first asked, not at start. `--metafile PATH` writes esbuild's account of what
// went where.

import {createHash} from 'node:crypto';
import {mkdir, readdir, readFile, rename, rm, writeFile} from 'node:fs/promises';
import {build} from 'esbuild';
import {consoleBundle} from './bundle-plugins.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist/', import.meta.url);
// The build's hash, in the bundle's first line: the launcher names its cache by it, read from the same text it compiles.
const unhashed = '0'.repeat(16);

const common = {
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	// Names shortened as well as spaces: 2.0 MB, not 2.9, to read and take from the code cache (the demo's first
	// frame 18 ms sooner, 413 against 431 ms in turn). Errors that are told apart by name set it (`name = '…'`).
	minify: true,
	legalComments: 'none',
	write: false,
	logLevel: 'warning',
};

const bundled = await build({
	...common,
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/console.js',
	// ESM builds first: UMD builds (jsonc-parser's) load their parts with require() at run time.
	mainFields: ['module', 'main'],
	supported: consoleBundle.supported,
	jsx: 'automatic',
	sourcemap: 'linked',
	define: {
		'process.env.NODE_ENV': '"production"',
		CRM_VERSION: JSON.stringify(pkg.version),
		// The two places the console finds files beside it (the demo's, the mappings').
		'import.meta.url': '__crmBundleUrl',
	},
	plugins: consoleBundle.plugins,
	// Strict as the ES modules it is made of: the directive comes before any statement of the banner.
	banner: {
		js: `// crm-console build ${unhashed}\n"use strict";const __crmBundleUrl=require('node:url').pathToFileURL(__filename).href;`,
	},
	metafile: true,
});
const launcher = await build({...common, entryPoints: ['source/launcher.ts'], outfile: 'dist/cli.js'});

const output = (result, name) => result.outputFiles.find((file) => file.path.endsWith(`/dist/${name}`));
let text = output(bundled, 'console.js').text;
// The launcher compiles the bundle as a script, where import() would find no module loader: every import() of
// the console is of its own modules, which the bundle holds. One that is not fails the build, not a start.
const dynamicImport = /(?<![\w$.])import\(/.exec(text);
if (dynamicImport)
	throw new Error(
		`dist/console.js imports at run time: …${text.slice(dynamicImport.index - 80, dynamicImport.index + 80)}…`,
	);
// One character above U+00FF makes the whole 2.8 MB text a string of two bytes a character: read and compiled at
// every start, it cost some 20 ms more. esbuild escapes what strings hold, not what patterns do: a pattern's
// characters outside ASCII are written as escapes (`/[\u00d7]/`). One that is not fails the build.
const wide = /[^\x00-\x7f]/.exec(text);
if (wide)
	throw new Error(
		`dist/console.js holds a character outside ASCII (${JSON.stringify(wide[0])}): …${text.slice(wide.index - 80, wide.index + 40)}… Write it as an escape (\\u…).`,
	);
const hash = createHash('sha256').update(text).digest('hex').slice(0, unhashed.length);
text = text.replace(`// crm-console build ${unhashed}`, `// crm-console build ${hash}`);

// Each file is written beside and renamed: a failed build leaves the last good one whole, and a start meanwhile
// reads the old file or the new one.
const put = async (name, contents, mode = 0o644) => {
	const temporary = new URL(`${name}.${process.pid}.tmp`, dist);
	await writeFile(temporary, contents, {mode});
	await rename(temporary, new URL(name, dist));
};
await mkdir(dist, {recursive: true});
// dist/*.js are CommonJS, in a package whose own modules are ES modules.
await put('package.json', '{"type": "commonjs"}\n');
await put('console.js.map', output(bundled, 'console.js.map').text);
await put('console.js', text);
await put('cli.js', `#!/usr/bin/env node\n${output(launcher, 'cli.js').text}`, 0o755);
// What earlier builds left: the chunks of the ES module build before this one, the caches made for other builds
// (a build of the same sources is the same text, whose caches stay: `npm start` builds before every start).
for (const old of ['chunks', 'cli.js.map']) await rm(new URL(old, dist), {recursive: true, force: true});
const caches = new URL('.cache/', dist);
for (const file of await readdir(caches).catch(() => []))
	if (!file.startsWith(`console-${hash}-`)) await rm(new URL(file, caches), {force: true});

const metafile = process.argv.indexOf('--metafile');
if (metafile !== -1) await writeFile(process.argv[metafile + 1] ?? 'meta.json', JSON.stringify(bundled.metafile));
