import {useCallback, useReducer, useRef} from 'react';
import {screenFor} from './screens/screen-registry.js';
import type {AppState} from './state/app-types.js';
import {assessmentReady, prepareAssessmentStep} from './state/assessment.js';
import {sortShown, viewContext} from './state/selection.js';
import {paneLayer} from './state/top-layer.js';
import {filterScanned, prepareFilter} from './state/visible-rows.js';
import {useIdleWork} from './use-idle-work.js';

/** How often a filter's progress is drawn while it scans (ms). */
const progressMs = 250;
let drawnAt = 0;
const drawDue = (): boolean => {
	const due = performance.now() - drawnAt >= progressMs;
	if (due) drawnAt = performance.now();
	return due;
};

/** How many frames are drawn again, unchanged, after the first (a large list's). */
const warmFrames = 8;
/** From how many rows of the list shown: below, a frame is quick, cold or not. */
const warmFromRows = 20_000;

/**
 * The first frames after the first of a large list took three times as long as later ones (every
 * stage of React, Ink and the layout run cold, not yet compiled): the first cursor moves were the
 * slow ones. The frame is drawn again unchanged (nothing is written: the screen writer sends only
 * lines that differ) a few times in idle steps first, one frame a step, each giving way to a key.
 */
const useWarmFrames = (large: boolean, draw: () => void): void => {
	const drawn = useRef(0);
	const warm = useCallback(() => {
		drawn.current++;
		draw();
		return drawn.current >= warmFrames;
	}, [draw]);
	useIdleWork(large && drawn.current < warmFrames ? warm : null);
};

/**
 * What is counted while the operator is idle, off the path of keys. Large data: the assessment is
 * counted after the frame that shows the screen, in steps with the keys read between them, not while
 * keys wait for it (returns whether it still is being counted). And the shown list's search texts are made a slice at a time: the
 * first filter key then only scans.
 */
export const useIdlePreparation = (state: AppState): boolean => {
	const [, counted] = useReducer((count: number) => count + 1, 0);
	const counting = paneLayer(state) === 'assessment' && !assessmentReady(state);
	const count = useCallback(() => {
		if (!prepareAssessmentStep(state)) return false;
		counted();
		return true;
	}, [state]);
	useIdleWork(counting ? count : null);

	const listShown = state.mode === 'list' || state.mode === 'filter' ? state.screen : null;
	const listSort = listShown ? sortShown(state, listShown) : null;
	const {dataset, now, mask, settings, operator} = state;
	// The filter typed, read by the steps as it is when they run: a key does not start them over (typed
	// faster than 50 ms apart, no step would run), but a key that leaves a scan under way starts them
	// where they had ended.
	const filter = useRef('');
	filter.current = listShown ? state.lists[listShown].filter : '';
	const scanning =
		listShown !== null &&
		listSort !== null &&
		filterScanned(listShown, filter.current, listSort, viewContext(state)) !== null;
	// The same context the list draws with (its settings too): what is prepared is what it reads.
	const prepareList = useCallback(() => {
		if (!listShown || !listSort) return true;
		const context = viewContext({dataset, now, mask, settings, operator});
		const screen = screenFor(listShown);
		const typed = filter.current;
		// A frame drew cells it had not counted (`…`, large data): once the step has counted them, drawn again.
		const waiting = screen.drawsLater?.(context) === true;
		// A filter typed faster than its scan: drawn again once every row is decided, and as it goes.
		const under = scanning && filterScanned(listShown, typed, listSort, context) !== null;
		const done = prepareFilter(listShown, listSort, context, undefined, typed);
		if (waiting && screen.drawsLater?.(context) !== true) counted();
		else if (under && (filterScanned(listShown, typed, listSort, context) === null || drawDue())) counted();
		return done;
	}, [listShown, listSort, scanning, dataset, now, mask, settings, operator]);
	// While the data is read, what would be prepared is made again with each list read: it waits until all is.
	useIdleWork(listShown !== null && listSort !== null && state.loading === null ? prepareList : null, 50);
	useWarmFrames(listShown !== null && screenFor(listShown).rows(viewContext(state)).length > warmFromRows, counted);
	return counting;
};
