// Writes data/config.default.json from the settings schema's defaults; a test keeps the two equal.
import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {build} from 'esbuild';

const outfile = join(mkdtempSync(join(tmpdir(), 'crm-config-')), 'settings.mjs');
await build({
	entryPoints: ['source/domain/settings.ts'],
	outfile,
	bundle: true,
	platform: 'node',
	format: 'esm',
	logLevel: 'warning',
});
const {defaultSettings, defaultTargets} = await import(pathToFileURL(outfile).href);
const settings = defaultSettings();
settings.assessment.targets = defaultTargets;
writeFileSync('data/config.default.json', `${JSON.stringify(settings, null, 2)}\n`);
console.log('data/config.default.json written.');
