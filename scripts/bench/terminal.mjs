// What the start-up rows of `npm run bench` time a program by: a real terminal (tmux, 200x50), from
// launch until its screen shows a marker; and whole processes, spawn to exit.
import {execFileSync, spawn, spawnSync} from 'node:child_process';
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
 * A session of its own made by a tmux control-mode client (`tmux -C`), which stays attached: it reports
 * each piece of the pane's output as a line, and takes `capture-pane` on its input and answers in a
 * block. The screen is read when the program has written, and every 25 ms besides (a marker may wait on
 * time), through that one client: no process is started per look, where a `tmux capture-pane` every
 * few milliseconds kept most of a core busy beside the program timed (on two cores, its start read a
 * third slower, and the slower the more processor the program used).
 */
const watchedSession = (name, command) => {
	const client = spawn('tmux', ['-L', 'crm-bench', '-C', 'new-session', '-s', name, '-x', '200', '-y', '50', command], {
		stdio: ['pipe', 'pipe', 'ignore'],
	});
	client.stdout.setEncoding('utf8');
	// A look asked of a client that has just ended: its exit, below, says so.
	client.stdin.on('error', () => {});
	let pending = '';
	let written = false;
	let wake;
	// The answers awaited, in the order asked; the first block is the client's own `new-session`.
	const answers = [];
	let unasked = 1;
	let lines;
	let ended = false;
	client.stdout.on('data', (data) => {
		pending += data;
		let cut = pending.indexOf('\n');
		while (cut >= 0) {
			const line = pending.slice(0, cut);
			pending = pending.slice(cut + 1);
			cut = pending.indexOf('\n');
			if (lines) {
				if (/^%(end|error) /.test(line)) {
					const text = lines.join('\n');
					lines = undefined;
					if (unasked > 0) unasked--;
					else answers.shift()?.resolve(text);
				} else lines.push(line);
			} else if (line.startsWith('%begin ')) lines = [];
			else if (line.startsWith('%output ')) {
				written = true;
				wake?.();
			}
		}
	});
	client.on('exit', () => {
		ended = true;
		wake?.();
		for (const waiting of answers.splice(0)) waiting.reject(new Error(`tmux ended the session of ${command}`));
	});
	/** The pane's text now. */
	const screen = () =>
		new Promise((resolve, reject) => {
			if (ended) {
				reject(new Error(`tmux ended the session of ${command}`));
				return;
			}
			answers.push({resolve, reject});
			client.stdin.write(`capture-pane -p -t ${name}\n`);
		});
	/** Until the program writes, or 25 ms. */
	const output = () =>
		written || ended
			? Promise.resolve()
			: new Promise((resolve) => {
					const timer = setTimeout(resolve, 25);
					wake = () => {
						clearTimeout(timer);
						resolve();
					};
				}).then(() => {
					wake = undefined;
				});
	const look = async () => {
		await output();
		written = false;
		return screen();
	};
	const detach = () => {
		client.stdin.end();
		client.kill();
	};
	return {look, detach};
};

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
		const session = watchedSession(name, `env -u CI -u CONTINUOUS_INTEGRATION ${command}; sleep 120`);
		try {
			for (const [index, marker] of markers.entries()) {
				for (;;) {
					if (shows(await session.look(), marker)) break;
					if (performance.now() - started > 180_000) throw new Error(`no ${marker} from ${command}`);
				}
				times[index].push(performance.now() - started);
			}
		} finally {
			session.detach();
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
