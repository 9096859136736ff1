// npm run bench: how fast crm is at scale, each figure as median and p95 over repeated runs, with
// its ratio to a baseline measured in the same run on the same machine.
//   node scripts/bench.mjs [--customers 100000 --opportunities 200000 --tickets 100000 --feedback 100000] [--runs 5] [--out bench/results.md] [--no-build] [--full]
// Needs tmux for the start-up figures (they time the first frame in a real terminal), and PostgreSQL's
// server programs for the PostgreSQL rows (scripts/bench/postgres.mjs; without them those rows say so).
// --full: the rows run at a smaller size by default (a tenth: 8 writers at once, crm copy; a fifth: the start of a
// file changed outside crm) run at full size.
import {spawn, spawnSync} from 'node:child_process';
import {copyFile, mkdir, mkdtemp, rm, stat, writeFile} from 'node:fs/promises';
import {cpus, tmpdir, totalmem} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {build} from 'esbuild';
import {measureImport} from './bench/import.mjs';
import {measurePostgres} from './bench/postgres.mjs';
import {measureStartup} from './bench/startup.mjs';
import {firstFrame, haveTmux, stopTmux} from './bench/terminal.mjs';
import {consoleBundle, noDevtools} from './bundle-plugins.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const option = (name, fallback) => {
	const index = process.argv.indexOf(`--${name}`);
	return index >= 0 ? process.argv[index + 1] : fallback;
};
const sizes = {
	customers: Number(option('customers', 100_000)),
	opportunities: Number(option('opportunities', 200_000)),
	tickets: Number(option('tickets', 100_000)),
	feedback: Number(option('feedback', 100_000)),
};
const runs = Number(option('runs', 5));
const outFile = option('out', join(root, 'bench', 'results.md'));
const records = sizes.customers + sizes.opportunities + sizes.tickets + sizes.feedback;
const full = process.argv.includes('--full');

const folder = await mkdtemp(join(tmpdir(), 'crm-bench-'));
const cli = join(root, 'dist', 'cli.js');
const began = performance.now();
/** A line of progress, with the seconds since the bench began: where its time goes. */
const log = (text) => process.stderr.write(`[${Math.round((performance.now() - began) / 1000)} s] ${text}\n`);

// The same bundling as the console's own build, for the harness (with the console's output stage) and
// the minimal Ink app (Ink's own).
const bundle = (entry, outfile, plugins = consoleBundle.plugins) =>
	build({
		entryPoints: [join(root, 'scripts', 'bench', entry)],
		outfile,
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		supported: consoleBundle.supported,
		jsx: 'automatic',
		mainFields: ['module', 'main'],
		minifyWhitespace: true,
		logLevel: 'error',
		define: {'process.env.NODE_ENV': '"production"'},
		plugins,
		banner: {
			js: "import {createRequire as __createRequire} from 'node:module'; const require = __createRequire(import.meta.url);",
		},
	});
const harness = join(folder, 'harness.mjs');
const hello = join(folder, 'hello.mjs');
await Promise.all([bundle('harness.tsx', harness), bundle('hello.tsx', hello, [noDevtools])]);
// --no-build: the bundle is fresh already (npm test builds it before its tests run).
if (
	!process.argv.includes('--no-build') &&
	spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], {cwd: root, stdio: 'inherit'}).status !== 0
)
	throw new Error('The console did not build.');

const environment = {...process.env};
delete environment.CI;
delete environment.CONTINUOUS_INTEGRATION;

/** Runs the console's own command (`crm seed`, `crm encrypt`) in a process of its own; rejects when it fails. */
const crm = (args) =>
	new Promise((resolve, reject) => {
		const child = spawn(process.execPath, [cli, ...args], {stdio: 'ignore'});
		child.on('error', reject);
		child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`crm ${args[0]} failed (${code})`))));
	});
const seed = (file, counts) =>
	crm([
		'seed',
		'--data',
		file,
		'--force',
		'--now',
		'2026-11-01',
		...Object.entries(counts).flatMap(([key, value]) => [`--${key}`, String(value)]),
	]);
