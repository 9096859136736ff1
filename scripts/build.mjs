// Bundles the console into ESM files: loading Ink unbundled costs ~0.5 s of start-up. dist/cli.js is the
// entry; what only a command, the console or a rare path needs sits in chunks it loads with import()
// (dist/chunks/), so that a start compiles and runs only what it uses (issue 23). `--metafile PATH`
// writes esbuild's account of what went where.

import {readdir, readFile, rm, writeFile} from 'node:fs/promises';
import {build} from 'esbuild';
import {consoleBundle} from './bundle-plugins.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const chunks = new URL('../dist/chunks/', import.meta.url);

const result = await build({
	entryPoints: ['source/cli.tsx'],
	outdir: 'dist',
	entryNames: '[name]',
	chunkNames: 'chunks/[name]-[hash]',
	bundle: true,
	splitting: true,
	platform: 'node',
	// ESM builds first: UMD builds (jsonc-parser's) load their parts with require() at run time.
	mainFields: ['module', 'main'],
	format: 'esm',
	target: 'node20',
	supported: consoleBundle.supported,
	jsx: 'automatic',
	minifyWhitespace: true,
	sourcemap: 'linked',
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		CRM_VERSION: JSON.stringify(pkg.version),
	},
	plugins: consoleBundle.plugins,
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for Node built-ins (in any chunk).
		js: "import {createRequire as __crmCreateRequire} from 'node:module';const require=__crmCreateRequire(import.meta.url);",
	},
	metafile: true,
	logLevel: 'warning',
});

// Chunks are named by their content's hash: those of an earlier build are removed once this one is written
// (a failed build leaves the last good one whole).
const written = new Set(Object.keys(result.metafile.outputs).map((path) => path.replace(/^dist\/chunks\//, '')));
for (const name of await readdir(chunks)) if (!written.has(name)) await rm(new URL(name, chunks));

const metafile = process.argv.indexOf('--metafile');
if (metafile !== -1) await writeFile(process.argv[metafile + 1] ?? 'meta.json', JSON.stringify(result.metafile));
