// The PostgreSQL rows of `npm run bench` (issue 20), each beside the data file's same figure from
// the same run, its ratio PostgreSQL/file: start → first frame, the store's open and where its time
// goes, save, keypress, filter and KPI recompute at full size; `crm copy` of a file into the
// database; saves per second with 8 writer processes at once (the file's figure measured here too).
// The server is a private cluster of its own (test/support/pg-cluster.ts), stopped at the end;
// without PostgreSQL installed its rows say so and the rest of the bench runs as before.
import {spawn, spawnSync} from 'node:child_process';
import {copyFile, rm} from 'node:fs/promises';
import {join} from 'node:path';
import pg from 'pg';

const noPostgres = 'skipped: no PostgreSQL';

/** Wall time of one process, spawn to exit; throws with its own words if it failed. */
const timedRun = (args, environment) => {
	const started = performance.now();
	const done = spawnSync(process.execPath, args, {env: environment, encoding: 'utf8'});
	const elapsed = performance.now() - started;
	if (done.status !== 0) throw new Error(`${args.slice(0, 3).join(' ')} failed (${done.status}):\n${done.stderr}`);
	return elapsed;
};

/** One JSON object from a bundled task (the last line it prints). */
const runTask = (script, args, environment) =>
	new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--max-old-space-size=16384', script, ...args], {
			env: environment,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let text = '';
		let errors = '';
		child.stdout.on('data', (chunk) => (text += chunk));
		child.stderr.on('data', (chunk) => (errors += chunk));
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(text.trim().split('\n').at(-1)))
				: reject(new Error(`${args[0]} failed (${code}):\n${errors}`)),
		);
	});

/**
 * `processes` writers (writer.ts) open the store at `path` together; once all are ready, each
 * round every writer saves `count` changes at once with the others. Resolves with each round's wall
 * time (first `go` to last save) and every save's time.
 */
export const writersAtOnce = async ({script, path, processes, count, rounds, environment}) => {
	const writers = Array.from({length: processes}, (_, index) => {
		const child = spawn(process.execPath, ['--max-old-space-size=16384', script, path, String(index), String(count)], {
			env: environment,
			stdio: ['pipe', 'pipe', 'pipe'],
		});
		const lines = [];
		const waiting = [];
		let buffer = '';
		let errors = '';
		child.stdout.on('data', (chunk) => {
			buffer += chunk;
			for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
				lines.push(buffer.slice(0, newline));
				buffer = buffer.slice(newline + 1);
				while (waiting.length > 0 && lines.length > 0) waiting.shift().resolve(lines.shift());
			}
		});
		child.stderr.on('data', (chunk) => (errors += chunk));
		const exited = new Promise((resolve) => child.on('exit', resolve));
		child.on('exit', (code) => {
			for (const wait of waiting.splice(0)) wait.reject(new Error(`writer ${index} exited (${code}):\n${errors}`));
		});
		const next = () =>
			lines.length > 0
				? Promise.resolve(lines.shift())
				: new Promise((resolve, reject) => waiting.push({resolve, reject}));
		return {child, next, exited};
	});
	try {
		await Promise.all(writers.map(async (writer) => (await writer.next()) === 'ready' || Promise.reject()));
		const walls = [];
		const saves = [];
		for (let round = 0; round < rounds; round++) {
			const started = performance.now();
			for (const writer of writers) writer.child.stdin.write('go\n');
			const results = await Promise.all(writers.map(async (writer) => JSON.parse(await writer.next())));
			walls.push(performance.now() - started);
			for (const result of results) saves.push(...result.times);
		}
		return {walls, saves};
	} finally {
		for (const writer of writers) writer.child.stdin.end();
		await Promise.all(writers.map((writer) => writer.exited));
	}
};

/**
 * Measures the PostgreSQL rows and adds them (with the file's writer rows) through `row` and `rows`.
 * `file` holds the file's figures from earlier in the run: `consoleLarge` (first frames, or null
 * without tmux), `saving`, `keys`, `kpi` (the harness's answers).
 */
