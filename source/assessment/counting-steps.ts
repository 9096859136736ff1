/**
 * The assessment of large data counted in steps, with the keys read between them. Counted whole, the
 * KPIs of 800,000 records take two seconds, and a key pressed meanwhile waited for all of it.
 *
 * What takes the time is made of pieces, each kept once counted: the tables, sets and counts carried
 * per list (`carriedPerList`, day-table.ts; a long list's a slice at a time), the values kept per list
 * (`memoOf`), the customers' churn rules (a slice at a time). A count given a budget (`countWithin`)
 * stops at the start of a piece once its time is up, by throwing `CountingGoesOn`: the pieces counted
 * are kept, and the same count made again (the next step) finds them and goes on with the next.
 * Nothing is stopped halfway: a piece, and whatever it reads of other pieces, is counted whole; and a
 * step counts at least one piece, so every step moves the count on.
 *
 * So the code between two pieces must not have changed anything it does not keep whole where the
 * count may stop (the count is made again from its start), nor let go of what it kept before a place
 * where it may stop (the next step would count it again, and stop there again).
 *
 * A count not given a budget (a report, a screen drawing what is counted) is never stopped.
 */

/** How long a step of the console's count may go on before it gives way to the keys (ms): a piece it started is counted whole. */
export const stepBudgetMs = 20;

/** Records counted in one slice of a long list's piece (some 5–25 ms of the KPIs' folds); tests lower it to slice small data. */
export const slices = {size: 16_384};

/** Thrown where a count given a budget stops: caught by `countWithin`, never seen by the code it passes through. */
export class CountingGoesOn extends Error {
	override readonly name = 'CountingGoesOn'; // i18n-exempt: the error's class name

	constructor() {
		super('The count goes on in the next step.'); // i18n-exempt: never shown, caught by countWithin
	}
}

/** When the step under way is to stop (none outside `countWithin`). */
let deadline = Number.POSITIVE_INFINITY;
/** How many pieces are being counted, one inside another: only the outermost may stop. */
let depth = 0;
/** Whether this step has counted a piece (it stops only then). */
let counted = false;

/** A step of a count: its value once it is counted whole, or `done: false` when it stopped and goes on in the next step. */
export type Step<T> = {done: true; value: T} | {done: false};

/** Counts with `budgetMs` to spend; a count that stops (`done: false`) is made again to go on. */
export const countWithin = <T>(budgetMs: number, count: () => T): Step<T> => {
	const outer = {deadline, counted};
	deadline = performance.now() + budgetMs;
	counted = false;
	try {
		return {done: true, value: count()};
	} catch (error) {
		if (error instanceof CountingGoesOn) return {done: false};
		throw error;
	} finally {
		deadline = outer.deadline;
		counted = outer.counted;
	}
};

/** Before a piece is counted: stops the step when its time is up (once it has counted a piece, and not inside another). */
export const beforePiece = (): void => {
	if (depth === 0 && counted && performance.now() >= deadline) throw new CountingGoesOn();
};

/**
 * Counts a piece whole: whatever it reads of other pieces is counted whole too, never stopped. A piece whose count
 * says nothing was kept (`kept` false: an update that could not be made) does not count as the step's piece, so the
 * step goes on to what is then counted instead; otherwise a step could stop there each time and never move on.
 */
export const piece = <T>(count: () => T, kept: (value: T) => boolean = () => true): T => {
	depth++;
	let value: T | undefined;
	let done = false;
	try {
		value = count();
		done = true;
		return value;
	} finally {
		depth--;
		if (depth === 0 && (!done || kept(value as T))) counted = true;
	}
};