const demo = join(folder, 'demo.json');
const large = join(folder, 'large.json');
// A tenth of the data, for the rows too slow at full size (8 writers each holding it all, crm copy into PostgreSQL) unless --full.
const small = join(folder, 'small.json');
const smallSizes = Object.fromEntries(Object.entries(sizes).map(([key, value]) => [key, Math.round(value / 10)]));
// A fifth of the data: the start-up rows at 100k records as well as at 500k.
const middle = join(folder, 'middle.json');
const middleSizes = Object.fromEntries(Object.entries(sizes).map(([key, value]) => [key, Math.round(value / 5)]));
const middleRecords = Object.values(middleSizes).reduce((sum, value) => sum + value, 0);
// The same records encrypted (issue 22): start-up and saves beside the plain file's, in the same run.
const sealedFile = join(folder, 'sealed.json');
const benchKey = join(folder, 'bench.key');
log(`Seeding the demo data and ${records.toLocaleString('en-US')} records…`);
// Two at a time (the machines have two cores): the large file beside the smaller ones, then its encrypted copy.
await Promise.all([
	seed(large, sizes).then(async () => {
		await copyFile(large, sealedFile);
		await rm(benchKey, {force: true});
		await crm(['encrypt', '--data', sealedFile, '--key-file', benchKey]);
	}),
	(async () => {
		await seed(demo, {customers: 300, opportunities: 900, tickets: 600, feedback: 500});
		await seed(middle, middleSizes);
		if (!full) await seed(small, smallSizes);
	})(),
]);
const largeBytes = (await stat(large)).size;
const sealedEnvironment = {...environment, CRM_KEY_FILE: benchKey};

const task = (name, file, count = runs, env = environment) =>
	new Promise((resolve, reject) => {
		const child = spawn(process.execPath, ['--max-old-space-size=16384', harness, name, file, String(count)], {
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let text = '';
		let errors = '';
		child.stdout.on('data', (chunk) => (text += chunk));
		// Ink restores the cursor on its way out; only a failure's own words are worth showing.
		child.stderr.on('data', (chunk) => (errors += chunk));
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(text.trim().split('\n').at(-1)))
				: reject(new Error(`bench task ${name} failed (${code}):\n${errors}`)),
		);
	});

const quantile = (values, q) => {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
};
const median = (values) => quantile(values, 0.5);
const p95 = (values) => quantile(values, 0.95);

const rows = [];
/** One line of the table; `ratio` compares medians (or p95 where the target is on p95). */
const row = (figure, values, unit, {baseline, baselineName, target, met}) =>
	rows.push({
		figure,
		median: median(values),
		p95: p95(values),
		unit,
		baselineName,
		baseline: baseline && median(baseline),
		ratio: baseline ? median(values) / median(baseline) : undefined,
		target,
		met,
	});

/** The first frames at full size: the PostgreSQL start-up row's baseline. */
const consoleLarge = haveTmux
	? await measureStartup({
			cli,
			hello,
			demo,
			scales: [
				{file: middle, records: middleRecords, customers: middleSizes.customers},
				{file: large, records, customers: sizes.customers},
			],
			sealedFile,
			benchKey,
			folder,
			runs,
			environment,
			row,
			rows,
			median,
			log,
			full,
		})
	: null;
if (!haveTmux) log('tmux is not installed: start-up figures are left out.');

log('Saves…');
const saving = await task('save', large);
row(`Save one change, ${records / 1000}k records`, saving.saves, 'ms', {
	baseline: saving.baseline,
	baselineName: 'lowdb JSONFile full rewrite',
	target: 'p95 ≤ 20 ms and ≥ 50× faster',
	met: p95(saving.saves) <= 20 && median(saving.baseline) / median(saving.saves) >= 50,
});
// Against the plain file's saves made in turn with them in the same process (the harness opens both): without a
// stock rewrite of its own (three more of some 9 s each).
const sealedSaving = await task('save', sealedFile, runs, {
	...sealedEnvironment,
	CRM_BENCH_NO_BASELINE: '1',
	CRM_BENCH_PLAIN_BESIDE: large,
});
row(`Save one change, ${records / 1000}k records, encrypted`, sealedSaving.saves, 'ms', {
	baseline: sealedSaving.plainSaves,
	baselineName: 'the same save in plain, in turn with it',
	target: '≤ 1.2× baseline',
	met: median(sealedSaving.saves) / median(sealedSaving.plainSaves) <= 1.2,
});
if (saving.orderSaves.length > 0)
	row(`Save one order change, ${records / 1000}k records`, saving.orderSaves, 'ms', {
		baseline: saving.baseline,
		baselineName: 'lowdb JSONFile full rewrite',
		target: 'p95 ≤ 20 ms and ≥ 50× faster',
		met: p95(saving.orderSaves) <= 20 && median(saving.baseline) / median(saving.orderSaves) >= 50,
	});
