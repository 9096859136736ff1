import {spawn} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Command, CommanderError} from 'commander';
import {count, day, language} from './cli/arguments.js';
import {importCommand} from './cli/import-command.js';
import {actingOperator, operatorFor, osUser} from './cli/operator.js';
import {carryOptionsBeforeCommand, optionsBeforeCommandHelp} from './cli/options-before-command.js';
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
import {plural} from './domain/words.js';
import {chooseLanguage} from './i18n/language.js';
import {DataFileError} from './store/data-file-error.js';
import {defaultDataPath, resolveDataPath} from './store/data-path.js';
import {followLinks} from './store/regular-file.js';
import {CrmStore} from './store/store.js';
import {keymapMarkdown, keymapText} from './ui/keys/keymap.js';

declare const CRM_VERSION: string | undefined;
const version = typeof CRM_VERSION === 'string' ? CRM_VERSION : '0.0.0-dev';

/**
 * The demo's working copy lives in an ignored folder of the checkout, so operators' edits never
 * touch tracked files; an installed copy that may not write there keeps it in the data folder.
 */
const seedDemoIfMissing = async (file: string): Promise<string> => {
	const seeded = await ensureDemoData(file);
	if (seeded) process.stderr.write(`${seeded}\n`);
	return file;
};

const openDemo = async (): Promise<string> => {
	try {
		return await seedDemoIfMissing(fileURLToPath(new URL('../data/local/demo.json', import.meta.url)));
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code !== 'EACCES' && code !== 'EROFS' && code !== 'EPERM') throw error;
		return seedDemoIfMissing(join(dirname(defaultDataPath()), 'demo.json'));
	}
};

// Every store this process opens acts as its OS user: with roles set, the store refuses anyone else's name unless the user is an admin.
CrmStore.processUser = osUser().name;

/** Refuses a writing command under --readonly (`crm --readonly seed` is `crm seed --readonly`: see the preAction hook), naming what it would have written. */
const refuseIfReadonly = (options: {readonly?: boolean}, what: string): void => {
	if (options.readonly === true) fail(`--readonly: ${what}, so it did nothing.`, exitCodes.refused);
};

/** The data file a command works on: `--data`, `$CRM_DATA` or the default, with a symbolic link followed (saves replace the file it points at). */
const dataFileFrom = async (flag: string | undefined): Promise<string> => followLinks(resolveDataPath(flag));

type ConsoleOptions = {
	data?: string;
	demo?: boolean;
	operator?: string;
	readonly?: boolean;
	mask?: boolean;
	lang?: string;
};

async function startConsole(options: ConsoleOptions): Promise<void> {
	let file = await dataFileFrom(options.data);
	if (options.demo && !options.data && !process.env['CRM_DATA']) {
		file = await openDemo();
	}
	const {CrmStore} = await import('./store/store.js');
	// The file is checked first: a bad file is worth knowing about even from a script.
	const store = await CrmStore.open(file, Date.now, {readonly: options.readonly, lockingLater: true});
	// The thread that keeps locks fresh starts once the first frame is up (a first save before that starts it itself).
	setTimeout(() => store.prepareLocking(), 2000).unref();
	// A grown journal is folded by a `crm fold` of its own: the whole rewrite (seconds at 500,000 records) never stops this screen.
	const cli = process.argv[1];
	if (cli)
		store.foldWith(() =>
			spawn(process.execPath, [cli, 'fold', '--data', file], {detached: true, stdio: 'ignore'}).unref(),
		);
	if (!process.stdin.isTTY) {
		fail(
			'the console needs an interactive terminal, but standard input is not one. For scripts use the subcommands (crm --help).',
		);
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
	const notice =
		store.rolesWarning ??
		(store.existed ? null : `New data file: ${file} does not exist yet and will be created on the first save.`);
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
		source: file,
		notice,
		mask: options.mask ?? false,
		language: chooseLanguage({flag: options.lang, env: process.env, settings: store.settings.language}),
	});
}

