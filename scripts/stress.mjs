// Stress and fault figures for one data file, or one PostgreSQL database, shared by many processes:
//   node scripts/stress.mjs [--processes 8] [--saves 250] [--kills 200] [--no-slow] [--json]
//   node scripts/stress.mjs --postgres [URL] [--processes 8] [--saves 250] [--kills 200] [--json]
//   (without URL: the one in CRM_DATA, which keeps its password out of the list of processes)
// 1. N writer processes save M changes each, at once, into one file: every change must be there.
// 2. A writer is killed with SIGKILL at a random moment, again and again: after each kill the file
//    must load (with its journal) and hold every save that was acknowledged before the kill.
// Saves are journaled at any size here, and folded often, so both ways of saving meet the kills.
// 3. A slow writer: one more process saves beside the others, each save kept busy past the lock's
//    stale time (CRM_TEST_SLOW_SAVE_MS): its lock must stay fresh, and nobody's save be lost.
// 4. A full disk (as root, on a tmpfs it mounts itself): writers save until the disk is full and are
//    killed at random: every acknowledged save is present, every other one was refused in words.
// With --postgres, parts 1 and 2 run against the database at URL (its tables made, and emptied, before
// each part: whatever it held is replaced): each save is one transaction, and a kill in the middle of
// one must leave nothing of it (crm's tables are counted in SQL: saves, log entries, records, the head
// all agree); the audit chain must verify. Parts 3 and 4 are the file's own (its lock, its disk) and
// are skipped, the figures saying so. --no-slow skips part 3 for the file too (to compare throughput).
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
const postgresAt = process.argv.indexOf('--postgres');
const named = process.argv[postgresAt + 1];
/** The database under test, after --postgres or else in CRM_DATA (its URL holds the password: never printed). */
const databaseUrl = postgresAt < 0 ? null : named && !named.startsWith('--') ? named : process.env['CRM_DATA'];
if (postgresAt >= 0 && !/^postgres(ql)?:\/\//i.test(databaseUrl ?? '')) {
	process.stderr.write(
		'usage: node scripts/stress.mjs --postgres [postgres://…] [--processes N] [--saves N] [--kills N] [--json] (the URL, or CRM_DATA)\n',
	);
	process.exit(2);
}
/** What the writers are told in place of the URL: they read it from their environment, so no password shows in a list of processes. */
const database = databaseUrl ? 'env:CRM_STRESS_DATABASE' : null;
const fileOnly = 'a part of the file’s own (its lock, its disk): not run on PostgreSQL';
const slowWriter = {ran: false, why: ''};
if (database) slowWriter.why = fileOnly;
else if (process.argv.includes('--no-slow')) slowWriter.why = '--no-slow';
else slowWriter.ran = true;

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

/** Runs the writer; calls `onLine` per line of its output; resolves with its exit code or signal once its output is all read. */
const run = (args, onLine = () => {}, environment = {}) => {
	const child = spawn(process.execPath, [writer, ...args], {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {...process.env, ...(databaseUrl ? {CRM_STRESS_DATABASE: databaseUrl} : {}), ...environment},
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
	// 'close', not 'exit': an ack the writer printed just before it died is still read.
	const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({code, signal, errors})));
	return {child, done};
};

/** The writer's one line of JSON for `mode` (verify, pg-tables), or why it gave none. */
const ask = async (mode, target) => {
	let result;
	const exit = await run([mode, target], (line) => (result = JSON.parse(line))).done;
	return result ?? {ok: false, message: exit.errors.slice(0, 400)};
};
const verify = (target) => ask('verify', target);

/**
 * Whether loaded data is sound: it opened, its audit chain verifies, its log has one create per
 * customer (the writers only create), and, on PostgreSQL, crm's tables agree with each other.
 */
const sound = (loaded) => {
	if (!loaded.ok || loaded.chain !== 'ok') return false;
	const created = new Set(loaded.created);
	if (loaded.changes !== loaded.customers.length || created.size !== loaded.customers.length) return false;
	if (!loaded.customers.every((name) => created.has(name))) return false;
	return !loaded.tables || tablesWhole(loaded.tables);
};

