// Bundles the console into ESM files: loading Ink unbundled costs ~0.5 s of start-up. dist/cli.js is the
// entry; what a command or the console loads with import() sits in chunks beside it (dist/chunks/), so
// that a start loads and compiles only what it runs (issue 23).

import {readFile, rm} from 'node:fs/promises';
import {build} from 'esbuild';
import {frameOutput, lazyChineseCatalog, noDevtools, zodTwoLocales} from './bundle-plugins.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const dist = new URL('../dist/', import.meta.url);

// Chunks are named by their content's hash: a chunk of an earlier build is never loaded, but is not left behind either.
await rm(new URL('chunks/', dist), {recursive: true, force: true});

await build({
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
	jsx: 'automatic',
	minifyWhitespace: true,
	sourcemap: 'linked',
	legalComments: 'none',
	define: {
		'process.env.NODE_ENV': '"production"',
		CRM_VERSION: JSON.stringify(pkg.version),
	},
	plugins: [noDevtools, frameOutput, zodTwoLocales, lazyChineseCatalog],
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for Node built-ins (in any chunk).
		js: "import {createRequire as __crmCreateRequire} from 'node:module';const require=__crmCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
	metafile: process.argv.includes('--metafile'),
}).then(async (result) => {
	if (result.metafile)
		await (await import('node:fs/promises')).writeFile('dist/meta.json', JSON.stringify(result.metafile));
});
