import {type DependencyList, useEffect} from 'react';

/**
 * Work done off the input path: after the frame is drawn, `step` runs in a timer, again and again
 * until it says it is done (true), each time leaving room for keys and frames in between. A change
 * of `deps` (or `active` turning false) stops what is pending and starts over.
 */
export const useIdleWork = (active: boolean, step: () => boolean, deps: DependencyList, delayMs = 0): void => {
	useEffect(() => {
		if (!active) return;
		let timer: NodeJS.Timeout | undefined;
		const run = () => {
			if (!step()) timer = setTimeout(run, 0);
		};
		timer = setTimeout(run, delayMs);
		return () => clearTimeout(timer);
	}, [active, ...deps]);
};