export const measurePostgres = async (context) => {
	const {cli, folder, large, small, smallRecords, records, customers, full, runs, environment, bundle, task, log} =
		context;
	const {firstFrame, haveTmux, stopTmux, row, rows, median, p95, file} = context;
	const k = (count) => (count < 1000 ? String(count) : `${Math.round(count / 1000).toLocaleString('en-US')}k`);
	const writerScript = join(folder, 'writer.mjs');
	const pgTasks = join(folder, 'pg-tasks.mjs');
	const clusterModule = join(folder, 'pg-cluster.mjs');
	await Promise.all([
		bundle('writer.ts', writerScript),
		bundle('pg-tasks.ts', pgTasks),
		bundle('../../test/support/pg-cluster.ts', clusterModule),
	]);
	const {postgresBin, startPgCluster} = await import(clusterModule);

	// 8 writers at once, on a copy of the data (a tenth of the size unless --full: 8 processes each hold it all).
	const writerSize = full ? records : smallRecords;
	const writerData = full ? large : small;
	// Rounds as many as the start-up rows at scale take: each round starts eight processes that read the data.
	const writers = {processes: 8, count: 25, rounds: Math.max(2, Math.ceil(runs / 2)), script: writerScript};
	const writersLabel = `${writers.processes} writer processes at once, ${k(writerSize)} records${full ? '' : ' (a tenth: --full for all)'}`;
	log(`${writersLabel}: the file…`);
	const writerFile = join(folder, 'writers.json');
	await copyFile(writerData, writerFile);
	const onFile = await writersAtOnce({...writers, path: writerFile, environment});
	const perSecond = (wall) => (writers.processes * writers.count) / (wall / 1000);
	/** A saves-per-second row: the median round's rate, and in the p95 column the slow end (the p95 of the rounds' times). */
	const rateRow = (figure, measured, baseline) =>
		rows.push({
			figure,
			median: perSecond(median(measured.walls)),
			p95: perSecond(p95(measured.walls)),
			unit: 'saves/s',
			...(baseline
				? {
						baselineName: 'the file',
						baseline: perSecond(median(baseline.walls)),
						ratio: median(baseline.walls) / median(measured.walls),
					}
				: {}),
			target: '—',
			met: undefined,
		});
	rateRow(`${writersLabel}, file: saves per second (${writers.count} each per round)`, onFile);
	row(`${writersLabel}, file: one save`, onFile.saves, 'ms', {target: '—', met: undefined});

	const pgRows = [
		`PostgreSQL: crm copy of a data file into the database`,
		`PostgreSQL: start → first frame, ${k(records)} records`,
		`PostgreSQL: save one change, ${k(records)} records`,
		'PostgreSQL: keypress → frame, filter as you type',
		`PostgreSQL: KPI full recompute, ${k(records)} records`,
		`PostgreSQL: ${writersLabel}`,
	];
	if (!postgresBin()) {
		for (const figure of pgRows) rows.push({figure, skipped: noPostgres});
		return;
	}

	log('PostgreSQL: starting a private cluster…');
	const cluster = await startPgCluster();
	// The password reaches every process as PGPASSWORD: no command line and no URL holds it.
	const server = `postgres://postgres@127.0.0.1:${cluster.port}`;
	// The consoles' own files (measurements) go to the bench's folder, not the operator's data folder.
	const pgEnvironment = {...environment, PGPASSWORD: cluster.password, XDG_DATA_HOME: join(folder, 'xdg')};
	const previousPassword = process.env.PGPASSWORD;
	process.env.PGPASSWORD = cluster.password;
	try {
		const admin = new pg.Client({connectionString: `${server}/postgres`});
		await admin.connect();
		for (const name of ['bench_copy', 'bench_large']) await admin.query(`CREATE DATABASE ${name}`);
		await admin.end();
		const copyUrl = `${server}/bench_copy`;
		const largeUrl = `${server}/bench_large`;

		// crm copy of the whole data set, into a data file (the baseline) and into the database: this
		// also loads the database every later row reads. The writers' smaller data set is copied too (untimed).
		log(`PostgreSQL: crm copy of ${k(records)} records…`);
		const copyToFile = timedRun([cli, 'copy', '--from', large, '--to', join(folder, 'copied.json')], environment);
		const copyToDatabase = timedRun([cli, 'copy', '--from', large, '--to', largeUrl], pgEnvironment);
		row(`PostgreSQL: crm copy of a data file into the database, ${k(records)} records, 1 run`, [copyToDatabase], 'ms', {
			baseline: [copyToFile],
			baselineName: 'crm copy into a data file',
			target: '—',
			met: undefined,
		});
		if (!full) timedRun([cli, 'copy', '--from', small, '--to', copyUrl], pgEnvironment);
		// The rows after measure a server at rest: the copies vacuumed and analysed now, not by autovacuum while a
		// start is timed (a table just loaded with 500k rows is its work, on the same two cores), and their pages
		// written out now, not by the checkpointer meanwhile.
		for (const url of full ? [largeUrl] : [largeUrl, copyUrl]) {
			const copied = new pg.Client({connectionString: url});
			await copied.connect();
			await copied.query('VACUUM ANALYZE');
			await copied.end();
		}
		const settle = new pg.Client({connectionString: `${server}/postgres`});
		await settle.connect();
		await settle.query('CHECKPOINT');
		await settle.end();

		if (haveTmux && file.consoleLarge) {
			log(`PostgreSQL: start-up, ${k(records)} records…`);
			const startRuns = Math.max(2, Math.ceil(runs / 2));
			const frames = await firstFrame(
				`env XDG_DATA_HOME=${join(folder, 'xdg')} node --max-old-space-size=16384 ${cli} --data ${largeUrl}`,
				'[1 Customers]',
				startRuns,
			);
			stopTmux();
			row(`PostgreSQL: start → first frame, ${k(records)} records`, frames, 'ms', {
				baseline: file.consoleLarge,
				baselineName: 'the file',
				target: '≤ 1,000 ms (issue 20)',
				met: median(frames) <= 1000,
			});
		} else rows.push({figure: pgRows[1], skipped: 'skipped: no tmux'});
		await storeOpenRows({pgTasks, largeUrl, pgEnvironment, runs, records, k, row, file, log});

		log('PostgreSQL: saves…');
		const saving = await task('save', largeUrl, runs, pgEnvironment);
		row(`PostgreSQL: save one change, ${k(records)} records`, saving.saves, 'ms', {
			baseline: file.saving.saves,
			baselineName: 'the file',
			target: 'p95 ≤ 20 ms',
			met: p95(saving.saves) <= 20,
		});
		log('PostgreSQL: keys…');
		const keys = await task('keys', largeUrl, runs, pgEnvironment);
		const times = (samples) => samples.map((sample) => sample.elapsed);
		row(`PostgreSQL: keypress → frame, ${k(customers)}-row list`, times(keys.cursor), 'ms', {
			baseline: times(file.keys.cursor),
			baselineName: 'the file',
			target: 'p95 ≤ 16 ms',
			met: p95(times(keys.cursor)) <= 16,
		});
		row(`PostgreSQL: filter as you type, ${k(customers)} customers`, times(keys.filter), 'ms', {
			baseline: times(file.keys.filter),
			baselineName: 'the file',
			target: 'p95 ≤ 30 ms',
			met: p95(times(keys.filter)) <= 30,
		});
		log('PostgreSQL: KPIs…');
		const kpi = await task('kpi', largeUrl, runs, pgEnvironment);
		row(`PostgreSQL: KPI full recompute, ${k(records)} records`, kpi.full, 'ms', {
			baseline: file.kpi.full,
			baselineName: 'the file',
			target: '≤ 100 ms',
			met: median(kpi.full) <= 100,
		});
		row(
			`PostgreSQL: peak memory, ${k(records)} records`,
			[Math.max(keys.peakRss, saving.ownPeakRss, kpi.ownPeakRss) / 1_048_576],
			'MB',
			{
				baseline: [Math.max(file.keys.peakRss, file.saving.ownPeakRss, file.kpi.ownPeakRss) / 1_048_576],
				baselineName: 'the file',
				target: '—',
				met: undefined,
			},
		);

		log(`PostgreSQL: ${writersLabel}…`);
		const onDatabase = await writersAtOnce({...writers, path: full ? largeUrl : copyUrl, environment: pgEnvironment});
		rateRow(`PostgreSQL: ${writersLabel}: saves per second (${writers.count} each per round)`, onDatabase, onFile);
		row(`PostgreSQL: ${writersLabel}: one save`, onDatabase.saves, 'ms', {
			baseline: onFile.saves,
			baselineName: 'the file',
			target: '—',
			met: undefined,
		});
	} finally {
		if (previousPassword === undefined) delete process.env.PGPASSWORD;
		else process.env.PGPASSWORD = previousPassword;
		cluster.stop();
		await rm(join(folder, 'copied.json'), {force: true});
	}
};