log('A bulk change…');
// Against the same run's stock full rewrite (the save task's): a bulk change is one save, not one per record.
// On a copy of the file: the runs' tens of thousands of changes must not weigh on the figures measured after (KPIs, keys, memory).
const bulkFile = join(folder, 'bulk.json');
await copyFile(large, bulkFile);
const bulk = await task('bulk', bulkFile);
const bulkCount = bulk.count.toLocaleString('en-US');
row(`Bulk change of ${bulkCount} records (one save), ${records / 1000}k records`, bulk.times, 'ms', {
	baseline: saving.baseline,
	baselineName: 'lowdb JSONFile full rewrite',
	target: 'p95 ≤ 2 s and ≤ 1× baseline',
	met: p95(bulk.times) <= 2000 && median(bulk.times) <= median(saving.baseline),
});
// Checked and chained in slices with a turn of the event loop between them; the journal line (or the rewrite) is still made in one piece.
row(
	`Bulk change of ${bulkCount} records: longest wait of the event loop (a key pressed meanwhile)`,
	bulk.pauses,
	'ms',
	{
		target: 'p95 ≤ 100 ms',
		met: p95(bulk.pauses) <= 100,
	},
);
log('KPIs…');
const kpi = await task('kpi', large);
// Against what no full recompute can take less than: KPI.md's orphan_records alone, every reference looked up once.
row(`KPI full recompute, ${records / 1000}k records`, kpi.full, 'ms', {
	baseline: kpi.orphansAlone,
	baselineName: "KPI.md's orphan_records alone, counted as plainly as it can be (every reference looked up once)",
	target: '≤ 100 ms',
	met: median(kpi.full) <= 100,
});
// The same, as the console counts it on its assessment screen: in steps, the keys read between them (counting-steps.ts).
row(
	`KPI full recompute in steps, ${records / 1000}k records: the longest step (what a key waits for at most)`,
	kpi.longestStep,
	'ms',
	{
		target: 'p95 ≤ 100 ms',
		met: p95(kpi.longestStep) <= 100,
	},
);
row(`KPI full recompute in steps, ${records / 1000}k records: every step, start to end`, kpi.inSteps, 'ms', {
	baseline: kpi.full,
	baselineName: 'KPI full recompute, counted whole',
	target: '—',
	met: undefined,
});
// The clock moved on to each save's time, as the console moves it.
row('KPI recompute after one edit', kpi.afterEdit, 'ms', {target: '≤ 5 ms', met: median(kpi.afterEdit) <= 5});
if (kpi.afterOtherEdits)
	row(
		'KPI recompute after one edit of another kind (a customer changed, a customer added, a ticket made urgent or not, a deal added)',
		kpi.afterOtherEdits,
		'ms',
		{target: '≤ 5 ms', met: median(kpi.afterOtherEdits) <= 5},
	);
log('Funnel, stage times and RFM…');
// Each against the KPIs of the same run: the first computation (as after a load) against the full recompute, the one after an edit against the KPIs' after one edit.
const analysis = await task('analysis', large);
const analysisRows = (figure, samples) => {
	row(`${figure}, ${records / 1000}k records: first computation`, samples.first, 'ms', {
		baseline: kpi.full,
		baselineName: 'KPI full recompute',
		target: '≤ 1× baseline',
		met: median(samples.first) <= median(kpi.full),
	});
	row(`${figure}, after one edit`, samples.afterEdit, 'ms', {
		baseline: kpi.afterEdit,
		baselineName: 'KPI recompute after one edit',
		target: '—',
		met: undefined,
	});
};
analysisRows('Funnel, all stages, one period (stage log read)', analysis.funnel);
analysisRows('Stage times, one period (stage log read)', analysis.stageTimes);
analysisRows('RFM, every customer as of now', analysis.rfm);
log('Keys…');
const keys = await task('keys', large);
const times = (samples) => samples.map((sample) => sample.elapsed);
const bytes = (samples) => samples.map((sample) => sample.bytes);
row(`Keypress → frame, ${(sizes.customers / 1000).toLocaleString('en-US')}k-row list`, times(keys.cursor), 'ms', {
	target: 'p95 ≤ 16 ms',
	met: p95(times(keys.cursor)) <= 16,
});
row(`Keypress → frame, ${keys.orders.toLocaleString('en-US')}-order list`, times(keys.orderCursor), 'ms', {
	target: 'p95 ≤ 16 ms',
	met: p95(times(keys.orderCursor)) <= 16,
});
row(`Filter as you type, ${(sizes.customers / 1000).toLocaleString('en-US')}k customers`, times(keys.filter), 'ms', {
	target: 'p95 ≤ 30 ms',
	met: p95(times(keys.filter)) <= 30,
});
row('Bytes to the terminal per cursor move', bytes(keys.cursor), 'B', {
	target: '≤ 1 KB',
	met: median(bytes(keys.cursor)) <= 1024,
});
row('Bytes to the terminal per screen switch', bytes(keys.screens), 'B', {target: '—', met: undefined});
row(
	`Peak memory, ${records / 1000}k records (file ${(largeBytes / 1_048_576).toFixed(0)} MB)`,
	[Math.max(keys.peakRss, saving.ownPeakRss, kpi.ownPeakRss) / 1_048_576],
	'MB',
	{
		baseline: [largeBytes / 1_048_576],
		baselineName: 'file size',
		target: '≤ 2.5× file size',
		met: Math.max(keys.peakRss, saving.ownPeakRss, kpi.ownPeakRss) / largeBytes <= 2.5,
	},
);

