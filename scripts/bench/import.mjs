// The import row of `npm run bench`: `crm import` of new customers into an empty data file, the
// whole process timed (start, reading, checking, saving, exit), against node reading and parsing
// the same CSV with csv-parse and nothing else. Runs alone too, for this one figure:
//   node scripts/bench/import.mjs [--customers 100000] [--runs 5] [--cli dist/cli.js]   (after node scripts/build.mjs)
import {spawnSync} from 'node:child_process';
import {createWriteStream} from 'node:fs';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

const statuses = ['lead', 'active'];

/** `count` new customers as another system would export them (the columns issue 12 measured), the same on every run. */
export const writeCustomersCsv = async (file, count) => {
	const out = createWriteStream(file);
	const write = (text) => (out.write(text) ? undefined : new Promise((resolve) => out.once('drain', resolve)));
	await write('externalId,name,company,email,status\n');
	let text = '';
	for (let index = 0; index < count; index++) {
		text += `EXT-${index},Person ${index},Company ${index % 5000},person${index}@example${index % 97}.com,${statuses[index % 2]}\n`;
		if (text.length > 1 << 20) {
			await write(text);
			text = '';
		}
	}
	await write(text);
	await new Promise((resolve, reject) => out.end((error) => (error ? reject(error) : resolve())));
};

/**
 * Wall times (ms) of `runs` imports of `count` new customers, each into a fresh data file; of
 * node parsing the same file with csv-parse alone (the baseline: what reading the CSV costs); and
 * of the least work the data file's format asks for those rows (import-floor.mjs).
 */
export const measureImport = async ({cli, count, runs, environment = process.env}) => {
	const folder = await mkdtemp(join(tmpdir(), 'crm-bench-import-'));
	try {
		const csv = join(folder, 'customers.csv');
		await writeCustomersCsv(csv, count);
		const times = [];
		const baseline = [];
		const floor = [];
		for (let run = 0; run < runs; run++) {
			const data = join(folder, `run${run}.json`);
			const started = performance.now();
			const result = spawnSync(
				process.execPath,
				[cli, 'import', 'customers', csv, '--data', data, '--operator', 'bench'],
				{env: environment, encoding: 'utf8'},
			);
			times.push(performance.now() - started);
			if (result.status !== 0 || !result.stdout.includes(`customer: ${count} created`))
				throw new Error(`crm import failed (${result.status}):\n${result.stdout}${result.stderr}`);
			await rm(data, {force: true});
			const parsing = performance.now();
			const parse = spawnSync(
				process.execPath,
				[
					'-e',
					`require(${JSON.stringify(join(root, 'node_modules', 'csv-parse', 'dist', 'cjs', 'sync.cjs'))}).parse(require('fs').readFileSync(${JSON.stringify(csv)}))`,
				],
				{env: environment},
			);
			baseline.push(performance.now() - parsing);
			if (parse.status !== 0) throw new Error(`the csv-parse baseline failed:\n${parse.stderr}`);
			const least = performance.now();
			const floored = spawnSync(process.execPath, [join(root, 'scripts', 'bench', 'import-floor.mjs'), csv, data], {
				env: environment,
				encoding: 'utf8',
			});
			floor.push(performance.now() - least);
			if (floored.status !== 0) throw new Error(`the file format's floor failed:\n${floored.stderr}`);
			await rm(data, {force: true});
		}
		return {count, times, baseline, floor};
	} finally {
		await rm(folder, {recursive: true, force: true});
	}
};

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	const option = (name, fallback) => {
		const index = process.argv.indexOf(`--${name}`);
		return index >= 0 ? process.argv[index + 1] : fallback;
	};
	const {count, times, baseline, floor} = await measureImport({
		cli: option('cli', join(root, 'dist', 'cli.js')),
		count: Number(option('customers', 100_000)),
		runs: Number(option('runs', 5)),
	});
	const median = (values) => [...values].sort((a, b) => a - b)[Math.ceil(values.length / 2) - 1];
	const slowest = Math.max(...times);
	process.stdout.write(
		`Import, ${(count / 1000).toLocaleString('en-US')}k new customers: median ${Math.round(count / (median(times) / 1000)).toLocaleString('en-US')} rows/s (${Math.round(median(times)).toLocaleString('en-US')} ms), slowest ${Math.round(count / (slowest / 1000)).toLocaleString('en-US')} rows/s; csv-parse alone: ${Math.round(count / (median(baseline) / 1000)).toLocaleString('en-US')} rows/s; the format's floor: ${Math.round(count / (median(floor) / 1000)).toLocaleString('en-US')} rows/s; runs: ${times.map((time) => Math.round(time)).join(', ')} ms\n`,
	);
}
