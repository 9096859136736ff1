// The young generation's size until the console's first frame (issue 23: the demo's start).
//
// V8 doubles its young generation (two semi-spaces, 1 MB each at a start) each time a scavenge finds more
// alive than it holds, up to 16 MB each. At a start nearly everything made is kept (the modules, the data
// read), so it doubled each time: by the demo's first frame it was 33.6 MB, every page of it touched for the
// first time. Held from the console's start, it is 8.4 MB then, and the process 101 MB instead of 110. A first
// touch costs a page fault, and on these machines (virtualised) faults are dear: the demo's first frame came
// 55 ms sooner (420 against 475 ms, twelve starts each in turn). What survives goes to the old generation, as it
// would have a few scavenges later.
//
// Once the frame is out, growth is let go to V8's default factor (2 in Node 20's V8 and in the later V8 sources
// read), so a large file read behind the first frame has the young generation it had before. A flag set changes V8's hash of its flags,
// and a code cache made under another hash is refused: the hold begins after the launcher has compiled the
// bundle, and ends before it makes the bundle's cache, so both are under the same hash (held from the
// launcher's first line, every start refused its cache and took 581 ms). Built-in modules first loaded while it
// is held may compile without Node's cache of them; the 55 ms are net of that. An operator who sizes the young
// generation (`--max-semi-space-size`, `--semi-space-growth-factor`, in the arguments or NODE_OPTIONS) keeps
// that size: nothing is changed then.
import {setFlagsFromString} from 'node:v8';

/** A flag that sizes the young generation, as the operator may give it. */
const sizesYoungGeneration = /--(?:(?:min|max)[-_])?semi[-_]space/;

/**
 * Holds the young generation at its size now, until the function returned is called (once is enough; later
 * calls do nothing). `set` is V8's flag setter (a test's stand-in).
 */
export const holdYoungGeneration = (
	execArgv: readonly string[],
	nodeOptions: string | undefined,
	set: (flags: string) => void = setFlagsFromString,
): (() => void) => {
	if (execArgv.some((argument) => sizesYoungGeneration.test(argument))) return () => {};
	if (nodeOptions !== undefined && sizesYoungGeneration.test(nodeOptions)) return () => {};
	set('--semi-space-growth-factor=1');
	let held = true;
	return () => {
		if (!held) return;
		held = false;
		set('--semi-space-growth-factor=2');
	};
};
