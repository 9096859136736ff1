import type {Command} from 'commander';
import {runAccess} from '../commands/access.js';
import {runAuditVerify} from '../commands/audit.js';
import {runDoctor, runRestore} from '../commands/doctor.js';
import {exitCodes} from '../commands/exit-codes.js';
import {exportedEntities, runExport} from '../commands/export.js';
import {runReport} from '../commands/report.js';
import {type SeedCommandOptions, seedDataFile, seedLanguage, seedLanguageHelp} from '../commands/seed.js';
import {roles} from '../domain/access.js';
import {entityNames} from '../domain/dataset.js';
import {t} from '../i18n/i18n.js';
import {DataFileError} from '../store/data-file-error.js';
import {CrmStore} from '../store/store.js';
import {keymapMarkdown, keymapText} from '../ui/keys/keymap.js';
import {count, day, language} from './arguments.js';
import {everyCommandTakesLanguage} from './command-language.js';
import {dataFileFrom, refuseIfReadonly} from './data-file-flag.js';
import {databaseCommands} from './database-command.js';
import {encryptCommands} from './encrypt-command.js';
import {helpAndCompletionCommands} from './help-completion-commands.js';
import {importCommand} from './import-command.js';
import {everyDataCommandTakesKeyFile} from './key-option.js';
import {actingOperator, operatorFor} from './operator.js';
import {recordCommands} from './record-commands.js';
import {loadFieldsHelp} from './record-write-commands.js';
import {settingsCommand} from './settings-command.js';
import {fail, reportKnownErrors, say} from './words.js';

/*
 * The commands of `crm` (all but the console, the program's own action). cli.tsx loads this module only
 * when the arguments name a command or ask for help: the console's start does not build, nor load, any
 * of them (issue 23).
 */
const seedAndReport = (program: Command): void => {
	program
		.command('seed')
		.description(t('cli.seed.description'))
		.option('--data <path>', t('cli.seed.data'))
		.option('--seed <text>', t('cli.seed.seed'), 'crm-console')
		.option('--customers <n>', t('cli.seed.customers'), count, 300)
		.option('--opportunities <n>', t('cli.seed.opportunities'), count, 900)
		.option('--tickets <n>', t('cli.seed.tickets'), count, 600)
		.option('--feedback <n>', t('cli.seed.feedback'), count, 500)
		.option('--months <n>', t('cli.seed.months'), count, 24)
		.option('--now <date>', t('cli.seed.now'), day)
		.option('--force', t('cli.seed.force'))
		.option('--operator <name>', t('cli.seed.operator'))
		.option('--readonly', t('cli.options.readonlyRefuses'))
		.option('--lang <language>', seedLanguageHelp(), language)
		.action(async (options: SeedCommandOptions) =>
			reportKnownErrors(async () => {
				const {data, operator, readonly, lang, ...settings} = options;
				const file = await dataFileFrom(data);
				say(
					`${await seedDataFile(file, {...settings, language: seedLanguage(lang), readonly: readonly === true, operator: await operatorFor(file, operator)})}\n`,
				);
			}),
		);
	program
		.command('report')
		.description(t('cli.report.description'))
		.option('--data <path>', t('cli.options.data'))
		.option('--period <period>', t('cli.report.period'))
		.option('--format <format>', t('cli.report.format'), 'md')
		.option('--mask', t('cli.report.mask'))
		.option('--fail-on <status>', t('cli.report.failOn'))
		.action(async (options: {data?: string; period?: string; format: string; mask?: boolean; failOn?: string}) =>
			reportKnownErrors(async () => {
				let failing: string[] = [];
				say(await runReport(await dataFileFrom(options.data), {...options, onFailing: (kpis) => (failing = kpis)}));
				if (failing.length > 0) {
					// The report itself goes to stdout whole; the verdict for cron and CI to stderr, and the exit code.
					const words = {count: failing.length, kpis: failing.join(', ')};
					say(
						`${options.failOn === 'near' ? t('cli.report.failingNear', words) : t('cli.report.failingMissed', words)}\n`,
						process.stderr,
					);
					process.exitCode = 1;
				}
			}),
		);
};

const importAndExport = (program: Command): void => {
	program
		.command('import')
		.description(t('cli.import.description'))
		.argument('<entity>', t('cli.import.entity', {entities: entityNames.join(', ')}))
		.argument('<file>', t('cli.import.file'))
		.option('--data <path>', t('cli.options.data'))
		.option('--map <mapping...>', t('cli.import.map'))
		.option('--id <column>', t('cli.import.id'))
		.option('--dates <format>', t('cli.import.dates'))
		.option('--dry-run', t('cli.import.dryRun'))
		.option('--rejects <path>', t('cli.import.rejects'))
		.option('--operator <name>', t('cli.import.operator'))
		.option('--readonly', t('cli.import.readonly'))
		.action(
			async (
				entity: string,
				file: string,
				options: {
					data?: string;
					map?: string[];
					id?: string;
					dates?: string;
					dryRun?: boolean;
					rejects?: string;
					operator?: string;
					readonly?: boolean;
				},
			) =>
				reportKnownErrors(async () => {
					if (!options.dryRun) refuseIfReadonly(options, t('cli.import.readonlyWhat'));
					const dataFile = await dataFileFrom(options.data);
					const operator = await operatorFor(dataFile, options.operator);
					await importCommand(entity, file, {...options, dataFile, operator, readonly: options.readonly === true});
				}),
		);
	program
		.command('export')
		.description(t('cli.export.description'))
		.argument('<entity>', exportedEntities.join(', '))
		.option('--data <path>', t('cli.options.data'))
		.option('--format <format>', t('cli.export.format'), 'csv')
		.option('--filter <text>', t('cli.export.filter'))
		.option('--audience <campaign>', t('cli.export.audience'))
		.action(async (entity: string, options: {data?: string; format: string; filter?: string; audience?: string}) =>
			reportKnownErrors(async () => {
				// The data itself: escaped only when it would land on a terminal, byte for byte into a file or a pipe.
				process.stdout.write(
					await runExport(await dataFileFrom(options.data), {
						...options,
						entity,
						terminal: process.stdout.isTTY === true,
					}),
				);
			}),
		);
};

