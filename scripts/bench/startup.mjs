// The start-up rows of `npm run bench`: the demo's first frame against a minimal Ink app; at 100k and
// 500k records the console's first frame (its first rows, the rest read behind them) against
// VisiData's first rows of the same customers as CSV and against node's bare JSON.parse of the file,
// and the time until every record is read; the same start encrypted; a file changed outside crm.
import {execFileSync, spawnSync} from 'node:child_process';
import {openSync, readFileSync} from 'node:fs';
import {copyFile} from 'node:fs/promises';
import {join} from 'node:path';
import {firstFrame, screenTimes, screenTimesInTurn, stopTmux, wholeProcess} from './terminal.mjs';

const visidataRuns = (vd) => spawnSync(vd, ['--version'], {stdio: 'ignore'}).status === 0;

/**
 * VisiData's `vd` (Debian's `visidata` package, 2.11 here), installed from the distribution's
 * packages when missing and this is root; null when it cannot be had (those rows then say so).
 */
const visidata = (log) => {
	if (visidataRuns('vd')) return 'vd';
	if (process.getuid?.() !== 0 || spawnSync('apt-get', ['--version'], {stdio: 'ignore'}).status !== 0) return null;
	log('Installing VisiData (apt-get install visidata) for the start-up rows…');
	const install = () =>
		spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'visidata'], {
			stdio: 'ignore',
			timeout: 600_000,
			env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'},
		}).status === 0;
	if (!install()) {
		spawnSync('apt-get', ['update'], {stdio: 'ignore', timeout: 600_000});
		install();
	}
	return visidataRuns('vd') ? 'vd' : null;
};

/** The customers of `file` as crm exports them (CSV), for VisiData to open; and the first one's id, which its first rows show. */
const customersCsv = (cli, file, environment) => {
	const csv = `${file}.customers.csv`;
	execFileSync(process.execPath, ['--max-old-space-size=16384', cli, 'export', 'customers', '--data', file], {
		env: environment,
		stdio: ['ignore', openSync(csv, 'w'), 'ignore'],
	});
	const firstId = readFileSync(csv, 'utf8').slice(0, 4096).split('\n')[1]?.split(',')[0];
	return {csv, firstId};
};

/** The console's first frame: its header. */
const consoleFrame = '[1 Customers]';

/** A start that stays 2 s past its first frame: long enough for the launcher to keep its code cache. */
const keepCodeCache = async (command) => {
	let shown;
	const settled = (screen) => {
		if (screen.includes(consoleFrame)) shown ??= performance.now();
		return shown !== undefined && performance.now() - shown > 2000;
	};
	await screenTimes(command, [settled], 1);
};
/** Every record read: the frame's status line shows the position, and no `loading N%…` beside it. */
const everyRecordRead = (screen) =>
	screen.includes(consoleFrame) && /\d+\/\d+\s*$/m.test(screen) && !/loading \d+%/.test(screen);