/** PostgresStore.open whole (against the file's open), and a step at a time: where the first frame's time goes. */
const storeOpenRows = async ({pgTasks, largeUrl, pgEnvironment, runs, records, k, row, file, log}) => {
	log('PostgreSQL: where the open spends its time…');
	const opens = [];
	for (let run = 0; run < Math.max(2, Math.ceil(runs / 2)); run++)
		opens.push((await runTask(pgTasks, ['open', largeUrl], pgEnvironment)).open);
	row(`PostgreSQL: PostgresStore.open, ${k(records)} records (every record read)`, opens, 'ms', {
		baseline: [file.saving.load],
		baselineName: 'JsonFileStore.open of the file',
		target: '—',
		met: undefined,
	});
	const {parts, plan, bytes, changes, changeBytes} = await runTask(pgTasks, ['parts', largeUrl], pgEnvironment);
	const megabytes = (count) => `${(count / 1_048_576).toFixed(0)} MB`;
	const steps = [
		['connect', 'a connection'],
		['firstWindow', 'for comparison: the first 100 customers alone (a window, as a streamed first frame would read)'],
		['counts', 'for comparison: how many records each list holds (count(*) by entity)'],
		['serverRecords', `the server producing the records (EXPLAIN ANALYZE: ${plan}; nothing sent)`],
		['fetchRecords', `the records' rows received as text (${megabytes(bytes)} of JSON)`],
		['parseRecords', 'their JSON parsed'],
		['buildLists', 'the lists built (and a map of seals)'],
		['buildSeals', "the seals' strings built (Seals.fromMaps)"],
		[
			'fetchChanges',
			`the change log's rows received as text (${changes.toLocaleString('en-US')}, ${megabytes(changeBytes)})`,
		],
		['parseChanges', 'their JSON parsed'],
	];
	for (const [key, words] of steps)
		row(`PostgreSQL: open, a step at a time (1 run): ${words}`, [parts[key]], 'ms', {target: '—', met: undefined});
};
