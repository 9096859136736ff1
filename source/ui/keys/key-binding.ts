import type {RecordAction} from '../../domain/access.js';
import type {StoredEntity} from '../../domain/dataset.js';
import type {ScreenName} from '../state/app-types.js';
import type {Layer} from '../state/top-layer.js';

/** Where a key works: a layer of the console (what is on top), or everywhere a pane or the help is. */
export type Scope = Layer | 'global';

export type Needs = {action: RecordAction | 'settings' | 'export'; entity?: StoredEntity};

/** One line of the keymap: a named command, its keys in one scope, and what people read about it. */
export type KeyBinding = {
	id: `${string}.${string}`;
	scope: Scope;
	/** Key ids as produced by `parseKeys`; `A-Z` stands for any capital letter named by a column. */
	keys: readonly string[];
	description: string;
	/** A one- or two-word label for the status line; commands without one appear only in `?`. */
	hint?: string;
	/** Only on these screens (stage keys on opportunities, reply on tickets); otherwise on every screen. */
	screens?: readonly ScreenName[];
	/** The change it makes, on the screen's entity unless named: hidden from those whose role may not make it. */
	needs?: Needs;
	/** Live over every layer, modal ones and text fields too (Ctrl+C, Ctrl+L). */
	anywhere?: true;
	/** Acts the moment it arrives: it never waits for a save under way and leaves the notice as it is. */
	atOnce?: true;
};