/** crm's tables, counted in SQL: as many saves as log entries as customers, numbered without a gap, the head at the last; no save without its entry or record. */
const tablesWhole = (tables) =>
	tables.partialSaves === 0 &&
	[
		tables.lastSeq,
		tables.changes,
		tables.lastChangeSeq,
		tables.customerRows,
		tables.headLastSave,
		tables.headAuditCount,
	].every((count) => count === tables.saves);

/** Tables that disagreed (a save half-written), counted over every check of a PostgreSQL run. */
let halfWritten = 0;
const failedWriters = [];

/** Makes the database's tables, when missing, and empties it: each part starts from nothing. */
const emptyDatabase = async () => {
	const exit = await run(['pg-empty', database]).done;
	if (exit.code !== 0) throw new Error(`The database could not be emptied:\n${exit.errors}`);
};

// 1. Concurrent saves.
const concurrentPart = async () => {
	const started = performance.now();
	let target = database;
	if (database) await emptyDatabase();
	else {
		target = join(folder, 'shared.json');
		await writeFile(join(folder, 'shared.config.json'), journalSettings);
	}
	// The rate of saves: from the first acknowledged to the last, with every writer started.
	const acks = {count: 0, first: 0, last: 0};
	const onLine = (line) => {
		if (!line.startsWith('ack ')) return;
		acks.last = performance.now();
		if (acks.count++ === 0) acks.first = acks.last;
	};
	const writers = Array.from({length: processes}, (_, index) =>
		run(['write', target, `p${index}`, String(saves), '0'], onLine),
	);
	// The slow writer: each of its saves busy for 4 s before it commits, longer than a lock's 3 s stale time.
	if (slowWriter.ran)
		writers.push(run(['write', target, 'slow', String(slowSaves), '0'], () => {}, {CRM_TEST_SLOW_SAVE_MS: '4000'}));
	const exits = await Promise.all(writers.map((entry) => entry.done));
	failedWriters.push(...exits.filter((exit) => exit.code !== 0));
	const seconds = (performance.now() - started) / 1000;
	const loaded = await verify(target);
	if (loaded.tables && !tablesWhole(loaded.tables)) halfWritten++;
	const names = new Set(loaded.ok ? loaded.customers : []);
	return {
		present: [...names].filter((name) => !name.startsWith('slow-')).length,
		slowPresent: [...names].filter((name) => name.startsWith('slow-')).length,
		changeLogEntries: loaded.ok ? loaded.changes : 0,
		sound: sound(loaded),
		chain: loaded.ok ? loaded.chain : loaded.message,
		seconds,
		savesPerSecond: acks.count > 1 ? (acks.count - 1) / ((acks.last - acks.first) / 1000) : 0,
		tables: loaded.tables,
	};
};

// Saves go through the journal at any size (a large file's path), folded into the file whenever
// the journal reaches a fifth of it: appends, cut-off lines and folds all meet the kills.
const journalSettings = `${JSON.stringify({journal: {fromBytes: 0, foldAt: 0.2}})}\n`;
const slowSaves = slowWriter.ran ? 3 : 0;

const concurrent = await concurrentPart();
const expected = processes * saves;

