import {render} from 'ink';
import type {ConsoleStore} from './app.js';
import type {ConsoleImporter} from './state/import-wizard.js';
import {ConsoleRoot} from './console-root.js';
import {MetricsRecorder} from './metrics-recorder.js';
import type {Dataset} from '../domain/dataset.js';
import {chooseTheme} from './theme/theme.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?1049l';

type Options = {dataset: Dataset; store: ConsoleStore; importer: ConsoleImporter; operator: string; source: string; notice: string | null; mask: boolean};

/**
 * Runs the console full-screen until the operator quits. The alternate screen keeps the shell's
 * scrollback as it was: quitting leaves the terminal exactly as it was before.
 */
export async function runConsole({dataset, store, importer, operator, source, notice, mask}: Options): Promise<void> {
	const stdout = process.stdout;
	const fullScreen = stdout.isTTY === true;
	const theme = chooseTheme(process.env, fullScreen);
	let restored = false;
	const restore = () => {
		if (restored) return;
		restored = true;
		if (fullScreen) stdout.write(leaveAlternateScreen);
	};
	if (fullScreen) stdout.write(enterAlternateScreen);
	const recorder = new MetricsRecorder(source);
	void recorder.start();
	let loaded = false;
	const instance = render(<ConsoleRoot theme={theme} dataset={dataset} store={store} importer={importer} mask={mask} operator={operator} source={source} notice={notice} recorder={recorder} />, {
		exitOnCtrlC: false,
		patchConsole: true,
		incrementalRendering: false,
		// KPI.md performance: each frame's render time; the first frame ends the load time (from process start).
		onRender: ({renderTime}) => {
			recorder.record('render', renderTime);
			if (!loaded) {
				loaded = true;
				recorder.record('load', performance.now());
			}
		},
	});
	// An SSH drop (SIGHUP) or a kill (SIGTERM): a save under way finishes (it is durable or it never
	// happened: the file is replaced whole, or not at all), then the terminal is handed back and the lock released.
	const onSignal = (signal: NodeJS.Signals) => {
		const finish = () => {
			instance.unmount();
			restore();
			process.exit(128 + (signal === 'SIGHUP' ? 1 : 15));
		};
		void Promise.race([store.settle(), new Promise((resolve) => setTimeout(resolve, 5000))]).then(finish, finish);
	};
	process.once('SIGHUP', onSignal);
	process.once('SIGTERM', onSignal);
	try {
		await instance.waitUntilExit();
	} finally {
		process.off('SIGHUP', onSignal);
		process.off('SIGTERM', onSignal);
		restore();
		await recorder.stop();
	}
}
