import {useEffect} from 'react';

/**
 * Work done off the input path: after the frame is drawn, `step` runs in a timer, again and again
 * until it says it is done (true), each time leaving room for keys and frames in between. A new
 * `step` (give it with useCallback: its dependencies are what the work is about) stops what is
 * pending and starts over; null stops it. The steps after the first follow each other with
 * setImmediate, which lets the keys read meanwhile in first, but not the millisecond or so a
 * timer of 0 waits: short steps (a key waits for the one under way) then take no longer in all.
 */
export const useIdleWork = (step: (() => boolean) | null, delayMs = 0): void => {
	useEffect(() => {
		if (!step) return;
		let timer: NodeJS.Timeout | undefined;
		let immediate: NodeJS.Immediate | undefined;
		const run = () => {
			if (!step()) immediate = setImmediate(run);
		};
		timer = setTimeout(run, delayMs);
		return () => {
			clearTimeout(timer);
			clearImmediate(immediate);
		};
	}, [step, delayMs]);
};