const program = new Command()
	.name('crm')
	.description('A keyboard-driven CRM for the terminal. Without a command it starts the console.')
	.version(version, '-v, --version', 'print the version')
	.helpOption('-h, --help', 'show this help')
	.option('--data <path>', 'data file (default: $CRM_DATA, else ~/.local/share/crm-console/crm.json)')
	.option('--demo', 'open the demo dataset (generated on first use into data/local/)')
	.option('--operator <name>', 'who makes the changes, for the change log (default: your OS user name)')
	.option(
		'--readonly',
		'look, change nothing: every key that would change data is hidden and the store refuses changes',
	)
	.option(
		'--mask',
		'mask customers’ names, emails and phones on every screen (for screen sharing and recordings); the file keeps the real ones',
	)
	.option(
		'--lang <language>',
		'the console’s language: en or zh-CN (default: $CRM_LANG, the settings’, the locale’s)',
		language,
	)
	.enablePositionalOptions()
	// `crm --data team.json report` is `crm report --data team.json`: an option before a command goes to it, or is refused.
	.hook('preAction', carryOptionsBeforeCommand)
	.showHelpAfterError('(crm --help lists every option)')
	// A usage mistake (an unknown option or command, a bad value, a missing subcommand) exits 2, as the convention says: below.
	.exitOverride()
	.addHelpText('after', `\n${optionsBeforeCommandHelp}\n${exitCodesHelp}`)
	.action(async (options: ConsoleOptions) => reportKnownErrors(() => startConsole(options)));

program
	.command('seed')
	.description('write a generated, realistic demo dataset (deterministic for a given seed and date)')
	.option('--data <path>', 'data file to write (default: $CRM_DATA, else the default data file)')
	.option('--seed <text>', 'seed of the generator', 'crm-console')
	.option('--customers <n>', 'number of customers', count, 300)
	.option('--opportunities <n>', 'number of opportunities', count, 900)
	.option('--tickets <n>', 'number of tickets', count, 600)
	.option('--feedback <n>', 'number of feedback entries', count, 500)
	.option('--months <n>', 'months of history', count, 24)
	.option('--now <date>', 'the day the history ends (default: today, UTC)', day)
	.option(
		'--force',
		'replace an existing file (one that holds data: an admin of it only; it is kept as a backup first)',
	)
	.option('--operator <name>', 'who seeds (default: your OS user name)')
	.option('--readonly', 'write nothing (refuses)')
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
	.description(
		'the evaluation of a period: every KPI of KPI.md against its target, before/after, forecast, alerts, actions',
	)
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option('--period <period>', 'a month 2026-03, a quarter 2026-Q1 or a year 2026 (default: the last complete month)')
	.option('--format <format>', 'md or json', 'md')
	.option('--mask', 'mask customers’ names and emails (the churn-risk list) for a report shown or sent on')
	.option(
		'--fail-on <status>',
		'exit 1 when any KPI is at or below this status: missed, or near (near or missed); no data fails nothing',
	)
	.action(async (options: {data?: string; period?: string; format: string; mask?: boolean; failOn?: string}) =>
		reportKnownErrors(async () => {
			let failing: string[] = [];
			say(await runReport(await dataFileFrom(options.data), {...options, onFailing: (kpis) => (failing = kpis)}));
			if (failing.length > 0) {
				// The report itself goes to stdout whole; the verdict for cron and CI to stderr, and the exit code.
				say(
					`crm report: ${plural(failing.length, 'KPI')} ${options.failOn === 'near' ? 'near or missed' : 'missed'}: ${failing.join(', ')}.\n`,
					process.stderr,
				);
				process.exitCode = 1;
			}
		}),
	);

program
	.command('import')
	.description(
		'import a CSV export: creates new records, updates changed ones, leaves the rest (run twice, change nothing)',
	)
	.argument('<entity>', `${entityNames.join(', ')} (a mapping file may name several)`)
	.argument('<file>', 'the CSV file (comma, semicolon or tab; quotes, embedded newlines and a BOM are fine)')
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option('--map <mapping...>', 'a mapping file (.json, see data/mappings/) or column=field pairs')
	.option('--id <column>', 'with column=field pairs: the column that identifies a row in the other system')
	.option(
		'--dates <format>',
		'how the dates are written (for every date column; a mapping file’s "dates" gives way to it): M/D/YYYY, D/M/YYYY, DD-MM-YYYY, ISO, excel… (default: auto, settled per column)',
	)
	.option('--dry-run', 'print what would change, write nothing')
	.option('--rejects <path>', 'where to write the rejected rows (default: beside the data file)')
	.option('--operator <name>', 'who imports, for the change log (default: your OS user name)')
	.option('--readonly', 'change nothing: refused unless with --dry-run (which writes no rejects file either)')
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
				if (!options.dryRun) refuseIfReadonly(options, 'crm import saves what it reads (--dry-run only shows it)');
				const dataFile = await dataFileFrom(options.data);
				const operator = await operatorFor(dataFile, options.operator);
				await importCommand(entity, file, {...options, dataFile, operator, readonly: options.readonly === true});
			}),
	);

