import {EventEmitter} from 'node:events';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {stripVTControlCharacters} from 'node:util';
import {render} from 'ink-testing-library';
import {createConsoleImporter} from '../../source/commands/import/console-importer.js';
import type {Dataset} from '../../source/domain/dataset.js';
import {CrmStore} from '../../source/store/store.js';
import {ConsoleRoot} from '../../source/ui/console-root.js';
import {monoTheme, type Theme} from '../../source/ui/theme/theme.js';
import {fixedNow} from './fixtures.js';
import {tempFolder} from './temp-folder.js';

/** Named keys as a terminal sends them. */
export const keys = {
	enter: '\r',
	escape: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	down: '\u001B[B',
	up: '\u001B[A',
	right: '\u001B[C',
	left: '\u001B[D',
	pageDown: '\u001B[6~',
	pageUp: '\u001B[5~',
	home: '\u001B[H',
	end: '\u001B[F',
	backspace: '\u007F',
	ctrlD: '\u0004',
	ctrlU: '\u0015',
	ctrlC: '\u0003',
} as const;

/** One turn of the event loop: Ink hands input on, and React commits, in turns like this. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

type Options = {
	dataset: Dataset;
	width: number;
	height: number;
	theme?: Theme;
	notice?: string;
	operator?: string;
	/** Where the import screen looks for CSV files (default: the temporary folder). */
	cwd?: string;
	/** The settings file beside the data (roles, targets). */
	config?: object;
	readonly?: boolean;
	mask?: boolean;
	/** Runs once the data file is written, before the store opens it: files an operator left beside it. */
	before?: (file: string) => Promise<void>;
};

/**
 * Renders the whole console at a fixed size over a real store on a temporary file, with helpers
 * that type and wait for the frame to change.
 */
export const renderConsole = async ({
	dataset,
	width,
	height,
	theme = monoTheme,
	notice,
	operator = 'tester',
	cwd,
	config,
	readonly,
	mask,
	before,
}: Options) => {
	const folder = tempFolder('component');
	const file = join(folder, 'crm.json');
	await CrmStore.create(file, dataset);
	if (config) writeFileSync(join(folder, 'crm.config.json'), JSON.stringify(config));
	await before?.(file);
	const store = await CrmStore.open(file, () => fixedNow, {readonly});
	const importer = createConsoleImporter({
		dataFile: file,
		mappingFolders: [fileURLToPath(new URL('../../data/mappings', import.meta.url))],
		cwd: cwd ?? folder,
	});
	const instance = render(
		<ConsoleRoot
			theme={theme}
			dataset={store.data}
			store={store}
			importer={importer}
			mask={mask}
			operator={operator}
			source="test.json"
			size={{columns: width, rows: height}}
			now={fixedNow}
			notice={notice}
		/>,
	);
	const raw = () => instance.lastFrame() ?? '';
	const frame = () => stripVTControlCharacters(raw());

	// Every frame Ink writes is announced, so a wait wakes on the frame it waits for instead of polling.
	const frames = new EventEmitter();
	const write = instance.stdout.write;
	instance.stdout.write = (written: string) => {
		write(written);
		frames.emit('frame');
	};
	const nextFrame = (within: number) =>
		new Promise<void>((resolve) => {
			const timer = setTimeout(done, within);
			function done() {
				clearTimeout(timer);
				frames.off('frame', done);
				resolve();
			}
			frames.once('frame', done);
		});

	/** Waits until `predicate` holds for the frame, checking each new frame; fails with the frame when it never does. */
	const waitFor = async (predicate: (frame: string) => boolean, what = 'the expected frame'): Promise<string> => {
		// A deadline for a frame that never comes, not a speed limit: CI runs these beside the stress test's eight writers.
		const deadline = Date.now() + 10_000;
		while (!predicate(frame())) {
			const left = deadline - Date.now();
			if (left <= 0) throw new Error(`Timed out waiting for ${what}. Last frame:\n${frame()}`);
			await nextFrame(left);
		}
		return frame();
	};

	/** Sends input (one chunk, however many keys) and waits for the frame to change. */
	const press = async (input: string): Promise<string> => {
		const before = raw();
		instance.stdin.write(input);
		return waitFor(() => raw() !== before, `a change after ${JSON.stringify(input)}`);
	};

	/**
	 * Waits until the console is idle: no new frame over several turns of the event loop (Ink hands a
	 * lone Esc on a turn later, React commits a turn after that). Not a sleep: it ends as soon as it is quiet.
	 */
	const settle = async (): Promise<void> => {
		const deadline = Date.now() + 10_000;
		let seen = instance.frames.length;
		for (let quiet = 0; quiet < 8 && Date.now() < deadline; ) {
			await nextTurn();
			if (instance.frames.length === seen) quiet++;
			else {
				seen = instance.frames.length;
				quiet = 0;
			}
		}
	};

	/** Sends input that may not change the frame, and waits for the console to settle. */
	const type = async (input: string): Promise<string> => {
		instance.stdin.write(input);
		await settle();
		return frame();
	};

	return {instance, store, file, folder, frame, raw, waitFor, press, type, settle, lines: () => frame().split('\n')};
};