const accessCommand = (program: Command): void => {
	program
		.command('access')
		.description(t('cli.access.description'))
		.argument('[action]', t('cli.access.action'))
		.argument('[operator]', t('cli.access.operatorArgument'))
		.argument('[role]', t('cli.access.role', {roles: roles.join(', ')}))
		.option('--data <path>', t('cli.options.data'))
		.option('--operator <name>', t('cli.options.operatorChange'))
		.option('--readonly', t('cli.access.readonly'))
		.action(
			async (
				action: string | undefined,
				operator: string | undefined,
				role: string | undefined,
				options: {data?: string; operator?: string; readonly?: boolean},
			) =>
				reportKnownErrors(async () => {
					if (action !== undefined) refuseIfReadonly(options, t('cli.access.readonlyWhat'));
					const file = await dataFileFrom(options.data);
					say(await runAccess(file, {action, operator, role, as: await operatorFor(file, options.operator)}));
				}),
		);
};

const doctorFoldAuditAndKeys = (program: Command): void => {
	program
		.command('doctor')
		.description(t('cli.doctor.description'))
		.option('--data <path>', t('cli.options.data'))
		.option('--restore [backup]', t('cli.doctor.restore'))
		.option('--operator <name>', t('cli.doctor.operator'))
		.option('--readonly', t('cli.doctor.readonly'))
		.action(async (options: {data?: string; restore?: string | true; operator?: string; readonly?: boolean}) =>
			reportKnownErrors(async () => {
				const file = await dataFileFrom(options.data);
				if (options.restore !== undefined) {
					if (options.restore !== true) refuseIfReadonly(options, t('cli.doctor.readonlyWhat'));
					say(await runRestore(file, options.restore, await operatorFor(file, options.operator)));
					return;
				}
				const {text, healthy} = await runDoctor(file);
				say(text);
				if (!healthy) process.exitCode = 1;
			}),
		);

	program
		.command('fold')
		.description(t('cli.fold.description'))
		.option('--data <path>', t('cli.options.data'))
		.option('--operator <name>', t('cli.fold.operator'))
		.option('--readonly', t('cli.options.readonlyRefuses'))
		.action(async (options: {data?: string; operator?: string; readonly?: boolean}) =>
			reportKnownErrors(async () => {
				refuseIfReadonly(options, t('cli.fold.readonlyWhat'));
				const file = await dataFileFrom(options.data);
				const store = await CrmStore.open(file);
				if (!store.existed) throw new DataFileError(file, t('store.file.notExist'), t('store.file.checkPath'));
				// Folding changes no record, but rewrites the file: anyone who may change records may fold; a viewer may not write at all.
				const operator = actingOperator(options.operator, store);
				if (store.roleOf(operator) === 'viewer') fail(t('cli.fold.viewer', {operator}), exitCodes.refused);
				// A database has no journal: nothing to fold.
				const {lines, bytes} = 'fold' in store ? await store.fold() : {lines: 0, bytes: 0};
				say(`${lines === 0 ? t('cli.fold.nothing', {file}) : t('cli.fold.folded', {count: lines, bytes, file})}\n`);
			}),
		);
	program
		.command('audit')
		.description(t('cli.audit.description'))
		.command('verify')
		.description(t('cli.audit.verify'))
		.option('--data <path>', t('cli.options.data'))
		.option('--head <COUNT:HASH>', t('cli.audit.head'))
		.action(async (options: {data?: string; head?: string}) =>
			reportKnownErrors(async () => {
				const {text, intact} = await runAuditVerify(await dataFileFrom(options.data), {head: options.head});
				say(text);
				if (!intact) process.exitCode = 1;
			}),
		);
	program
		.command('keys')
		.description(t('cli.keys.description'))
		.option('--markdown', t('cli.keys.markdown'))
		.action((options: {markdown?: boolean}) => {
			process.stdout.write(`${options.markdown ? keymapMarkdown() : keymapText()}\n`);
		});
};

/** Adds every command to `program`; with help asked for, the fields an `add` or `update` takes are worked out first (help is printed synchronously). */
export const defineSubcommands = async (program: Command, argv: readonly string[]): Promise<void> => {
	seedAndReport(program);
	importAndExport(program);
	accessCommand(program);
	settingsCommand(program, {dataFileFrom, refuseIfReadonly});
	databaseCommands(program);
	doctorFoldAuditAndKeys(program);
	encryptCommands(program, {dataFileFrom});
	// Last: with it, a word that names no command is refused as one (see recordCommands).
	recordCommands(program, {dataFileFrom});
	helpAndCompletionCommands(program);
	everyCommandTakesLanguage(program);
	everyDataCommandTakesKeyFile(program);
	if (argv.slice(2).some((word) => word === 'help' || word === '--help' || word === '-h')) await loadFieldsHelp();
};