program
	.command('export')
	.description('print the records of one entity as CSV (every field) or JSON; import reads the CSV back')
	.argument('<entity>', exportedEntities.join(', '))
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option('--format <format>', 'csv or json', 'csv')
	.option(
		'--filter <text>',
		'only records where every word appears in some field (field:value: in that field; customers also value:at-risk, rfm:555, as of now), as / in the console',
	)
	.option('--audience <campaign>', 'with customers: only those in the audience of this campaign (its name or id)')
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
	.description('who may do what: list the roles, or (as an admin) set or remove one')
	.argument('[action]', 'set or remove')
	.argument('[operator]', 'the operator (their OS user name)')
	.argument('[role]', `with set: ${roles.join(', ')}`)
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option('--operator <name>', 'who makes the change (default: your OS user name)')
	.option('--readonly', 'change nothing (set and remove are refused)')
	.action(
		async (
			action: string | undefined,
			operator: string | undefined,
			role: string | undefined,
			options: {data?: string; operator?: string; readonly?: boolean},
		) =>
			reportKnownErrors(async () => {
				if (action !== undefined) refuseIfReadonly(options, 'crm access set and remove change the roles');
				const file = await dataFileFrom(options.data);
				say(await runAccess(file, {action, operator, role, as: await operatorFor(file, options.operator)}));
			}),
	);

settingsCommand(program, {dataFileFrom, refuseIfReadonly});

program
	.command('doctor')
	.description(
		'check a data file (JSON, schema, records, ids, references, audit chain, backups) without changing it; --restore brings back a backup',
	)
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option('--restore [backup]', 'list the backups, or (as an admin) restore one by number (1 is the newest) or name')
	.option('--operator <name>', 'who restores (default: your OS user name)')
	.option('--readonly', 'change nothing (a restore is refused; listing the backups is fine)')
	.action(async (options: {data?: string; restore?: string | true; operator?: string; readonly?: boolean}) =>
		reportKnownErrors(async () => {
			const file = await dataFileFrom(options.data);
			if (options.restore !== undefined) {
				if (options.restore !== true) refuseIfReadonly(options, 'crm doctor --restore replaces the data file');
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
	.description(
		'fold the journal of recent saves into the data file now (a rewrite, after a backup): for cron, or before copying the file elsewhere',
	)
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option('--operator <name>', 'who folds (default: your OS user name)')
	.option('--readonly', 'write nothing (refuses)')
	.action(async (options: {data?: string; operator?: string; readonly?: boolean}) =>
		reportKnownErrors(async () => {
			refuseIfReadonly(options, 'crm fold rewrites the data file');
			const file = await dataFileFrom(options.data);
			const store = await CrmStore.open(file);
			if (!store.existed) throw new DataFileError(file, 'it does not exist', 'Check the path given with --data.');
			// Folding changes no record, but rewrites the file: anyone who may change records may fold; a viewer may not write at all.
			const operator = actingOperator(options.operator, store);
			if (store.roleOf(operator) === 'viewer')
				fail(`${operator} (viewer) may not fold the journal: a viewer writes nothing.`, exitCodes.refused);
			const {lines, bytes} = await store.fold();
			say(
				lines === 0
					? `${file} holds every save already: there is no journal to fold.\n`
					: `Folded ${lines.toLocaleString('en-US')} journaled save${lines === 1 ? '' : 's'} (${bytes.toLocaleString('en-US')} bytes) into ${file}; the journal is removed.\n`,
			);
		}),
	);

program
	.command('audit')
	.description('the tamper-evident change log')
	.command('verify')
	.description(
		'check that no change-log entry was edited, removed, added or moved since it was written, and that every record is as the log left it',
	)
	.option('--data <path>', 'data file (default: $CRM_DATA, else the default data file)')
	.option(
		'--head <COUNT:HASH>',
		'a head printed by an earlier verify and kept elsewhere: also check that the log still continues it',
	)
	.action(async (options: {data?: string; head?: string}) =>
		reportKnownErrors(async () => {
			const {text, intact} = await runAuditVerify(await dataFileFrom(options.data), {head: options.head});
			say(text);
			if (!intact) process.exitCode = 1;
		}),
	);

program
	.command('keys')
	.description('list every key of the console')
	.option('--markdown', 'as the Markdown table the README shows')
	.action((options: {markdown?: boolean}) => {
		process.stdout.write(`${options.markdown ? keymapMarkdown() : keymapText()}\n`);
	});

// `crm keys | head`, `crm export … | less` quit early: a reader that is gone is not an error (as with any Unix tool).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

try {
	await program.parseAsync(process.argv);
} catch (error) {
	// Commander has said what was wrong already; --help and --version end with 0.
	if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : exitCodes.usage);
	throw error;
}
