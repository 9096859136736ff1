import {applyMutations, type MutationsInput, type MutationsOutcome, MutationsRun} from '../domain/apply-mutations.js';

/**
 * How many records a bulk change checks between two turns of the event loop. Each cost about 40 µs
 * (the schema twice, the rules, the diff) in the bench's bulk task on a quiet machine, and its seal's
 * digests add a little, so a slice keeps a key or a frame waiting some 10 to 15 ms, about a frame,
 * and 10,000 records are 40 slices.
 */
export const bulkSlice = 250;

/** Told how many mutations of a change are done, of how many. */
export type Progress = (done: number, total: number) => void;

/** How a change is applied a slice at a time: who is told the progress, and whether its records stand each on their own. */
export type Sliced = {onProgress?: Progress | undefined; eachOnItsOwn: boolean};

/**
 * Applies a change a slice at a time, giving the event loop a turn between slices (a console's
 * keys, frames and progress bar go on) and telling `onProgress` how many mutations are done of how
 * many, after each slice and once at the end; resolves to the change's outcome.
 */
export const runInSlices = async (
	run: MutationsRun,
	onProgress?: Progress,
	slice = bulkSlice,
): Promise<MutationsOutcome> => {
	while (run.step(slice)) {
		onProgress?.(run.done, run.total);
		await new Promise((resolve) => setImmediate(resolve));
	}
	onProgress?.(run.done, run.total);
	return run.outcome();
};

/**
 * The outcome of a change: at once, or (`sliced`) a slice at a time — a bulk change, its records each
 * on their own (`eachOnItsOwn`), or the undo of one, whole or not at all. Its records' digests are
 * worked out in the slices too, so the one save that follows seals them without hashing them all in
 * one piece. Under the file lock nothing else of this process saves between the slices, so the data
 * the change started from is still the data in memory at the end.
 */
export const changeOutcome = async (input: MutationsInput, sliced?: Sliced): Promise<MutationsOutcome> =>
	sliced
		? runInSlices(
				new MutationsRun({...input, eachOnItsOwn: sliced.eachOnItsOwn, digestsAhead: true}),
				sliced.onProgress,
			)
		: applyMutations(input);
