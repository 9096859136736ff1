import type {Command} from 'commander';
import {exitCodes} from '../commands/exit-codes.js';
import {type RecordEntity, recordEntities} from '../commands/records/record-entities.js';
import type {Destination} from '../commands/records/record-output.js';
import {RecordsRefusedError} from '../commands/records/records-error.js';
import type {WriteEntity, WriteOptions} from '../commands/records/write-records.js';
import {entitySingular} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from '../store/data-file-error.js';
import {count} from './arguments.js';
import {operatorFor} from './operator.js';
import type {RecordCommandsContext} from './record-commands.js';
import {reportKnownErrors} from './words.js';

/** How record-commands.ts says a refusal (one line, and the same as JSON on stderr with --json). */
export type Refuse = (error: RecordsRefusedError | DataFileError, json: boolean) => void;

type CommandOptions = {
	data?: string;
	json?: boolean;
	csv?: boolean;
	table?: boolean;
	fields?: string;
	readonly?: boolean;
	operator?: string;
	set?: string[];
	stdin?: boolean;
	ifVersion?: number;
	force?: boolean;
};

/** Loaded when a command runs, as the console is: the forms cost other commands nothing. */
const values = () => import('./record-values.js');

/**
 * The fields listed under `add --help` and `update --help`. Help is printed synchronously, so they are
 * worked out beforehand, and only when help is asked for (`loadFieldsHelp`): other commands load no form.
 */
const fieldsHelpOf = new Map<string, string>();

/** Fills the field lists of every entity's `add` and `update` help; cli.tsx calls it when help is asked for. */
export const loadFieldsHelp = async (): Promise<void> => {
	const {fieldsHelp} = await values();
	for (const named of recordEntities) fieldsHelpOf.set(named.entity, fieldsHelp(named.entity as WriteEntity));
};

/** A repeatable option's values (no default: help would show `[]`). */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

const withWriteOptions = (command: Command, output: 'record' | 'line'): Command => {
	command
		.option('--data <path>', t('cli.options.data'))
		.option('--operator <name>', t('cli.recordsWrite.operator'))
		.option('--readonly', t('cli.recordsWrite.readonly'))
		.option('--json', t('cli.records.json'));
	if (output === 'record')
		command
			.option('--csv', t('cli.records.csv'))
			.option('--table', t('cli.records.table'))
			.option('--fields <a,b,c>', t('cli.records.fields'));
	return command;
};

/** `--set` and `--stdin`, and the entity's fields listed after the options in help. */
const withFieldOptions = (command: Command, named: RecordEntity): Command =>
	command
		.option('--set <field=value>', t('cli.recordsWrite.set'), collect)
		.option('--stdin', t('cli.recordsWrite.stdin'))
		.addHelpText('after', () => fieldsHelpOf.get(named.entity) ?? '');

/** The text piped in; a terminal there would wait for typing no script does, so it is refused (exit 2). */
const readStdin = async (): Promise<string> => {
	if (process.stdin.isTTY)
		throw new RecordsRefusedError(t('cli.recordsWrite.stdinTerminal'), 'bad_option', exitCodes.usage);
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
};

/** The fields given: the JSON object on stdin, then `--set` pairs over it. */
const fieldsGiven = async (options: CommandOptions, entity: WriteEntity): Promise<Record<string, unknown>> => {
	const {checkFieldNames, readSetPairs, readStdinObject} = await values();
	const given = {...(options.stdin ? readStdinObject(await readStdin()) : {}), ...readSetPairs(options.set ?? [])};
	checkFieldNames(entity, given);
	return given;
};

type Work = (file: string, options: WriteOptions, to: Destination) => Promise<string>;

