// The words of the code not yet in the catalog (issue 19): `node scripts/visible-literals-waiting.mjs [PATH]`
// lists them (those under PATH, by line), and takes out of test/unit/visible-literals-waiting.json
// every one that is gone. It never adds one: a new literal comes from the catalog, or is marked
// `// i18n-exempt: why` where no person reads it.
import {execFileSync} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';

const list = 'test/unit/visible-literals-waiting.json';
const bundle = 'test/support/.visible-literals.mjs';
execFileSync(
	'npx',
	[
		'esbuild',
		'test/support/visible-literals.ts',
		'--bundle',
		'--platform=node',
		'--format=esm',
		'--external:typescript',
		`--outfile=${bundle}`,
		'--log-level=warning',
	],
	{stdio: 'inherit'},
);
const {visibleLiterals} = await import(`../${bundle}`);
rmSync(bundle);
const found = visibleLiterals(process.cwd());
const entry = ({file, text}) => `${file}: ${text}`;
const waiting = new Set(JSON.parse(readFileSync(list, 'utf8')));
const left = new Set(found.map(entry));
const kept = [...waiting].filter((words) => left.has(words)).sort();
writeFileSync(list, `${JSON.stringify(kept, null, '\t')}\n`);
execFileSync('npx', ['biome', 'format', '--write', list], {stdio: 'ignore'});
const filter = process.argv[2];
for (const literal of found.filter((each) => !filter || each.file.includes(filter))) {
	const known = waiting.has(entry(literal)) ? '' : '  ← new: take it from the catalog';
	console.log(`${literal.file}:${literal.line}\t${JSON.stringify(literal.text)}${known}`);
}
console.log(`${kept.length} literals wait for the catalog (${waiting.size - kept.length} fewer).`);
