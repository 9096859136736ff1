import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {Command} from 'commander';
import {describe, expect, test} from 'vitest';
import {completionScript, completionTree, everyNode, plainWord} from '../../source/cli/completion.js';
import {bashCompletes} from '../support/bash-completion.js';
import {tempFolder} from '../support/temp-folder.js';

/** A small program of the shape crm has: root options, aliases, nested subcommands, a hidden command, a path option. */
const program = (): Command => {
	const root = new Command('tool').option('--data <path>', 'file').option('--quiet', 'q').option('--lang <language>');
	const people = root.command('people').aliases(['person', 'folk']);
	people.command('list').option('--sort <field>').argument('[filter...]');
	people.command('show').argument('<ref>');
	const settings = root.command('settings');
	settings.command('rate').argument('<currency>').argument('[rate]').option('--remove');
	settings
		.command('mode')
		.argument('<mode>')
		.addArgument(new Command().createArgument('[level]').choices(['low', 'high']));
	root.command('load').argument('<kind>').argument('<file>').option('--rejects <path>').option('--restore [backup]');
	root.command('secret', {hidden: true});
	root.addCommand(new Command('odd name'));
	return root;
};

describe('the tree, read from the program', () => {
	const tree = completionTree(program());
	const node = (path: string) => everyNode(tree).find((each) => each.path === path);

	test('commands, their aliases and their subcommands, with the help command commander adds; hidden ones left out', () => {
		expect(tree.commands.map((each) => each.names)).toEqual([
			['people', 'person', 'folk'],
			['settings'],
			['load'],
			['help'],
		]);
		expect(node('people')?.commands.map((each) => each.path)).toEqual(['people/list', 'people/show', 'people/help']);
		expect(node('settings/rate')?.arguments).toEqual([
			{value: {kind: 'text'}, variadic: false},
			{value: {kind: 'text'}, variadic: false},
		]);
		expect(node('secret')).toBeUndefined();
	});

	test.each([
		['', '--data', {kind: 'files'}],
		['', '--quiet', null],
		['', '--lang', {kind: 'text'}],
		['', '-h', null],
		['people/list', '--sort', {kind: 'text'}],
		['load', '--rejects', {kind: 'files'}],
		['load', '--restore', {kind: 'files'}],
	])('%j %s takes %j', (path, flag, value) => {
		expect(node(path)?.options.find((option) => option.flag === flag)?.value).toEqual(value);
	});

	test('arguments: a path, choices, a variadic last one; hints say what the tree cannot', () => {
		const hinted = completionTree(program(), {
			argument: (command, argument) =>
				command.name() === 'load' && argument.name() === 'kind' ? {kind: 'words', words: ['a', 'b']} : undefined,
			option: (_command, option) => (option.long === '--lang' ? {kind: 'words', words: ['en', 'zh-CN']} : undefined),
		});
		const load = hinted.commands.find((each) => each.path === 'load');
		expect(load?.arguments.map((each) => each.value)).toEqual([{kind: 'words', words: ['a', 'b']}, {kind: 'files'}]);
		expect(hinted.options.find((option) => option.flag === '--lang')?.value).toEqual({
			kind: 'words',
			words: ['en', 'zh-CN'],
		});
		expect(node('settings/mode')?.arguments[1]).toEqual({
			value: {kind: 'words', words: ['low', 'high']},
			variadic: false,
		});
		expect(node('people/list')?.arguments).toEqual([{value: {kind: 'text'}, variadic: true}]);
	});
});

test.each([
	['customers', true],
	['follow-up', true],
	['--fail-on', true],
	['zh-CN', true],
	['', false],
	['odd name', false],
	["it's", false],
	['$(reboot)', false],
	['a;b', false],
	['客户', false],
])('%j is a plain word: %s', (word, plain) => {
	expect(plainWord(word)).toBe(plain);
});

describe('the bash script, in a real bash', () => {
	const folder = tempFolder('completion');
	writeFileSync(join(folder, 'alpha.json'), '');
	writeFileSync(join(folder, 'beta.csv'), '');
	mkdirSync(join(folder, 'nested'));
	const script = join(tempFolder('completion-script'), 'tool.bash');
	// `explain` names commands with its words, as `crm help` does.
	const explains = {
		argument: (command: Command) => (command.name() === 'explain' ? ({kind: 'commands'} as const) : undefined),
	};
	const withExplain = () => {
		const root = program();
		root.command('explain').argument('[command...]');
		return root;
	};
	writeFileSync(script, completionScript(withExplain(), 'bash', explains));
	const completes = (line: string) => bashCompletes(`source ${script}`, line, {cwd: folder});

	test.each([
		['tool ', ['explain', 'help', 'load', 'people', 'settings']],
		['tool explain ', ['explain', 'help', 'load', 'people', 'settings']],
		['tool explain f', ['folk']],
		['tool explain folk ', ['help', 'list', 'show']],
		['tool explain settings m', ['mode']],
		['tool explain settings mode ', []],
		['tool explain nosuch ', []],
		['tool explain nosuch people ', []],
		['tool pe', ['people', 'person']],
		['tool f', ['folk']],
		['tool s', ['settings']],
		['tool e', ['explain']],
		['tool sec', []],
		['tool folk ', ['help', 'list', 'show']],
		['tool person l', ['list']],
		['tool settings ', ['help', 'mode', 'rate']],
		['tool people list --', ['--help', '--sort']],
		['tool people list --sort ', []],
		['tool --', ['--data', '--help', '--lang', '--quiet']],
		['tool --data ', ['alpha.json', 'beta.csv', 'nested']],
		['tool --data al', ['alpha.json']],
		['tool --data = b', ['beta.csv']],
		['tool --data =', ['alpha.json', 'beta.csv', 'nested']],
		['tool --data x people ', ['help', 'list', 'show']],
		['tool --quiet people s', ['show']],
		['tool load ', []],
		['tool load kind ', ['alpha.json', 'beta.csv', 'nested']],
		['tool load kind --rejects n', ['nested']],
		['tool load --restore x kind ', ['alpha.json', 'beta.csv', 'nested']],
		['tool settings mode fast ', ['high', 'low']],
		['tool settings mode fast h', ['high']],
		['tool settings rate --remove ', []],
		['tool nosuch ', []],
		['tool people show x ', []],
	])('%j → %j', async (line, words) => {
		expect(await completes(line)).toEqual(words);
	});

	test('a command added to the program later completes in the script made after it', async () => {
		const grown = withExplain();
		grown.command('undo').option('--operator <name>');
		const later = join(tempFolder('completion-grown'), 'grown.bash');
		writeFileSync(later, completionScript(grown, 'bash', explains));
		expect(await bashCompletes(`source ${later}`, 'tool u', {cwd: folder})).toEqual(['undo']);
		expect(await completes('tool u')).toEqual([]);
	});
});

test('the zsh script is the same tables under a #compdef header, registering _tool', () => {
	const zsh = completionScript(program(), 'zsh');
	expect(zsh.split('\n')[0]).toBe('#compdef tool');
	expect(zsh).toContain("'|folk') REPLY='people'");
	expect(zsh).toContain('compdef _tool tool');
	expect(zsh).not.toContain('COMP_WORDS');
});