/** Runs a changing command: its text to stdout whole, a refusal as `refuse` says it, anything else as every command reports it. */
const writing = (options: CommandOptions, context: RecordCommandsContext, refuse: Refuse, work: Work) =>
	reportKnownErrors(async () => {
		try {
			const file = await context.dataFileFrom(options.data);
			const operator = await operatorFor(file, options.operator);
			const terminal = process.stdout.isTTY === true;
			const {recordTables: table} = await import('./record-table.js');
			const width = (terminal && process.stdout.columns) || 80;
			const write: WriteOptions = {...options, operator, readonly: options.readonly === true};
			process.stdout.write(await work(file, write, {terminal, width, table}));
		} catch (error) {
			if (error instanceof RecordsRefusedError || error instanceof DataFileError)
				return refuse(error, options.json === true);
			throw error;
		}
	});

/** The fields given, their names checked before the file is read; a refusal said as `refuse` says it. */
const givenOrRefused = async (
	named: RecordEntity,
	options: CommandOptions,
	refuse: Refuse,
): Promise<Record<string, unknown> | undefined> => {
	try {
		return await fieldsGiven(options, named.entity as WriteEntity);
	} catch (error) {
		if (error instanceof RecordsRefusedError) return void refuse(error, options.json === true);
		throw error;
	}
};

const entityWriteCommands = (
	command: Command,
	named: RecordEntity,
	context: RecordCommandsContext,
	refuse: Refuse,
): void => {
	const entity = entitySingular[named.entity];
	const ref = t(named.nameField === null ? 'cli.records.refById' : 'cli.records.ref');
	const run = () => import('../commands/records/write-records.js');
	withFieldOptions(
		withWriteOptions(command.command('add').description(t('cli.recordsWrite.add', {entity})), 'record'),
		named,
	).action(async (options: CommandOptions) => {
		const given = await givenOrRefused(named, options, refuse);
		if (!given) return;
		const [{runRecordsAdd}, {recordValues}] = await Promise.all([run(), values()]);
		await writing(options, context, refuse, (file, write, to) =>
			runRecordsAdd(file, {named, options: write, to}, given, recordValues),
		);
	});
	withFieldOptions(
		withWriteOptions(command.command('update').description(t('cli.recordsWrite.update', {entity})), 'record'),
		named,
	)
		.argument('<ref>', ref)
		.option('--if-version <n>', t('cli.recordsWrite.ifVersion'), count)
		.action(async (ref: string, options: CommandOptions) => {
			const given = await givenOrRefused(named, options, refuse);
			if (!given) return;
			const [{runRecordsUpdate}, {recordValues}] = await Promise.all([run(), values()]);
			await writing(options, context, refuse, (file, write, to) =>
				runRecordsUpdate(file, {named, options: write, to}, ref, given, recordValues),
			);
		});
	withWriteOptions(command.command('delete').description(t('cli.recordsWrite.delete', {entity})), 'line')
		.argument('<ref>', ref)
		.option('--if-version <n>', t('cli.recordsWrite.ifVersion'), count)
		.option('--force', t('cli.recordsWrite.force'))
		.action(async (ref: string, options: CommandOptions) => {
			const {runRecordsDelete} = await run();
			await writing(options, context, refuse, (file, write, to) =>
				runRecordsDelete(file, {named, options: write, to}, ref),
			);
		});
};

/**
 * `crm <entity> add|update|delete` beside each entity's `list` and `show` (declared by
 * record-commands.ts first), and `crm undo`. Every change goes through `changeRecords`.
 */
export const recordWriteCommands = (program: Command, context: RecordCommandsContext, refuse: Refuse): void => {
	for (const named of recordEntities) {
		const command = program.commands.find((each) => each.name() === named.command);
		if (command) entityWriteCommands(command, named, context, refuse);
	}
	withWriteOptions(program.command('undo').description(t('cli.recordsWrite.undo')), 'line').action(
		async (options: CommandOptions) => {
			const {runUndo} = await import('../commands/records/write-records.js');
			await writing(options, context, refuse, (file, write, to) => runUndo(file, write, to));
		},
	);
};
