import {spawn} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Command, CommanderError} from 'commander';
import {count, day, language} from './cli/arguments.js';
import {everyCommandTakesLanguage, speakSettingsLanguage, speakTypedLanguage} from './cli/command-language.js';
import {databaseCommands} from './cli/database-command.js';
import {encryptCommands} from './cli/encrypt-command.js';
import {helpAndCompletionCommands} from './cli/help-completion-commands.js';
import {helpInWords} from './cli/help-words.js';
import {importCommand} from './cli/import-command.js';
import {everyDataCommandTakesKeyFile, findKeysFor, foldArguments, stopAskingForKeys} from './cli/key-option.js';
import {openConsoleStore} from './cli/open-store.js';
import {actingOperator, operatorFor, osUser} from './cli/operator.js';
import {carryOptionsBeforeCommand, optionsBeforeCommandHelp} from './cli/options-before-command.js';
import {recordCommands} from './cli/record-commands.js';
import {loadFieldsHelp} from './cli/record-write-commands.js';
import {settingsCommand} from './cli/settings-command.js';
import {fail, reportKnownErrors, say} from './cli/words.js';
import {runAccess} from './commands/access.js';
import {runAuditVerify} from './commands/audit.js';
import {runDoctor, runRestore} from './commands/doctor.js';
import {exitCodes, exitCodesHelp} from './commands/exit-codes.js';
import {exportedEntities, runExport} from './commands/export.js';
import {runReport} from './commands/report.js';
import {
	ensureDemoData,
	type SeedCommandOptions,
	seedDataFile,
	seedLanguage,
	seedLanguageHelp,
} from './commands/seed.js';
import {roles} from './domain/access.js';
import {entityNames} from './domain/dataset.js';
import {currentLanguage, setLanguage, t} from './i18n/i18n.js';
import {chooseLanguage, type Language} from './i18n/language.js';
import {DataFileError} from './store/data-file-error.js';
import {defaultDataPath, resolveDataPath} from './store/data-path.js';
import {isDatabaseUrl, shownUrl} from './store/database-url.js';
import {followLinks} from './store/regular-file.js';
import {CrmStore} from './store/store.js';
import {keymapMarkdown, keymapText} from './ui/keys/keymap.js';

declare const CRM_VERSION: string | undefined;
const version = typeof CRM_VERSION === 'string' ? CRM_VERSION : '0.0.0-dev';

/**
 * The demo's working copy lives in an ignored folder of the checkout, so operators' edits never
 * touch tracked files; an installed copy that may not write there keeps it in the data folder. In
 * Chinese the demo is the same records in Chinese words, in a file of its own.
 */
const seedDemoIfMissing = async (file: string, language: Language): Promise<string> => {
	const seeded = await ensureDemoData(file, language);
	if (seeded) process.stderr.write(`${seeded}\n`);
	return file;
};

const openDemo = async (language: Language): Promise<string> => {
	const name = language === 'zh-CN' ? 'demo.zh-CN.json' : 'demo.json'; // i18n-exempt: a file name
	try {
		return await seedDemoIfMissing(fileURLToPath(new URL(`../data/local/${name}`, import.meta.url)), language);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
		return seedDemoIfMissing(join(dirname(defaultDataPath()), name), language);
	}
};

// Every store this process opens acts as its OS user: with roles set, the store refuses anyone else's name unless the user is an admin.
CrmStore.processUser = osUser().name;

/** Refuses a writing command under --readonly (`crm --readonly seed` is `crm seed --readonly`: see the preAction hook), naming what it would have written. */
const refuseIfReadonly = (options: {readonly?: boolean}, what: string): void => {
	if (options.readonly === true) fail(t('cli.readonly.refused', {what}), exitCodes.refused);
};

/** The data file a command works on: `--data`, `$CRM_DATA` or the default, with a symbolic link followed (saves replace the file it points at). */
const dataFileFrom = async (flag: string | undefined): Promise<string> => {
	const path = resolveDataPath(flag);
	return isDatabaseUrl(path) ? path : followLinks(path);
};

type ConsoleOptions = {
	data?: string;
	demo?: boolean;
	operator?: string;
	readonly?: boolean;
	mask?: boolean;
	lang?: string;
	keyFile?: string;
};

