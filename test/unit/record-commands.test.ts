import {Command, CommanderError} from 'commander';
import {describe, expect, test} from 'vitest';
import {recordCommands} from '../../source/cli/record-commands.js';

/** A program as crm makes it, its errors caught instead of ending the process, and a command declared after the record commands. */
const program = () => {
	const ran: string[] = [];
	const root = new Command()
		.name('crm')
		.exitOverride()
		.configureOutput({writeErr: () => undefined, writeOut: () => undefined})
		.action(() => void ran.push('console'));
	root.command('before').action(() => void ran.push('before'));
	recordCommands(root, {dataFileFrom: async () => '/nowhere'});
	root
		.command('after')
		.argument('[one]')
		.action(() => void ran.push('after'));
	return {root, ran};
};

const outcome = async (words: string[]): Promise<string> => {
	const {root, ran} = program();
	try {
		await root.parseAsync(words, {from: 'user'});
		return ran.join(',');
	} catch (error) {
		// As cli.tsx ends: commander's own refusals say 1, every usage mistake exits 2.
		if (error instanceof CommanderError) return `${error.code} ${error.exitCode === 0 ? 0 : 2}`;
		throw error;
	}
};

describe('words the program does not take', () => {
	test.each([
		[[], 'console'],
		[['dealz', 'list'], 'commander.unknownCommand 2'],
		[['nosuch'], 'commander.unknownCommand 2'],
		[['before'], 'before'],
		[['before', 'x'], 'commander.excessArguments 2'],
		// Declared after the record commands, it is held to its arguments all the same.
		[['after'], 'after'],
		[['after', 'x'], 'after'],
		[['after', 'x', 'y'], 'commander.excessArguments 2'],
		[['deal', 'show', 'a', 'b'], 'commander.excessArguments 2'],
		[['deals', 'frob'], 'commander.unknownCommand 2'],
	])('%j → %s', async (words, result) => {
		expect(await outcome(words)).toBe(result);
	});
});

test('every entity answers to each of its names', () => {
	const {root} = program();
	const names = (name: string) => {
		const command = root.commands.find((each) => each.name() === name)!;
		return [command.name(), ...command.aliases()];
	};
	expect(names('opportunities')).toEqual(['opportunities', 'opportunity', 'deals', 'deal']);
	expect(names('activities')).toContain('followups');
	expect(root.commands.find((each) => each.name() === 'customers')!.commands.map((each) => each.name())).toEqual([
		'list',
		'show',
		'add',
		'update',
		'delete',
	]);
});