export const measureStartup = async (context) => {
	const {cli, hello, demo, scales, sealedFile, benchKey, folder, runs, environment, row, median, log} = context;
	log('Start-up: demo data against a minimal Ink app…');
	// The starts timed are an operator's every start: with the code cache a first start of the build kept
	// (source/cli/code-cache.ts), one per set of node's options. The first start is timed on its own, without.
	await keepCodeCache(`node ${cli} --data ${demo}`);
	await keepCodeCache(`node --max-old-space-size=16384 ${cli} --data ${demo}`);
	// In turn, a run of each at a time: the ratio is of two programs on the same minutes.
	const [[consoleDemo], [helloStart], [firstOfBuild]] = await screenTimesInTurn(
		[
			{command: `node ${cli} --data ${demo}`, markers: [consoleFrame]},
			{command: `node ${hello}`, markers: ['hello from a minimal Ink app']},
			{command: `CRM_NO_CODE_CACHE=1 node ${cli} --data ${demo}`, markers: [consoleFrame]},
		],
		runs,
	);
	row('Start → first frame, demo data', consoleDemo, 'ms', {
		baseline: helloStart,
		baselineName: 'minimal bundled Ink app',
		target: '≤ 1.5× baseline',
		met: median(consoleDemo) / median(helloStart) <= 1.5,
	});
	row("Start → first frame, demo data, a build's first start (no code cache yet)", firstOfBuild, 'ms', {
		baseline: helloStart,
		baselineName: 'minimal bundled Ink app',
		target: '—',
		met: undefined,
	});
	const startRuns = Math.max(2, Math.ceil(runs / 2));
	const vd = visidata(log);
	const frames = {};
	const parses = {};
	const large = scales.at(-1);
	let sealedFirst = [];
	for (const {file, records, customers} of scales) {
		const size = `${records / 1000}k records`;
		log(`Start-up: ${records.toLocaleString('en-US')} records against VisiData and a bare JSON.parse…`);
		const own = {
			command: `node --max-old-space-size=16384 ${cli} --data ${file}`,
			markers: [consoleFrame, everyRecordRead],
		};
		// VisiData's first rows of the CSV, and at the largest size the same records encrypted, in turn with the
		// console's starts (see screenTimesInTurn).
		const csv = vd ? customersCsv(cli, file, environment) : null;
		const peerRuns = csv ? [{command: `${vd} -N ${csv.csv}`, markers: [csv.firstId]}] : [];
		const sealedRuns =
			file === large.file
				? [
						{
							command: `CRM_KEY_FILE=${benchKey} node --max-old-space-size=16384 ${cli} --data ${sealedFile}`,
							markers: [consoleFrame],
						},
					]
				: [];
		const [[first, whole], ...others] = await screenTimesInTurn([own, ...peerRuns, ...sealedRuns], startRuns);
		const shown = csv ? others[0][0] : undefined;
		if (sealedRuns.length > 0) [sealedFirst] = others.at(-1);
		frames[records] = first;
		const parse = wholeProcess(
			['--max-old-space-size=16384', '-e', `JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))`],
			startRuns,
			environment,
		);
		parses[records] = parse;
		const peer = `VisiData 2.11: first rows of the same ${customers.toLocaleString('en-US')} customers (CSV)`;
		if (shown) {
			row(`Start → first frame, ${size}, against VisiData`, first, 'ms', {
				baseline: shown,
				baselineName: peer,
				target: '≤ 1× baseline',
				met: median(first) <= median(shown),
			});
		} else
			context.rows.push({figure: `Start → first frame, ${size}, against VisiData`, skipped: 'VisiData not installed'});
		row(`Start → first frame, ${size}`, first, 'ms', {
			baseline: parse,
			baselineName: 'node + JSON.parse of the file',
			target: '≤ 1.3× baseline',
			met: median(first) / median(parse) <= 1.3,
		});
		row(`Start → every record read, ${size} (the first rows shown meanwhile)`, whole, 'ms', {
			baseline: parse,
			baselineName: 'node + JSON.parse of the file',
			target: '≤ 1.3× baseline',
			met: median(whole) / median(parse) <= 1.3,
		});
	}
	const plain = frames[large.records];
	row(`Start → first frame, ${large.records / 1000}k records, encrypted`, sealedFirst, 'ms', {
		baseline: plain,
		baselineName: 'the same records in plain',
		target: '≤ 1.2× baseline',
		met: median(sealedFirst) / median(plain) <= 1.2,
	});
	// The same file as another tool left it: no stamp says crm wrote it, so every record is checked before the
	// first frame. At the fifth size unless --full (some 18 s a run at full size), against that size's parse.
	const checked = context.full ? large : scales[0];
	const outside = join(folder, 'outside.json');
	await copyFile(checked.file, outside);
	const checking = await firstFrame(
		`rm -f ${outside}.checked; node --max-old-space-size=16384 ${cli} --data ${outside}`,
		consoleFrame,
		startRuns,
	);
	row(`Start, ${checked.records / 1000}k records changed outside crm (every record checked)`, checking, 'ms', {
		baseline: parses[checked.records],
		baselineName: 'node + JSON.parse of the file',
		target: '—',
		met: undefined,
	});
	stopTmux();
	return plain;
};