async function startConsole(options: ConsoleOptions): Promise<void> {
	let file = await dataFileFrom(options.data);
	if (options.demo && !options.data && !process.env['CRM_DATA']) {
		file = await openDemo(currentLanguage());
	}
	// The file is checked first: a bad file is worth knowing about even from a script.
	const store = await openConsoleStore(file, options);
	// Ink owns the terminal from now on: a key not found by now is not asked for.
	stopAskingForKeys(options.keyFile);
	// The settings' language, now that they are read (unless --lang or CRM_LANG says).
	const language = chooseLanguage({flag: options.lang, env: process.env, settings: store.settings.language});
	setLanguage(language);
	// The thread that keeps locks fresh starts once the first frame is up (a first save before that starts it itself).
	setTimeout(() => store.prepareLocking(), 2000).unref();
	// A grown journal is folded by a `crm fold` of its own: the whole rewrite (seconds at 500,000 records) never stops this screen.
	// (Not for a set sealed with a passphrase: no other process can type it, so this one folds.)
	const cli = process.argv[1];
	const folding = isDatabaseUrl(file) ? null : await foldArguments(file, options.keyFile);
	if (cli && folding)
		store.foldWith(() => spawn(process.execPath, [cli, ...folding], {detached: true, stdio: 'ignore'}).unref());
	if (!process.stdin.isTTY) {
		fail(t('cli.console.needsTerminal'));
	}
	// Ink draws nothing until exit when it thinks it runs in CI (it reads CI when it loads). With a
	// terminal on both ends an operator is at the keyboard, whatever the environment says.
	if (process.stdout.isTTY) {
		delete process.env['CI'];
		delete process.env['CONTINUOUS_INTEGRATION'];
	}
	// Loaded only now, so that subcommands and --help do not pay for Ink and React.
	const {runConsole} = await import('./ui/run-console.js');
	// Roles edited by hand in the settings file are not in force: the operator hears it first.
	// A database is shown without its password, wherever the console names it.
	const shown = isDatabaseUrl(file) ? shownUrl(file) : file;
	const fresh = isDatabaseUrl(file)
		? t('cli.console.newDatabase', {file: shown})
		: t('cli.console.newDataFile', {file});
	const notice = store.rolesWarning ?? (store.existed ? null : fresh);
	const {createConsoleImporter} = await import('./commands/import/console-importer.js');
	const importer = createConsoleImporter({
		dataFile: file,
		mappingFolders: [
			fileURLToPath(new URL('../data/mappings', import.meta.url)),
			join(process.cwd(), 'data', 'mappings'),
		],
	});
	await runConsole({
		dataset: store.data,
		store,
		importer,
		operator: actingOperator(options.operator, store),
		source: shown,
		notice,
		mask: options.mask ?? false,
		language,
	});
}

// The language is chosen before the program is made (`--lang` read from the arguments, `CRM_LANG`, the
// locale): its help and its errors are in it. A command's settings may change it once read (preAction below).
speakTypedLanguage(process.argv, process.env);

const program = helpInWords(new Command())
	.name('crm')
	.description(t('cli.program.description'))
	.version(version, '-v, --version', t('cli.program.version'))
	.option('--data <path>', t('cli.program.data'))
	.option('--demo', t('cli.program.demo'))
	.option('--operator <name>', t('cli.program.operator'))
	.option('--readonly', t('cli.program.readonly'))
	.option('--mask', t('cli.program.mask'))
	.option('--lang <language>', t('cli.program.lang'), language)
	.option('--key-file <path>', t('cli.program.keyFile'))
	.enablePositionalOptions()
	// `crm --data team.json report` is `crm report --data team.json`: an option before a command goes to it, or is refused.
	.hook('preAction', carryOptionsBeforeCommand)
	// An encrypted set's key: from --key-file, CRM_KEY_FILE or the terminal (before its settings are read for their language).
	.hook('preAction', findKeysFor)
	.hook('preAction', (root, action) =>
		action === root ? undefined : speakSettingsLanguage(action, process.argv, process.env),
	)
	// A usage mistake (an unknown option or command, a bad value, a missing subcommand) exits 2, as the convention says: below.
	.exitOverride()
	.addHelpText('after', () => `\n${optionsBeforeCommandHelp()}\n${exitCodesHelp()}`)
	.action(async (options: ConsoleOptions) => reportKnownErrors(() => startConsole(options)));

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

settingsCommand(program, {dataFileFrom, refuseIfReadonly});
databaseCommands(program);

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

encryptCommands(program, {dataFileFrom});
// Last: with it, a word that names no command is refused as one (see recordCommands).
recordCommands(program, {dataFileFrom});
helpAndCompletionCommands(program);
everyCommandTakesLanguage(program);
everyDataCommandTakesKeyFile(program);

// `crm keys | head`, `crm export … | less` quit early: a reader that is gone is not an error (as with any Unix tool).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

try {
	// Help is printed synchronously: the fields an `add` or `update` takes are worked out before, when asked for.
	if (process.argv.slice(2).some((word) => word === 'help' || word === '--help' || word === '-h'))
		await loadFieldsHelp();
	await program.parseAsync(process.argv);
} catch (error) {
	// Commander has said what was wrong already; --help and --version end with 0.
	if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : exitCodes.usage);
	throw error;
}
