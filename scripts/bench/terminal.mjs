// What the start-up rows of `npm run bench` time a program by: a real terminal (tmux, 200x50), from
// launch until its screen shows a marker; and whole processes, spawn to exit.
import {execFileSync, spawnSync} from 'node:child_process';
import {readFileSync} from 'node:fs';

const tmux = (...args) =>
	execFileSync('tmux', ['-L', 'crm-bench', ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore']});

export const haveTmux = spawnSync('tmux', ['-V']).status === 0;

export const stopTmux = () => {
	try {
		tmux('kill-server');
	} catch {
		// Gone.
	}
};

/** A process and all below it, by /proc (pgrep -P would be one more program). */
const processTree = (pid) => {
	let children = [];
	try {
		children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
			.trim()
			.split(/\s+/)
			.filter(Boolean)
			.map(Number);
	} catch {
		// Gone already.
	}
	return [pid, ...children.flatMap(processTree)];
};

/** Running still (a zombie, its exit done but not yet reaped, is not). */
const alive = (pid) => {
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return false;
	}
};

/**
 * Ends a run's session and waits until its processes are gone: a console still winding down (a
 * database's rows read behind its first frame, a large heap given back) would take the next run's processor.
 */
const endSession = async (name) => {
	const pane = Number(tmux('list-panes', '-t', name, '-F', '#{pane_pid}').trim());
	const tree = processTree(pane);
	tmux('kill-session', '-t', name);
	const until = performance.now() + 30_000;
	while (tree.some(alive) && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
};

const shows = (screen, marker) => (typeof marker === 'function' ? marker(screen) : screen.includes(marker));

/**
 * Wall times from launching `command` in a 200x50 terminal until its screen shows each of `markers`
 * in turn (a text, or a test of the whole screen): one list of `count` runs per marker.
 */
export const screenTimes = async (command, markers, count) => {
	const times = markers.map(() => []);
	try {
		tmux('new-session', '-d', '-s', 'keepalive', 'sleep 3600');
	} catch {
		// Already up.
	}
	for (let run = 0; run < count; run++) {
		const name = `run${run}`;
		const started = performance.now();
		tmux(
			'new-session',
			'-d',
			'-s',
			name,
			'-x',
			'200',
			'-y',
			'50',
			`env -u CI -u CONTINUOUS_INTEGRATION ${command}; sleep 120`,
		);
		for (const [index, marker] of markers.entries()) {
			for (;;) {
				if (shows(tmux('capture-pane', '-p', '-t', name), marker)) break;
				if (performance.now() - started > 180_000) throw new Error(`no ${marker} from ${command}`);
				await new Promise((resolve) => setTimeout(resolve, 2));
			}
			times[index].push(performance.now() - started);
		}
		await endSession(name);
	}
	return times;
};

/**
 * `screenTimes` of several programs in turn: a run of each, then again, `count` times. A burst of load on
 * the machine then falls on each of them alike, where all the runs of one program and then all of the next
 * put it on one (a ratio between them moved by a tenth from run to run). Per program, its `screenTimes`.
 */
export const screenTimesInTurn = async (programs, count) => {
	const times = programs.map(({markers}) => markers.map(() => []));
	for (let run = 0; run < count; run++)
		for (const [index, {command, markers}] of programs.entries()) {
			const once = await screenTimes(command, markers, 1);
			for (const [marker, list] of once.entries()) times[index][marker].push(...list);
		}
	return times;
};

/** Wall time from launching `command` in a 200x50 terminal until its screen shows `marker`. */
export const firstFrame = async (command, marker, count) => (await screenTimes(command, [marker], count))[0];

/** Wall time of a whole process, spawn to exit. */
export const wholeProcess = (args, count, environment) => {
	const times = [];
	for (let run = 0; run < count; run++) {
		const started = performance.now();
		spawnSync(process.execPath, args, {env: environment, stdio: 'ignore'});
		times.push(performance.now() - started);
	}
	return times;
};
