// Rewrites the key table in README.md from the keymap (`crm keys --markdown`); a test checks they agree.
import {execFileSync} from 'node:child_process';
import {readFileSync, writeFileSync} from 'node:fs';

const table = execFileSync(process.execPath, ['dist/cli.js', 'keys', '--markdown'], {encoding: 'utf8'}).trimEnd();
const readme = readFileSync('README.md', 'utf8');
const pattern = /<!-- keys:start -->\n[\s\S]*?\n<!-- keys:end -->/;
if (!pattern.test(readme)) throw new Error('README.md has no <!-- keys:start --> … <!-- keys:end --> block');
// A function, not a string: the table holds `$` keys, and `$` followed by a backtick in a replacement string inserts the text before the match.
writeFileSync(
	'README.md',
	readme.replace(pattern, () => `<!-- keys:start -->\n${table}\n<!-- keys:end -->`),
);
console.log('README.md key table updated.');
