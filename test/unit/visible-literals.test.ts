import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {expect, test} from 'vitest';
import {visibleLiterals} from '../support/visible-literals.js';

const root = new URL('../..', import.meta.url).pathname;

/**
 * Every word that reaches a person comes from the catalog (`source/i18n/catalogs`). A literal that
 * reads as words fails here with its file and line: take it from the catalog, or, where no person
 * reads it (data kept in the file, a file name, a developer's error), mark it `// i18n-exempt: why`.
 */
test('no literal that reads as words bypasses the catalog', () => {
	expect(visibleLiterals(root).map(({file, line, text}) => `${file}:${line} ${JSON.stringify(text)}`)).toEqual([]);
});

test.each([
	// [a line of code, the words the check finds in it]
	["notice('Saved the file.');", ['Saved the file.']],
	// biome-ignore lint/suspicious/noTemplateCurlyInString: code and the words it reads as, with its placeholder.
	['const title = `Customers of ${name}`;', ['Customers of ${…}']],
	['const el = <Text>Nothing to undo</Text>;', ['Nothing to undo']],
	["notice(t('state.saved'));", []],
	["if (stage === 'Closed won') go();", []],
	["import {x} from './some module.js';", []],
	["const kind = 'open';", []],
	["const empty = '';", []],
	["notice('Saved the file.'); // i18n-exempt: a developer's log", []],
	["const row = {description: 'Move down one row'};", []],
	["await client.query('SELECT entry FROM crm.changes ORDER BY seq');", []],
	["await client.query(lock ? 'SELECT 1 FROM crm.head FOR UPDATE' : 'SELECT 1 FROM crm.head');", []],
	["say(ok ? 'Saved the file.' : 'Not saved.');", ['Saved the file.', 'Not saved.']],
])('%j reads as %j', (code, words) => {
	const folder = mkdtempSync(join(tmpdir(), 'literals-'));
	try {
		mkdirSync(join(folder, 'source/ui'), {recursive: true});
		writeFileSync(join(folder, 'source/ui/sample.tsx'), `${code}\n`);
		expect(visibleLiterals(folder).map((literal) => literal.text)).toEqual(words);
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
});
