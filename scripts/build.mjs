// Bundles the console into one ESM file: loading Ink unbundled costs ~0.5 s of start-up.

import {readFile} from 'node:fs/promises';
import {build} from 'esbuild';
import {frameOutput, noDevtools} from './bundle-plugins.mjs';

const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));

await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/cli.js',
	bundle: true,
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
	plugins: [noDevtools, frameOutput],
	banner: {
		// CommonJS dependencies bundled into ESM still call require() for Node built-ins.
		js: "#!/usr/bin/env node\nimport {createRequire as __crmCreateRequire} from 'node:module';const require=__crmCreateRequire(import.meta.url);",
	},
	logLevel: 'warning',
});