// 2. Kills at random moments.
const kill = {
	target: database ?? join(folder, 'killed.json'),
	acknowledged: new Set(),
	/** Acknowledged saves per writer (k0, k1…). */
	acksBy: new Map(),
	corrupt: 0,
	lost: 0,
	/** Kills that struck a writer that had acknowledged a save already: it was between or in the middle of saves. */
	afterAck: 0,
};
/** Every kill: the data loads whole (the file parses, with its journal; the database's tables agree) and holds every acknowledged save. */
const quickCheck = async () => {
	if (!database)
		try {
			JSON.parse(await readFile(kill.target, 'utf8'));
		} catch (error) {
			if (error.code === 'ENOENT' && kill.acknowledged.size === 0) return true;
			kill.corrupt++;
			return false;
		}
	const loaded = await verify(kill.target);
	if (loaded.tables && !tablesWhole(loaded.tables)) halfWritten++;
	if (!sound(loaded)) {
		kill.corrupt++;
		return false;
	}
	const names = new Set(loaded.customers);
	for (const name of kill.acknowledged) if (!names.has(name)) kill.lost++;
	return true;
};
const killOne = async (index) => {
	const name = `k${index}`;
	let ready = false;
	let acks = 0;
	const writerRun = run(['write', kill.target, name, '100000', '3'], (line) => {
		if (line === 'ready') ready = true;
		else if (line.startsWith('ack ')) {
			kill.acknowledged.add(line.slice(4));
			acks++;
		}
	});
	// Up to 150 ms after the store is open: mid-save, mid-write, mid-rename, mid-transaction, or between saves.
	while (!ready) {
		await new Promise((resolve) => setTimeout(resolve, 2));
		if (writerRun.child.exitCode !== null) break;
	}
	await new Promise((resolve) => setTimeout(resolve, Math.random() * 150));
	writerRun.child.kill('SIGKILL');
	const exit = await writerRun.done;
	if (exit.signal === 'SIGKILL' && acks > 0) kill.afterAck++;
	else if (exit.signal !== 'SIGKILL') failedWriters.push(exit);
	kill.acksBy.set(name, acks);
	await quickCheck();
};
const killStarted = performance.now();
if (database) await emptyDatabase();
else await writeFile(join(folder, 'killed.config.json'), journalSettings);
const rollbacksBefore = database ? (await ask('pg-tables', database)).rollbacks : 0;
for (let index = 0; index < kills; index++) await killOne(index);
const killSeconds = (performance.now() - killStarted) / 1000;

/**
 * On PostgreSQL, once the server has let every killed writer's connection go: how many of the kills
 * struck inside a transaction (the server rolled it back), how many struck after a commit and before
 * its acknowledgement (the save is kept, as it may be), and whether each writer's saves are exactly
 * its first n, n its acknowledged saves or one more.
 */
const afterKills = async () => {
	let tables = await ask('pg-tables', database);
	for (let wait = 0; wait < 100 && tables.crmConnections > 0; wait++) {
		await new Promise((resolve) => setTimeout(resolve, 100));
		tables = await ask('pg-tables', database);
	}
	const loaded = await verify(database);
	if (!loaded.ok || !tablesWhole(loaded.tables)) halfWritten++;
	const names = new Set(loaded.ok ? loaded.customers : []);
	let landedUnacknowledged = 0;
	let notAPrefix = 0;
	for (const [name, acks] of kill.acksBy) {
		const kept = loaded.tables?.savesBy[name] ?? 0;
		if (kept === acks + 1) landedUnacknowledged++;
		else if (kept !== acks) notAPrefix++;
		for (let index = 0; index < kept; index++) if (!names.has(`${name}-${index}`)) notAPrefix++;
	}
	return {
		killedMidTransaction: tables.rollbacks - rollbacksBefore,
		landedUnacknowledged,
		notAPrefix,
		sound: sound(loaded),
		tables: loaded.tables,
	};
};
const postgresKills = database ? await afterKills() : null;

