import {useStdin} from 'ink';
import {useEffect, useRef} from 'react';

type InkInput = {
	on: (event: 'input', listener: (input: string) => void) => void;
	removeListener: (event: 'input', listener: (input: string) => void) => void;
};

/**
 * Runs `step` again and again, off the input path, until it says it is done (true); returns what
 * stops it. The first step waits `delayMs` (a timer, after the frame that asked for the work); the
 * ones after follow with setImmediate, which lets the keys read meanwhile in first but not the
 * millisecond or so a timer of 0 waits. A step must be short (a few ms): a key read while one runs
 * waits for its end. A key read between two steps (`inputs` counted on) is not kept waiting at all:
 * the next turn is given up to its frame, which React renders in an immediate queued after ours.
 */
export const runIdleSteps = (step: () => boolean, delayMs: number, inputs: () => number): (() => void) => {
	let immediate: NodeJS.Immediate | undefined;
	let seen = inputs();
	const run = () => {
		const read = inputs();
		if (read !== seen) {
			seen = read;
			immediate = setImmediate(run);
		} else if (!step()) immediate = setImmediate(run);
	};
	const timer = setTimeout(run, delayMs);
	return () => {
		clearTimeout(timer);
		clearImmediate(immediate);
	};
};

/**
 * Work done off the input path (`runIdleSteps`), after the frame is drawn. A new `step` (give it
 * with useCallback: its dependencies are what the work is about) stops what is pending and starts
 * over; null stops it. The keys it gives way to are those Ink reads (its input events).
 */
export const useIdleWork = (step: (() => boolean) | null, delayMs = 0): void => {
	const {internal_eventEmitter: input} = useStdin() as ReturnType<typeof useStdin> & {
		internal_eventEmitter?: InkInput;
	};
	const inputs = useRef(0);
	useEffect(() => {
		if (!input) return;
		const count = () => {
			inputs.current++;
		};
		input.on('input', count);
		return () => input.removeListener('input', count);
	}, [input]);
	useEffect(() => {
		if (!step) return;
		return runIdleSteps(step, delayMs, () => inputs.current);
	}, [step, delayMs]);
};
