const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Ctrl+C, a kill or a closed terminal while a command reads and checks: the returned signal is
 * aborted (its reason is the signal's name) and the work stops at its next step, having saved
 * nothing. Once `saving()` is called the work is a save, which is all or nothing: the signal then
 * only says so (`onWhileSaving`), and the save finishes.
 */
export const stopOnSignals = (onWhileSaving: (signal: NodeJS.Signals) => void) => {
	const controller = new AbortController();
	let saving = false;
	const onSignal = (signal: NodeJS.Signals) => {
		if (saving) onWhileSaving(signal);
		else controller.abort(signal);
	};
	for (const signal of signals) process.on(signal, onSignal);
	return {
		signal: controller.signal,
		saving: () => {
			saving = true;
		},
		dispose: () => {
			for (const signal of signals) process.off(signal, onSignal);
		},
	};
};
