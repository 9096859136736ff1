// Stress and fault figures for one data file shared by many processes:
//   node scripts/stress.mjs [--processes 8] [--saves 250] [--kills 200] [--json]
// 1. N writer processes save M changes each, at once, into one file: every change must be there.
// 2. A writer is killed with SIGKILL at a random moment, again and again: after each kill the file
//    must load (with its journal) and hold every save that was acknowledged before the kill.
// Saves are journaled at any size here, and folded often, so both ways of saving meet the kills.
// 3. A slow writer: one more process saves beside the others, each save kept busy past the lock's
//    stale time (CRM_TEST_SLOW_SAVE_MS): its lock must stay fresh, and nobody's save be lost.
// 4. A full disk (as root, on a tmpfs it mounts itself): writers save until the disk is full and are
//    killed at random: every acknowledged save is present, every other one was refused in words.
// Prints the figures (processes, saves, changes present, kills, corrupt, lost) and exits 1 if any were lost.
import {execFileSync, spawn} from 'node:child_process';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {build} from 'esbuild';

const option = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? Number(process.argv[index + 1]) : fallback;
};
const processes = option('processes', 8);
const saves = option('saves', 250);
const kills = option('kills', 200);
const asJson = process.argv.includes('--json');

const folder = await mkdtemp(join(tmpdir(), 'crm-stress-'));
const writer = join(folder, 'writer.mjs');
await build({
	entryPoints: [new URL('./stress-writer.ts', import.meta.url).pathname],
	outfile: writer,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	mainFields: ['module', 'main'],
	logLevel: 'error',
	banner: {
		js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
	},
});

/** Runs the writer; calls `onLine` per line of its output; resolves with its exit code or signal. */
const run = (args, onLine = () => {}, environment = {}) => {
	const child = spawn(process.execPath, [writer, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...process.env, ...environment},
	});
	let buffer = '';
	let errors = '';
	child.stdout.on('data', (chunk) => {
		buffer += chunk;
		for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
			onLine(buffer.slice(0, newline));
			buffer = buffer.slice(newline + 1);
		}
	});
	child.stderr.on('data', (chunk) => (errors += chunk));
	const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve({code, signal, errors})));
	return {child, done};
};

const verify = async (file) => {
	let result;
	await run(['verify', file], (line) => (result = JSON.parse(line))).done;
	return result;
};

const started = performance.now();

// Saves go through the journal at any size (a large file's path), folded into the file whenever
// the journal reaches a fifth of it: appends, cut-off lines and folds all meet the kills.
const journalSettings = `${JSON.stringify({journal: {fromBytes: 0, foldAt: 0.2}})}\n`;

// 1. Concurrent saves.
const sharedFile = join(folder, 'shared.json');
await writeFile(join(folder, 'shared.config.json'), journalSettings);
const writers = Array.from({length: processes}, (_, index) =>
	run(['write', sharedFile, `p${index}`, String(saves), '0']),
);
// The slow writer: each of its saves busy for 4 s before it commits, longer than a lock's 3 s stale time.
const slowSaves = 3;
writers.push(run(['write', sharedFile, 'slow', String(slowSaves), '0'], () => {}, {CRM_TEST_SLOW_SAVE_MS: '4000'}));
const exits = await Promise.all(writers.map((entry) => entry.done));
const failedWriters = exits.filter((exit) => exit.code !== 0);
const shared = await verify(sharedFile);
const expected = processes * saves;
const sharedNames = new Set(shared.ok ? shared.customers : []);
const present = [...sharedNames].filter((name) => !name.startsWith('slow-')).length;
const slowPresent = [...sharedNames].filter((name) => name.startsWith('slow-')).length;
const concurrentSeconds = (performance.now() - started) / 1000;

// 2. Kills at random moments.
const killFile = join(folder, 'killed.json');
await writeFile(join(folder, 'killed.config.json'), journalSettings);
const acknowledged = new Set();
let corrupt = 0;
let lost = 0;
/** Kills that struck a writer that had acknowledged a save already: it was between or in the middle of saves. */
let killedAfterAck = 0;
const killStarted = performance.now();
const quickCheck = async () => {
	// Every kill: the data file parses whole, and with its journal holds every acknowledged save.
	try {
		JSON.parse(await readFile(killFile, 'utf8'));
	} catch (error) {
		if (error.code === 'ENOENT' && acknowledged.size === 0) return true;
		corrupt++;
		return false;
	}
	const loaded = await verify(killFile);
	if (!loaded.ok) {
		corrupt++;
		return false;
	}
	const names = new Set(loaded.customers);
	for (const name of acknowledged) if (!names.has(name)) lost++;
	return true;
};
for (let kill = 0; kill < kills; kill++) {
	let ready = false;
	let acks = 0;
	const writerRun = run(['write', killFile, `k${kill}`, '100000', '3'], (line) => {
		if (line === 'ready') ready = true;
		else if (line.startsWith('ack ')) {
			acknowledged.add(line.slice(4));
			acks++;
		}
	});
	// Up to 150 ms after the store is open: mid-save, mid-write, mid-rename, or between saves.
	while (!ready) {
		await new Promise((resolve) => setTimeout(resolve, 2));
		if (writerRun.child.exitCode !== null) break;
	}
	await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
	writerRun.child.kill('SIGKILL');
	const exit = await writerRun.done;
	if (exit.signal === 'SIGKILL' && acks > 0) killedAfterAck++;
	await quickCheck();
}
const killSeconds = (performance.now() - killStarted) / 1000;

