import {format} from 'node:util';
import {render} from 'ink';
import {escapeControls} from '../domain/control-characters.js';
import type {Dataset} from '../domain/dataset.js';
import {setLanguage, t} from '../i18n/i18n.js';
import type {Language} from '../i18n/language.js';
import type {CrmStore} from '../store/store-contract.js';
import {ConsoleRoot} from './console-root.js';
import {MetricsRecorder} from './metrics-recorder.js';
import {ratesNotice} from './rates-notice.js';
import {ScreenWriter} from './screen-writer.js';
import type {AppState} from './state/app-types.js';
import type {ConsoleImporter} from './state/import-wizard.js';
import {viewsOfFile} from './state/saved-views.js';
import {chooseTheme} from './theme/theme.js';

// The alternate screen, and bracketed paste: a paste arrives marked as one, so its line breaks are text, not Enter.
const enterAlternateScreen = '\u001B[?1049h\u001B[H\u001B[?2004h';
const leaveAlternateScreen = '\u001B[?2004l\u001B[?25h\u001B[?1049l';

const consoleMethods = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Holds what anything prints with console.* while the screen is up (it would land in the middle of
 * the frame) and prints it once the terminal is handed back. Returns the function that does that.
 */
const holdConsole = (): (() => void) => {
	const held: string[] = [];
	const originals = consoleMethods.map((name) => [name, console[name]] as const);
	for (const name of consoleMethods) console[name] = (...args: unknown[]) => void held.push(format(...args));
	return () => {
		for (const [name, original] of originals) console[name] = original;
		// Whatever it quotes (a record's name in a warning) must not command the terminal either.
		for (const line of held) process.stderr.write(`${escapeControls(line)}\n`);
	};
};

type Options = {
	dataset: Dataset;
	store: CrmStore;
	importer: ConsoleImporter;
	operator: string;
	source: string;
	notice: string | null;
	mask: boolean;
	/** The language chosen (`--lang`, `CRM_LANG`, the settings', the locale's); `:lang` switches it. */
	language?: Language;
	/** Called once the first frame is drawn (the launcher keeps its code cache then: source/cli/code-cache.ts). */
	onFirstFrame?: () => void;
};

/** The operator's saved views before the first frame: a `:view` typed at once finds them, a default view opens at once. */
const savedViews = async (
	store: CrmStore,
	operator: string,
): Promise<{views?: AppState['views']; viewsNotice: string | null}> => {
	try {
		return {views: viewsOfFile(await store.operatorFile(operator)), viewsNotice: null};
	} catch (error) {
		return {viewsNotice: t('state.viewsNotRead', {why: (error as Error).message})};
	}
};

/**
 * An SSH drop (SIGHUP) or a kill (SIGTERM): a save under way finishes (it is durable or it never
 * happened: the file is replaced whole, or not at all), then the terminal is handed back and the lock released.
 * The store is closed, not only settled: a database's rows still read behind the first ones are read no more.
 */
const signalHandler =
	(store: CrmStore, recorder: MetricsRecorder, handBack: () => void) =>
	(signal: NodeJS.Signals): void => {
		const finish = () => {
			handBack();
			// Handled, so a clean exit (KPI.md crash_free_sessions): said in the log before the process ends.
			const exit = () => process.exit(128 + (signal === 'SIGHUP' ? 1 : 15));
			void Promise.race([recorder.sessionEnded(), new Promise((resolve) => setTimeout(resolve, 1000))]).then(
				exit,
				exit,
			);
		};
		void Promise.race([store.close(), new Promise((resolve) => setTimeout(resolve, 5000))]).then(finish, finish);
	};

/**
 * Runs the console full-screen until the operator quits. The alternate screen keeps the shell's
 * scrollback as it was: quitting leaves the terminal exactly as it was before.
 */
export async function runConsole({
	dataset,
	store,
	importer,
	operator,
	source,
	notice,
	mask,
	language = 'en',
	onFirstFrame,
}: Options): Promise<void> {
	// The notices made before the first frame (the saved views', the rates') are in the language chosen too.
	setLanguage(language);
	const stdout = process.stdout;
	const fullScreen = stdout.isTTY === true;
	const theme = chooseTheme(process.env, fullScreen);
	// Full-screen, frames go through our own writer: only changed lines, each at its own row.
	const screen = fullScreen ? new ScreenWriter(stdout) : undefined;
	const releaseConsole = screen ? holdConsole() : () => undefined;
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		screen?.end();
		screen?.dispose();
		if (fullScreen) stdout.write(leaveAlternateScreen);
		releaseConsole();
	};
	if (fullScreen) stdout.write(enterAlternateScreen);
	screen?.begin();
	const recorder = new MetricsRecorder(source);
	// The session's start is written once the earlier log is read (so it is not read back twice).
	void recorder.start().then(() => recorder.sessionStarted());
	const {views, viewsNotice} = await savedViews(store, operator);
	let loaded = false;
	// The data read behind the first rows (a large file's, a database's) could not be read whole: the console ends saying why, as a start would have.
	let readFailed = (_error: Error): void => undefined;
	const instance = render(
		<ConsoleRoot
			theme={theme}
			dataset={dataset}
			store={store}
			importer={importer}
			mask={mask}
			operator={operator}
			source={source}
			notice={notice ?? viewsNotice ?? ratesNotice(store.settings, dataset)}
			recorder={recorder}
			views={views}
			language={language}
			onRedraw={() => screen?.redraw()}
		/>,
		{
			exitOnCtrlC: false,
			// Ink's debug mode hands each whole frame to the writer, unthrottled, and leaves the cursor and console to us.
			...(screen
				? {stdout: screen as unknown as NodeJS.WriteStream, debug: true, patchConsole: false}
				: {patchConsole: true}),
			// KPI.md performance: each frame's render time; the first frame ends the load time (from process start).
			onRender: ({renderTime}) => {
				recorder.record('render', renderTime);
				if (!loaded) {
					loaded = true;
					recorder.record('load', performance.now());
					onFirstFrame?.();
					// The rows behind the first ones (a database's) are read once this frame is out.
					store.readRest?.();
					store.whenLoaded?.().catch((error: unknown) => readFailed(error as Error));
				}
			},
		},
	);
	readFailed = (error) => {
		instance.unmount(error);
	};
	const onSignal = signalHandler(store, recorder, () => {
		instance.unmount();
		restore();
	});
	process.once('SIGHUP', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		await instance.waitUntilExit();
	} finally {
		process.off('SIGHUP', onSignal);
		process.off('SIGTERM', onSignal);
		restore();
		// Quit while the data is still read behind the first rows: the reading stops at its next part (a save under way finishes).
		await Promise.all([recorder.sessionEnded(), store.close()]);
	}
}