// 4. A full disk: a 256 KB tmpfs (root only; skipped elsewhere, and the e2e test requires it under CI).
const fullDisk = {ran: false, why: '', acknowledged: 0, refused: 0, lost: 0, corrupt: 0, killed: 0};
if (database) fullDisk.why = fileOnly;
else if (process.getuid?.() !== 0) fullDisk.why = 'not root: a tmpfs cannot be mounted';
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
	backend: database ? 'postgres' : 'file',
	processes,
	savesPerProcess: saves,
	changesExpected: expected,
	changesPresent: concurrent.present,
	changeLogEntries: concurrent.changeLogEntries,
	// The data after the concurrent saves: it loads, its audit chain verifies, its log and its records agree.
	concurrentSound: concurrent.sound,
	auditChain: concurrent.chain,
	failedWriters: failedWriters.length,
	concurrentSeconds: Number(concurrent.seconds.toFixed(1)),
	savesPerSecond: Math.round(concurrent.savesPerSecond),
	kills,
	killedAfterAck: kill.afterAck,
	acknowledgedSaves: kill.acknowledged.size,
	corrupt: kill.corrupt,
	lost: kill.lost,
	killSeconds: Number(killSeconds.toFixed(1)),
	slowWriter,
	slowSaves,
	slowSavesPresent: concurrent.slowPresent,
	fullDisk,
	// PostgreSQL only: checks whose tables disagreed (a save half-written); what the kills struck; the tables at the end of each part.
	...(database
		? {
				halfWritten,
				killedMidTransaction: postgresKills.killedMidTransaction,
				landedUnacknowledged: postgresKills.landedUnacknowledged,
				notAPrefix: postgresKills.notAPrefix,
				killedSound: postgresKills.sound,
				tables: {concurrent: concurrent.tables, killed: postgresKills.tables},
			}
		: {}),
	// Why writers failed (the first few), for whoever reads a red run.
	failures: failedWriters.slice(0, 3).map((failure) => failure.errors.slice(0, 400)),
};
await rm(folder, {recursive: true, force: true});
if (asJson) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
	process.stdout.write(
		`Concurrent saves (${figures.backend}): ${processes} processes × ${saves} saves → ${concurrent.present} of ${expected} changes present (${figures.changeLogEntries} log entries, audit chain ${figures.auditChain}), ${failedWriters.length} writers failed, ${figures.concurrentSeconds} s, ${figures.savesPerSecond} saves/s\n`,
	);
	process.stdout.write(
		`Kills: ${kills} SIGKILLs at random moments (${kill.afterAck} after a writer's first acknowledged save), ${kill.acknowledged.size} acknowledged saves → corrupt ${kill.corrupt}, lost ${kill.lost}, ${figures.killSeconds} s\n`,
	);
	if (database)
		process.stdout.write(
			`  in a transaction (rolled back by the server): ${figures.killedMidTransaction}; after a commit, before its acknowledgement: ${figures.landedUnacknowledged}; tables disagreeing: ${halfWritten}; saves not a writer's first n: ${figures.notAPrefix}\n`,
		);
	process.stdout.write(
		slowWriter.ran
			? `Slow saves: ${slowSaves} saves each busy 4 s (past the lock's stale time) beside the others → ${concurrent.slowPresent} of ${slowSaves} present\n`
			: `Slow saves: skipped (${slowWriter.why})\n`,
	);
	process.stdout.write(
		fullDisk.ran
			? `Full disk: ${fullDisk.acknowledged} acknowledged saves, ${fullDisk.refused} refused in words, ${fullDisk.killed} kills → corrupt ${fullDisk.corrupt}, lost ${fullDisk.lost}\n`
			: `Full disk: skipped (${fullDisk.why})\n`,
	);
	for (const failure of failedWriters.slice(0, 3)) process.stdout.write(`A writer failed:\n${failure.errors}\n`);
}
const fullDiskOk = !fullDisk.ran || (fullDisk.corrupt === 0 && fullDisk.lost === 0 && fullDisk.refused > 0);
const postgresOk =
	!database ||
	(halfWritten === 0 &&
		postgresKills.notAPrefix === 0 &&
		postgresKills.sound &&
		concurrent.changeLogEntries === expected);
process.exit(
	concurrent.present === expected &&
		concurrent.sound &&
		concurrent.slowPresent === slowSaves &&
		kill.corrupt === 0 &&
		kill.lost === 0 &&
		failedWriters.length === 0 &&
		fullDiskOk &&
		postgresOk
		? 0
		: 1,
);
