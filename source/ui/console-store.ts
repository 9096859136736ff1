import type {Role} from '../domain/access.js';
import type {Dataset} from '../domain/dataset.js';
import type {Mutation} from '../domain/mutation.js';
import type {Settings} from '../domain/settings.js';
import type {SettingsPatch} from '../store/settings-file.js';
import type {StoreResult} from './state/app-types.js';

/** What the console needs of the store: apply changes and undo, each resolving once durable. */
export type ConsoleStore = {
	settings: Settings;
	/** The data as it stands (a settings change adds its change-log entry to it). */
	readonly data: Dataset;
	/** Writes an export of a list beside the data file (or at `path`); resolves to where it went. An existing file is replaced only with `replace` (ExportExistsError asks). */
	writeExport: (
		name: string,
		text: string,
		path: string | undefined,
		operator: string,
		replace?: boolean,
	) => Promise<string>;
	/** Changes a target or a checklist mark in the operator's settings file. */
	updateSettings: (patch: SettingsPatch, operator: string) => Promise<Settings>;
	/** Started with --readonly: every change is refused (the keys for changes are hidden). */
	readonly: boolean;
	roleOf: (operator: string) => Role;
	/** Resolves once no save is under way: a signal waits for it before the console ends. */
	settle: () => Promise<void>;
	/** Reports the newest data when another process saves the file; returns a function that stops it. */
	watch: (onChange: (data: Dataset) => void) => () => void;
	apply: (mutations: readonly Mutation[], operator: string) => Promise<StoreResult>;
	undo: (operator: string) => Promise<StoreResult>;
};
