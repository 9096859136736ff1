import {describe, expect, test} from 'vitest';
import {holdYoungGeneration} from '../../source/cli/young-generation.js';

const held = (execArgv: readonly string[], nodeOptions: string | undefined) => {
	const set: string[] = [];
	const letGrow = holdYoungGeneration(execArgv, nodeOptions, (flags) => set.push(flags));
	return {set, letGrow};
};

describe('the young generation held until the first frame', () => {
	test.each([
		['no arguments, no NODE_OPTIONS', [], undefined],
		['empty NODE_OPTIONS', [], ''],
		['other arguments', ['--max-old-space-size=16384', '-r', 'preload.cjs'], '--stack-size=2000'],
	] as const)('%s: held at once, let go to V8’s factor once', (_case, execArgv, nodeOptions) => {
		const {set, letGrow} = held(execArgv, nodeOptions);
		expect(set).toEqual(['--semi-space-growth-factor=1']);
		letGrow();
		letGrow();
		expect(set).toEqual(['--semi-space-growth-factor=1', '--semi-space-growth-factor=2']);
	});

	test.each([
		['--max-semi-space-size in the arguments', ['--max-semi-space-size=64'], undefined],
		['--min-semi-space-size in the arguments', ['--min-semi-space-size=16'], undefined],
		['the growth factor in the arguments', ['--semi-space-growth-factor=4'], undefined],
		['V8’s underscores', ['--max_semi_space_size=64'], undefined],
		['--max-semi-space-size in NODE_OPTIONS', [], '--max-old-space-size=8192 --max-semi-space-size=32'],
		['the growth factor in NODE_OPTIONS', [], '--semi_space_growth_factor=3'],
	] as const)('%s: the operator’s size kept, nothing set', (_case, execArgv, nodeOptions) => {
		const {set, letGrow} = held(execArgv, nodeOptions);
		letGrow();
		expect(set).toEqual([]);
	});
});
