import type {Command} from 'commander';
import {exitCodes} from '../commands/exit-codes.js';
import {type RecordEntity, recordEntities, recordEntityWords} from '../commands/records/record-entities.js';
import type {Destination} from '../commands/records/record-output.js';
import {RecordsRefusedError} from '../commands/records/records-error.js';
import {escapeJsonControls} from '../domain/control-characters.js';
import {entitySingular} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from '../store/data-file-error.js';
import {count} from './arguments.js';
import {recordVerbCommands} from './record-verb-commands.js';
import {recordWriteCommands} from './record-write-commands.js';
import {reportKnownErrors, say} from './words.js';

/** What the record commands need of the program: where the data is, as every command finds it. */
export type RecordCommandsContext = {dataFileFrom: (flag: string | undefined) => Promise<string>};

type ReadOptions = {data?: string; json?: boolean; csv?: boolean; table?: boolean; fields?: string; readonly?: boolean};
type ListOptions = ReadOptions & {filter?: string; where?: string[]; sort?: string; desc?: boolean; limit?: number};

/** A repeatable option's values (no default: help would show `[]`). */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const withReadOptions = (command: Command): Command =>
	command
		.option('--data <path>', t('cli.options.data'))
		.option('--json', t('cli.records.json'))
		.option('--csv', t('cli.records.csv'))
		.option('--table', t('cli.records.table'))
		.option('--fields <a,b,c>', t('cli.records.fields'))
		.option('--readonly', t('cli.records.readonly'));

/** Said once on stderr: the words (escaped, one line), and with --json the same as an object a script can read. */
const refuse = (error: RecordsRefusedError | DataFileError, json: boolean): void => {
	say(`${t('cli.fail', {message: error.message})}\n`, process.stderr);
	if (json) {
		const code = error instanceof RecordsRefusedError ? error.code : 'data_file';
		const candidates = error instanceof RecordsRefusedError ? error.candidates : [];
		const issues = error instanceof RecordsRefusedError ? error.issues : [];
		process.stderr.write(`${escapeJsonControls(JSON.stringify({error: error.message, code, candidates, issues}))}\n`);
	}
	process.exitCode = error.exitCode;
};

/** Runs a reading command: its text to stdout whole, a refusal as `refuse` says, anything else as every command reports it. */
const reading = (
	context: RecordCommandsContext,
	options: ReadOptions,
	work: (file: string, to: Destination) => Promise<string>,
): Promise<void> =>
	reportKnownErrors(async () => {
		try {
			const file = await context.dataFileFrom(options.data);
			const terminal = process.stdout.isTTY === true;
			// Loaded only when a command runs: the console's columns cost other commands nothing.
			const {recordTables: table} = await import('./record-table.js');
			const width = (terminal && process.stdout.columns) || 80;
			process.stdout.write(await work(file, {terminal, width, table}));
		} catch (error) {
			if (error instanceof RecordsRefusedError || error instanceof DataFileError)
				return refuse(error, options.json === true);
			throw error;
		}
	});

const entityCommand = (program: Command, named: RecordEntity, context: RecordCommandsContext): void => {
	const entity = entitySingular[named.entity];
	const command = program
		.command(named.command)
		.aliases(named.aliases)
		.description(
			// Help shows the first alias beside the name; the others are said in words.
			named.aliases.length > 1
				? t('cli.records.alsoNamed', {
						description: t('cli.records.description', {entity}),
						names: named.aliases.slice(1).join(', '),
					})
				: t('cli.records.description', {entity}),
		);
	withReadOptions(
		command
			.command('list')
			.description(t('cli.records.list', {entity}))
			.argument('[filter...]', t('cli.records.filter'))
			.option('--filter <text>', t('cli.records.filter'))
			.option('--where <field=value>', t('cli.records.where'), collect)
			.option('--sort <field>', t('cli.records.sort'))
			.option('--desc', t('cli.records.desc'))
			.option('--limit <n>', t('cli.records.limit'), count),
	).action(async (words: string[], options: ListOptions) => {
		const filter = [...words, options.filter ?? ''].join(' ').trim() || undefined;
		// Loaded when the command runs, as the console is: other commands do not pay for the store's reading.
		const {runRecordsList} = await import('../commands/records/read-records.js');
		await reading(context, options, (file, to) => runRecordsList(file, named, {...options, filter}, to));
	});
	withReadOptions(
		command
			.command('show')
			.description(t('cli.records.show', {entity}))
			.argument('<ref>', t(named.nameField === null ? 'cli.records.refById' : 'cli.records.ref')),
	).action(async (ref: string, options: ReadOptions) => {
		const {runRecordsShow} = await import('../commands/records/read-records.js');
		await reading(context, options, (file, to) => runRecordsShow(file, named, ref, options, to));
	});
	recordVerbCommands(command, named, context, reading);
};

/**
 * Surplus words are refused as commander refuses them, though the program now lets them through: a
 * word where a command belongs names no command (`crm dealz list`, naming the entities); after a
 * command that takes fewer, too many (exit 2 either way, before anything is read).
 */
const refuseSurplusWords = (root: Command, action: Command): void => {
	if (action === root) {
		if (root.args.length === 0) return;
		root.error(
			`${t('cli.commander.unknownCommand', {name: root.args[0] ?? ''})}\n${t('cli.records.entities', {entities: recordEntityWords().join(', ')})}`,
			{exitCode: exitCodes.usage, code: 'commander.unknownCommand'},
		);
	}
	const expected = action.registeredArguments;
	if (expected.at(-1)?.variadic || action.args.length <= expected.length) return;
	action.error(t('cli.commander.tooManyFor', {name: action.name(), count: expected.length, got: action.args.length}), {
		exitCode: exitCodes.usage,
		code: 'commander.excessArguments',
	});
};

/**
 * `crm <entity> list|show`, one command per entity of the table (its other names as aliases). A word
 * that names no command is then refused as an unknown command (see `refuseSurplusWords`) instead of
 * reaching the console as an argument it does not take.
 */
export const recordCommands = (program: Command, context: RecordCommandsContext): void => {
	for (const named of recordEntities) entityCommand(program, named, context);
	recordWriteCommands(program, context, refuse);
	// Commands declared from now on inherit it: the hook holds them to their arguments as commander did.
	program.allowExcessArguments(true).hook('preAction', refuseSurplusWords);
};
