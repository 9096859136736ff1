import {spawn} from 'node:child_process';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {Command, CommanderError} from 'commander';
import {language} from './cli/arguments.js';
import {firstFrameDrawn} from './cli/code-cache.js';
import {speakSettingsLanguage, speakTypedLanguage} from './cli/command-language.js';
import {commandIn} from './cli/command-word.js';
import {dataFileFrom} from './cli/data-file-flag.js';
import {helpInWords} from './cli/help-words.js';
import {findKeysFor, foldArguments, stopAskingForKeys} from './cli/key-option.js';
import {lazyImporter} from './cli/lazy-importer.js';
import {openConsoleStore} from './cli/open-store.js';
import {actingOperator, osUser} from './cli/operator.js';
import {carryOptionsBeforeCommand, optionsBeforeCommandHelp} from './cli/options-before-command.js';
import {fail, reportKnownErrors} from './cli/words.js';
import {holdYoungGeneration} from './cli/young-generation.js';
import {exitCodes, exitCodesHelp} from './commands/exit-codes.js';
import {currentLanguage, setLanguage, t} from './i18n/i18n.js';
import {chooseLanguage, type Language} from './i18n/language.js';
import {defaultDataPath} from './store/data-path.js';
import {isDatabaseUrl, shownUrl} from './store/database-url.js';
import {CrmStore} from './store/store.js';

declare const CRM_VERSION: string | undefined;
const version = typeof CRM_VERSION === 'string' ? CRM_VERSION : '0.0.0-dev';

/**
 * The demo's working copy lives in an ignored folder of the checkout, so operators' edits never
 * touch tracked files; an installed copy that may not write there keeps it in the data folder. In
 * Chinese the demo is the same records in Chinese words, in a file of its own.
 */
const seedDemoIfMissing = async (file: string, language: Language): Promise<string> => {
	const {ensureDemoData} = await import('./commands/seed.js');
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
	// Until the first frame, the young generation keeps its first size (see young-generation.ts).
	const letGrow = holdYoungGeneration(process.execArgv, process.env['NODE_OPTIONS']);
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
	const importer = lazyImporter({
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
		// The young generation grows again; then the launcher keeps what this start compiled, for the next (its cache
		// made under the flags it was compiled with).
		onFirstFrame: () => {
			letGrow();
			firstFrameDrawn();
		},
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

// `crm keys | head`, `crm export … | less` quit early: a reader that is gone is not an error (as with any Unix tool).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code === 'EPIPE') process.exit(0);
	throw error;
});

// No top-level await: the bundle is CommonJS, for its code cache (scripts/build.mjs). What fails here
// fails as an unhandled rejection, which ends the process with its error.
const run = async (): Promise<void> => {
	// The commands, only when the arguments name one (or ask for help): the console's start builds none of them.
	if (commandIn(program, process.argv))
		await (await import('./cli/subcommands.js')).defineSubcommands(program, process.argv);
	try {
		await program.parseAsync(process.argv);
	} catch (error) {
		// Commander has said what was wrong already; --help and --version end with 0.
		if (error instanceof CommanderError) process.exit(error.exitCode === 0 ? 0 : exitCodes.usage);
		throw error;
	}
};
void run();
