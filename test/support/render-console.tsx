import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
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

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

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
}: Options) => {
	const folder = mkdtempSync(join(tmpdir(), 'crm-component-'));
	const file = join(folder, 'crm.json');
	await CrmStore.create(file, dataset);
	if (config) writeFileSync(join(folder, 'crm.config.json'), JSON.stringify(config));
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

	/** Waits until `predicate` holds for the frame; fails with the frame when it never does. */
	const waitFor = async (predicate: (frame: string) => boolean, what = 'the expected frame'): Promise<string> => {
		// A deadline for a frame that never comes, not a speed limit: CI runs these beside the stress test's eight writers.
		const deadline = Date.now() + 10_000;
		while (Date.now() < deadline) {
			if (predicate(frame())) return frame();
			await sleep(5);
		}
		throw new Error(`Timed out waiting for ${what}. Last frame:\n${frame()}`);
	};

	/** Sends input (one chunk, however many keys) and waits for the frame to change. */
	const press = async (input: string): Promise<string> => {
		const before = raw();
		instance.stdin.write(input);
		return waitFor(() => raw() !== before, `a change after ${JSON.stringify(input)}`);
	};

	/** Sends input that may not change the frame, and lets Ink settle (a lone Esc is delivered a tick later). */
	const type = async (input: string): Promise<string> => {
		instance.stdin.write(input);
		await sleep(30);
		return frame();
	};

	return {instance, store, file, folder, frame, raw, waitFor, press, type, lines: () => frame().split('\n')};
};
