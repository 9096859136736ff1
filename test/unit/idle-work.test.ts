import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {runIdleSteps} from '../../source/ui/use-idle-work.js';

/** runIdleSteps, turn by turn: what runs in each turn of the event loop, and what a key read meanwhile changes. */
type Turn = 'step' | 'key' | 'stop';

/**
 * Runs `steps` (how many calls until the work says it is done) with `delayMs`, then takes `turns`:
 * a 'step' runs the next timer or immediate, a 'key' counts an input read as Ink reads one, a
 * 'stop' calls what runIdleSteps gave back. The calls of the step, as the turns they came in.
 */
const run = (steps: number, turns: readonly Turn[], delayMs = 0): number[] => {
	let inputs = 0;
	let calls = 0;
	const at: number[] = [];
	let turn = 0;
	const stop = runIdleSteps(
		() => {
			calls++;
			at.push(turn);
			return calls >= steps;
		},
		delayMs,
		() => inputs,
	);
	for (const what of turns) {
		turn++;
		if (what === 'key') inputs++;
		else if (what === 'stop') stop();
		else vi.advanceTimersToNextTimer();
	}
	return at;
};

describe('idle steps', () => {
	beforeEach(() => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'setImmediate', 'clearImmediate']});
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	it.each<[string, number, Turn[], number[]]>([
		['no turn taken: nothing runs', 3, [], []],
		['no work (done at once): one call, none after', 1, ['step', 'step', 'step'], [1]],
		['one step, then done', 2, ['step', 'step', 'step'], [1, 2]],
		['steps follow each other until done', 3, ['step', 'step', 'step', 'step', 'step'], [1, 2, 3]],
		['stopped before the first: never runs', 3, ['stop', 'step', 'step'], []],
		['stopped between two steps: no more', 5, ['step', 'stop', 'step', 'step'], [1]],
		['a key before the first step: that turn is given to its frame', 3, ['key', 'step', 'step', 'step'], [3, 4]],
		['a key between steps: the next turn is given up, then on', 4, ['step', 'key', 'step', 'step', 'step'], [1, 4, 5]],
		['two keys at once: one turn given up', 4, ['step', 'key', 'key', 'step', 'step'], [1, 5]],
		['a key after the work is done: nothing', 1, ['step', 'key', 'step', 'step'], [1]],
	])('%s', (_, steps, turns, expected) => {
		expect(run(steps, turns)).toEqual(expected);
	});

	it('the first step waits for its delay; the next ones do not', () => {
		let calls = 0;
		const stop = runIdleSteps(
			() => ++calls >= 3,
			50,
			() => 0,
		);
		vi.advanceTimersByTime(49);
		expect(calls).toBe(0);
		vi.advanceTimersByTime(1);
		expect(calls).toBe(1);
		// The rest in the turns after, without waiting.
		vi.advanceTimersToNextTimer();
		vi.advanceTimersToNextTimer();
		expect(calls).toBe(3);
		stop();
	});
});