log(`Import of ${sizes.customers.toLocaleString('en-US')} new customers…`);
// A throughput: the median run's rows per second, and in the p95 column the slow end (the p95 of the times).
// Some 16 s a run (the import, csv-parse and the format's floor): as many runs as the start-up rows at scale.
const imported = await measureImport({
	cli,
	count: sizes.customers,
	runs: Math.max(2, Math.ceil(runs / 2)),
	environment,
});
const perSecond = (time) => sizes.customers / (time / 1000);
const customersK = (sizes.customers / 1000).toLocaleString('en-US');
/** An import row: crm's runs (median rows/s, and in the p95 column the slow end) against one baseline's. */
const importRow = (figure, baselineName, baselineTimes, target, met) => ({
	figure,
	median: perSecond(median(imported.times)),
	p95: perSecond(p95(imported.times)),
	unit: 'rows/s',
	baselineName,
	baseline: perSecond(median(baselineTimes)),
	ratio: median(baselineTimes) / median(imported.times),
	target,
	met,
});
rows.push(
	importRow(
		`Import, ${customersK}k new customers (crm import into an empty file, start to exit)`,
		'node + csv-parse of the file',
		imported.baseline,
		'≥ 20,000 rows/s',
		perSecond(median(imported.times)) >= 20_000,
	),
);
// The same runs against the least the data file's format asks of them (records, their log entries and hashes, one write; nothing checked).
rows.push(
	importRow(
		`Import, ${customersK}k new customers, against the file format's floor`,
		'node alone: records, log entries and chain hashes made and written once, nothing checked',
		imported.floor,
		'—',
		undefined,
	),
);

await measurePostgres({
	cli,
	folder,
	large,
	small: full ? large : small,
	smallRecords: Object.values(smallSizes).reduce((sum, value) => sum + value, 0),
	records,
	customers: sizes.customers,
	full,
	runs,
	environment,
	bundle,
	task,
	log,
	firstFrame,
	haveTmux,
	stopTmux,
	row,
	rows,
	median,
	p95,
	file: {consoleLarge, saving, keys, kpi},
});

const number = (value, unit) =>
	value === undefined
		? '—'
		: unit === 'B' || unit === 'MB'
			? Math.round(value).toLocaleString('en-US')
			: value < 10
				? value.toFixed(1)
				: Math.round(value).toLocaleString('en-US');
/** A ratio as a factor; one far below 1 as a fraction, which reads better (1/1,500 rather than 0.00×). */
const ratioText = (ratio) =>
	ratio === undefined
		? '—'
		: ratio < 0.01
			? `1/${Math.round(1 / ratio).toLocaleString('en-US')}`
			: `${ratio.toFixed(2)}×`;
const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${(totalmem() / 1_073_741_824).toFixed(0)} GiB, Node ${process.version}`;
const table = [
	`Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine}; ${runs} runs each (start-up at scale, import and the writers' rounds: ${Math.max(2, Math.ceil(runs / 2))}; lowdb's rewrite, the KPI full recompute and the analysis' first computations: ${Math.max(2, Math.floor(runs / 2))}). Data: ${Object.entries(
		sizes,
	)
		.map(([key, value]) => `${value.toLocaleString('en-US')} ${key}`)
		.join(', ')}, generated by \`crm seed\`.`,
	'',
	'| Figure | Median | p95 | Baseline (median) | Ratio | Target | Met |',
	'|---|---:|---:|---|---:|---|:---:|',
	...rows.map((entry) =>
		entry.skipped
			? `| ${entry.figure} | ${entry.skipped} | — | — | — | — | — |`
			: `| ${entry.figure} | ${number(entry.median, entry.unit)} ${entry.unit} | ${number(entry.p95, entry.unit)} ${entry.unit} | ${entry.baselineName ? `${entry.baselineName}: ${number(entry.baseline, entry.unit)} ${entry.unit}` : '—'} | ${ratioText(entry.ratio)} | ${entry.target} | ${entry.met === undefined ? '—' : entry.met ? 'yes' : 'no'} |`,
	),
].join('\n');
process.stdout.write(`${table}\n`);
await mkdir(dirname(outFile), {recursive: true});
await writeFile(outFile, `${table}\n`);
log(`Written to ${outFile}.`);
await rm(folder, {recursive: true, force: true});
