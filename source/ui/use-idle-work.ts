import {useEffect} from 'react';

/**
 * Work done off the input path: after the frame is drawn, `step` runs in a timer, again and again
 * until it says it is done (true), each time leaving room for keys and frames in between. A new
 * `step` (give it with useCallback: its dependencies are what the work is about) stops what is
 * pending and starts over; null stops it.
 */
export const useIdleWork = (step: (() => boolean) | null, delayMs = 0): void => {
	useEffect(() => {
		if (!step) return;
		let timer: NodeJS.Timeout | undefined;
		const run = () => {
			if (!step()) timer = setTimeout(run, 0);
		};
		timer = setTimeout(run, delayMs);
		return () => clearTimeout(timer);
	}, [step, delayMs]);
};
