import {useStdin} from 'ink';
import {createContext, type ReactNode, useContext, useEffect, useMemo, useRef} from 'react';
import {type Key, parseKeys, pasteEnd, pasteKey, pasteStart} from './key-parser.js';

/** Returns true when it consumed the key; lower-priority handlers then never see it. */
export type KeyHandler = (key: Key) => boolean;

type Registry = {register: (handler: KeyHandler, priority: number) => () => void};

const KeypressContext = createContext<Registry | undefined>(undefined);

type InkInput = {
	on: (event: 'input', listener: (input: string) => void) => void;
	removeListener: (event: 'input', listener: (input: string) => void) => void;
};

/**
 * The one stdin listener. It turns every input event into single keys, in order, and offers each
 * to the registered handlers by priority. The console registers one, which hands every key to the
 * reducer: there the keymap finds its command in the layer on top (`state/top-layer.ts`).
 */
export function KeypressProvider({children}: {children: ReactNode}) {
	const {setRawMode, isRawModeSupported, internal_eventEmitter} = useStdin() as ReturnType<typeof useStdin> & {
		internal_eventEmitter: InkInput;
	};
	const handlers = useRef<Array<{handler: KeyHandler; priority: number}>>([]);

	useEffect(() => {
		if (!isRawModeSupported) return;
		setRawMode(true);
		const offer = (key: Key) => {
			for (const {handler} of handlers.current) if (handler(key)) break;
		};
		// Between the terminal's paste brackets everything is the paste's text, Enter, Tab and escapes too.
		let paste: string | null = null;
		const onInput = (input: string) => {
			if (paste !== null) {
				if (input === pasteEnd) {
					offer({id: pasteKey, text: paste});
					paste = null;
				} else paste += input;
				return;
			}
			if (input === pasteStart) {
				paste = '';
				return;
			}
			for (const key of parseKeys(input)) offer(key);
		};
		internal_eventEmitter.on('input', onInput);
		return () => {
			internal_eventEmitter.removeListener('input', onInput);
			setRawMode(false);
		};
	}, [isRawModeSupported, setRawMode, internal_eventEmitter]);

	const registry = useMemo<Registry>(
		() => ({
			register(handler, priority) {
				const entry = {handler, priority};
				handlers.current = [...handlers.current, entry].sort((a, b) => b.priority - a.priority);
				return () => {
					handlers.current = handlers.current.filter((candidate) => candidate !== entry);
				};
			},
		}),
		[],
	);
	return <KeypressContext.Provider value={registry}>{children}</KeypressContext.Provider>;
}

/**
 * Registers `handler` for as long as the component is mounted; a higher `priority` hears keys first.
 * The handler should only dispatch: state read from a closure is stale when several keys arrive in
 * one chunk.
 */
export const useKeypress = (handler: KeyHandler, priority = 0): void => {
	const registry = useContext(KeypressContext);
	// i18n-exempt: a developer's mistake, never shown to an operator.
	if (!registry) throw new Error('useKeypress needs a KeypressProvider above it');
	const latest = useRef(handler);
	latest.current = handler;
	useEffect(() => registry.register((key) => latest.current(key), priority), [registry, priority]);
};
