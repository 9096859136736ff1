import {execFile} from 'node:child_process';
import {copyFile, mkdir, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, test} from 'vitest';
import {tempFolder} from '../support/temp-folder.js';

/**
 * `npm test` runs `biome ci`: these cases check that the project's configuration really refuses what
 * it says it does. A small project with the same biome.jsonc is linted once; each file is one case.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const biome = join(root, 'node_modules', '.bin', 'biome');

const lines = (count: number, line: (index: number) => string) =>
	Array.from({length: count}, (_, index) => line(index));

const probes: Array<{file: string; text: string; refused: string | null}> = [
	{
		file: 'source/domain/imports-ui.ts',
		text: "import {x} from '../ui/app.js';\n\nexport const y = x;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/domain/imports-store.ts',
		text: "import {x} from '../store/store.js';\n\nexport const y = x;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/domain/reads-a-file.ts',
		text: "import {readFileSync} from 'node:fs';\n\nexport const y = readFileSync;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/i18n/imports-domain.ts',
		text: "import {x} from '../domain/dataset.js';\n\nexport const y = x;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/store/imports-assessment.ts',
		text: "import {x} from '../assessment/kpis.js';\n\nexport const y = x;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/assessment/imports-store.ts',
		text: "import {x} from '../store/store.js';\n\nexport const y = x;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/commands/imports-ui.ts',
		text: "import {x} from '../ui/app.js';\n\nexport const y = x;\n",
		refused: 'lint/style/noRestrictedImports',
	},
	{
		file: 'source/ui/imports-below.ts',
		text: "import {a} from '../assessment/kpis.js';\nimport {c} from '../commands/report.js';\nimport {d} from '../domain/dataset.js';\nimport {s} from '../store/store.js';\n\nexport const y = [a, c, d, s];\n",
		refused: null,
	},
	{
		file: 'source/domain/cycle-a.ts',
		text: "import {b} from './cycle-b.js';\n\nexport const a = () => b;\n",
		refused: 'lint/suspicious/noImportCycles',
	},
	{
		file: 'source/domain/cycle-b.ts',
		text: "import {a} from './cycle-a.js';\n\nexport const b = () => a;\n",
		refused: 'lint/suspicious/noImportCycles',
	},
	{
		file: 'source/domain/long-function.ts',
		text: `export const long = (): number => {\n${lines(85, (index) => `\tconst v${index} = ${index};`).join('\n')}\n\treturn v0 + v84;\n};\n`,
		refused: 'lint/complexity/noExcessiveLinesPerFunction',
	},
	{
		file: 'source/domain/long-file.ts',
		text: `${lines(405, (index) => `export const v${index} = ${index};`).join('\n')}\n`,
		refused: 'lint/style/noExcessiveLinesPerFile',
	},
	{
		file: 'source/ui/effect.tsx',
		text: "import {useEffect} from 'react';\n\nexport const useLog = (value: string): void => {\n\tuseEffect(() => {\n\t\tconsole.log(value);\n\t}, []);\n};\n",
		refused: 'lint/correctness/useExhaustiveDependencies',
	},
	{file: 'source/ui/unformatted.ts', text: 'export const  z=1\n', refused: 'format'},
	{file: 'source/ui/fine.ts', text: "export const fine = 'fine';\n", refused: null},
];

let found: Map<string, string[]>;

beforeAll(async () => {
	const project = tempFolder('lint');
	await copyFile(join(root, 'biome.jsonc'), join(project, 'biome.jsonc'));
	for (const {file, text} of probes) {
		await mkdir(dirname(join(project, file)), {recursive: true});
		await writeFile(join(project, file), text);
	}
	const output = await promisify(execFile)(
		biome,
		['ci', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=100', '.'],
		{cwd: project},
	).then(
		({stdout}) => stdout,
		(error: {stdout: string}) => error.stdout,
	);
	found = new Map();
	for (const [, title, file] of output.matchAll(/^::error title=([^,]+),file=([^,]+),/gm)) {
		const relative = file!.slice(project.length + 1);
		found.set(relative, [...(found.get(relative) ?? []), title!]);
	}
}, 60_000);

describe('the linter keeps the house rules (biome.jsonc)', () => {
	test.each(probes)('$file: $refused', ({file, refused}) => {
		if (refused === null) expect(found.get(file) ?? []).toEqual([]);
		else expect(found.get(file)).toContain(refused);
	});
});