// 4. A full disk: a 256 KB tmpfs (root only; skipped elsewhere, and the e2e test requires it under CI).
const fullDisk = {ran: false, why: '', acknowledged: 0, refused: 0, lost: 0, corrupt: 0, killed: 0};
if (process.getuid?.() !== 0) fullDisk.why = 'not root: a tmpfs cannot be mounted';
else {
	const disk = join(folder, 'disk');
	await mkdir(disk);
	try {
		execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', disk]);
	} catch (error) {
		fullDisk.why = `mount failed: ${error.message}`;
	}
	if (!fullDisk.why) {
		fullDisk.ran = true;
		const file = join(disk, 'full.json');
		await writeFile(
			join(disk, 'full.config.json'),
			`${JSON.stringify({journal: {fromBytes: 0, foldAt: 0.5}, backups: 1})}\n`,
		);
		const acknowledgedHere = new Set();
		// Two writers at a time, one of them killed at a random moment, until neither can save any more.
		for (let round = 0; round < 40; round++) {
			const pair = [0, 1].map((index) =>
				run(['write', file, `f${round}x${index}`, '1000', '5', '6000'], (line) => {
					if (line.startsWith('ack ')) acknowledgedHere.add(line.slice(4));
					else if (line.startsWith('refused ')) fullDisk.refused++;
				}),
			);
			await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 200));
			pair[0].child.kill('SIGKILL');
			fullDisk.killed++;
			const [, second] = await Promise.all(pair.map((entry) => entry.done));
			if (second.code !== 0) failedWriters.push(second);
			const loaded = await verify(file);
			if (!loaded.ok) {
				fullDisk.corrupt++;
				continue;
			}
			const names = new Set(loaded.customers);
			fullDisk.lost = [...acknowledgedHere].filter((name) => !names.has(name)).length;
			if (fullDisk.refused > 20) break;
		}
		fullDisk.acknowledged = acknowledgedHere.size;
		execFileSync('umount', ['-l', disk]);
	}
}

const figures = {
	processes,
	savesPerProcess: saves,
	changesExpected: expected,
	changesPresent: present,
	changeLogEntries: shared.ok ? shared.changes : 0,
	failedWriters: failedWriters.length,
	concurrentSeconds: Number(concurrentSeconds.toFixed(1)),
	kills,
	killedAfterAck,
	acknowledgedSaves: acknowledged.size,
	corrupt,
	lost,
	killSeconds: Number(killSeconds.toFixed(1)),
	slowSaves,
	slowSavesPresent: slowPresent,
	fullDisk,
	// Why writers failed (the first few), for whoever reads a red run.
	failures: failedWriters.slice(0, 3).map((failure) => failure.errors.slice(0, 400)),
};
await rm(folder, {recursive: true, force: true});
if (asJson) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
	process.stdout.write(
		`Concurrent saves: ${processes} processes × ${saves} saves → ${present} of ${expected} changes present (${figures.changeLogEntries} log entries), ${failedWriters.length} writers failed, ${figures.concurrentSeconds} s\n`,
	);
	process.stdout.write(
		`Kills: ${kills} SIGKILLs at random moments (${killedAfterAck} after a writer's first acknowledged save), ${acknowledged.size} acknowledged saves → corrupt ${corrupt}, lost ${lost}, ${figures.killSeconds} s\n`,
	);
	process.stdout.write(
		`Slow saves: ${slowSaves} saves each busy 4 s (past the lock's stale time) beside the others → ${slowPresent} of ${slowSaves} present\n`,
	);
	process.stdout.write(
		fullDisk.ran
			? `Full disk: ${fullDisk.acknowledged} acknowledged saves, ${fullDisk.refused} refused in words, ${fullDisk.killed} kills → corrupt ${fullDisk.corrupt}, lost ${fullDisk.lost}\n`
			: `Full disk: skipped (${fullDisk.why})\n`,
	);
	for (const failure of failedWriters.slice(0, 3)) process.stdout.write(`A writer failed:\n${failure.errors}\n`);
}
const fullDiskOk = !fullDisk.ran || (fullDisk.corrupt === 0 && fullDisk.lost === 0 && fullDisk.refused > 0);
process.exit(
	present === expected &&
		slowPresent === slowSaves &&
		corrupt === 0 &&
		lost === 0 &&
		failedWriters.length === 0 &&
		fullDiskOk
		? 0
		: 1,
);
