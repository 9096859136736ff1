import {Command} from 'commander';
import {afterEach, describe, expect, test} from 'vitest';
import {commandIn} from '../../source/cli/command-word.js';
import {lazyImporter} from '../../source/cli/lazy-importer.js';
import {currentLanguage, setLanguage, t} from '../../source/i18n/i18n.js';
import {tempFolder} from '../support/temp-folder.js';

afterEach(() => setLanguage('en'));

/** The program's own options, as cli.tsx declares them (the console's start defines no command). */
const program = () =>
	new Command()
		.name('crm')
		.version('0.0.0', '-v, --version')
		.option('--data <path>')
		.option('--demo')
		.option('--operator <name>')
		.option('--readonly')
		.option('--mask')
		.option('--lang <language>')
		.option('--key-file <path>');

describe('the console starts without the commands only when every word is one of its own options', () => {
	test.each([
		[[], false],
		[['--demo'], false],
		[['--data', 'team.json'], false],
		[['--data=team.json', '--readonly', '--mask'], false],
		[['--lang', 'zh-CN', '--operator', 'ana', '--key-file', 'k'], false],
		// A value that reads like a command is the option's value, as commander takes it.
		[['--data', 'report'], false],
		[['--data', '--demo'], false],
		[['-v'], false],
		[['--version'], false],
		// A command, help, anything unknown or unsure: every command is defined, as always.
		[['report'], true],
		[['--data', 'team.json', 'report'], true],
		[['-h'], true],
		[['--help'], true],
		[['--demo', 'help'], true],
		[['--data'], true],
		[['--bogus'], true],
		[['--demo=yes'], true],
		[['-vh'], true],
		[['-'], true],
		[['--'], true],
		[[''], true],
	])('%j → %s', (words, expected) => {
		expect(commandIn(program(), ['node', 'crm', ...words])).toBe(expected);
	});
});

describe('the import wizard loads its CSV code when first used', () => {
	test('a rejects file is named only for a table it has read', async () => {
		const folder = tempFolder('start-loading');
		const importer = lazyImporter({dataFile: `${folder}/crm.json`, mappingFolders: [], cwd: folder});
		expect(() => importer.rejectsPath('people.csv')).toThrow(/before reading any table/);
		expect(await importer.list(folder)).toEqual([]);
		expect(importer.rejectsPath('people.csv')).toBe(`${folder}/people.rejects.csv`);
	});
});

describe('the Chinese words join when Chinese is first spoken', () => {
	test.each([
		// First (the words join once per process): a t() naming Chinese before any setLanguage.
		['a t() naming the language', () => t('screens.customers', {lng: 'zh-CN'}), '客户'],
		['English as before', () => t('screens.customers'), 'Customers'],
		[
			'setLanguage',
			() => {
				setLanguage('zh-CN');
				return t('screens.customers');
			},
			'客户',
		],
	])('%s', (_, say, words) => {
		expect(say()).toBe(words);
	});

	test('a language switched back and forth keeps its words', () => {
		setLanguage('zh-CN');
		setLanguage('en');
		expect([currentLanguage(), t('screens.customers')]).toEqual(['en', 'Customers']);
		setLanguage('zh-CN');
		expect([currentLanguage(), t('screens.customers')]).toEqual(['zh-CN', '客户']);
	});
});
