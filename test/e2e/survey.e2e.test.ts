import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, expect, test} from 'vitest';
import {cliPath, panelsOfThisMonth, startInTmux, stopTmuxServer, tmuxAvailable} from '../support/tmux.js';

let directory: string;

beforeAll(async () => {
	if (!tmuxAvailable()) throw new Error('The end-to-end tests need tmux: apt-get install -y tmux');
	directory = await mkdtemp(join(tmpdir(), 'crm-survey-'));
});

afterAll(async () => {
	stopTmuxServer();
	await rm(directory, {recursive: true, force: true, maxRetries: 10, retryDelay: 100});
});

const colourCode = /\u001B\[[0-9;]*(3[0-7]|9[0-7])m/;

test('the survey at 80x24 without colour: offered, postponed, then answered by keys only; its score on the panel and in the report', async () => {
	const file = join(directory, 'crm.json');
	// Offered from the first session (the shipped wait is a week of use).
	await writeFile(join(directory, 'crm.config.json'), JSON.stringify({survey: {firstAfterDays: 0}}));
	const start = () =>
		startInTmux({args: ['--data', file, '--operator', 'mei'], width: 80, height: 24, env: {NO_COLOR: '1'}});
	let crm = start();
	await crm.waitFor((screen) => screen.includes('Usability survey — 0 of 13 answered'), 'the survey offered');
	let screen = crm.capture();
	expect(screen).toContain('signed “mei”, not anonymous');
	expect(screen).toContain('Esc: ask me tomorrow');
	expect(crm.capture(true)).not.toMatch(colourCode);

	// Esc postpones it, and the operator's file keeps that.
	crm.press('Escape');
	await crm.waitFor((screen) => screen.includes('Survey postponed'), 'the survey postponed');
	// Written off the keys' path: read once it has landed.
	const operatorFile = join(directory, 'crm.operators', 'mei.json');
	let kept: {survey?: {postponedAt?: string}} = {};
	for (let tries = 0; tries < 100 && !kept.survey; tries++) {
		kept = await readFile(operatorFile, 'utf8').then(
			(text) => JSON.parse(text),
			() => ({}),
		);
		if (!kept.survey) await new Promise((resolve) => setTimeout(resolve, 20));
	}
	expect(kept.survey?.postponedAt).toEqual(expect.any(String));

	// ! opens it any time. A rating outside 1–5 is refused at its row; a survey sent half answered is not saved.
	crm.type('!');
	await crm.waitFor((screen) => screen.includes('Esc: closes'), 'the survey opened by key');
	crm.type('7');
	await crm.waitFor((screen) => screen.includes('✗ “7” is not a rating'), 'a 7 refused');
	crm.type('4');
	crm.press('C-s');
	await crm.waitFor((screen) => screen.includes('Not saved: 12 fields need attention.'), 'the missing items');
	expect(crm.capture()).toMatch(/2 Too complex\s+1\s+2\s+3\s+4\s+5\s+✗ not answered: type 1 to 5/);

	// Answered by keys only, several at once: each digit answers its item and goes on to the next.
	crm.type('242424242');
	crm.type('544');
	await crm.waitFor((screen) => screen.includes('13 of 13 answered'), 'every item answered');
	crm.type('Quick once learnt');
	crm.press('C-s');
	await crm.waitFor((screen) => screen.includes('SUS 75 (good)'), 'the survey saved');

	// Its score on the panel of this month.
	const panels = await panelsOfThisMonth(crm, 80);
	expect(panels).toMatch(/SUS good\s+75\.0\s/);
	expect(panels).toMatch(/Survey responses\s+1\s/);
	crm.type('q');
	await crm.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
	crm.kill();

	// Answered this month: the next session does not offer it again.
	crm = start();
	await crm.waitFor((screen) => screen.includes('No customers yet.'), 'the next session');
	await new Promise((resolve) => setTimeout(resolve, 500));
	screen = crm.capture();
	expect(screen).not.toContain('Usability survey');
	crm.type('q');
	await crm.waitFor((screen) => screen.includes('[exited 0]'), 'the console to quit');
	crm.kill();

	const thisMonth = new Date().toISOString().slice(0, 7);
	const report = JSON.parse(
		execFileSync(process.execPath, [cliPath, 'report', '--data', file, '--period', thisMonth, '--format', 'json'], {
			encoding: 'utf8',
		}),
	);
	expect(report.kpis.usability_score.actual).toBe(75);
	expect(report.kpis.survey_responses.actual).toBe(1);
	expect(report.kpis.ease_of_use.actual).toBe(5);
	expect(report.kpis.fit_for_work.actual).toBe(4);
	expect(report.kpis.data_accuracy.actual).toBe(4);
	const markdown = execFileSync(process.execPath, [cliPath, 'report', '--data', file, '--period', thisMonth], {
		encoding: 'utf8',
	});
	expect(markdown).toContain('Quick once learnt');

	const data = JSON.parse(await readFile(file, 'utf8'));
	expect(data.surveys).toHaveLength(1);
	expect(data.surveys[0]).toMatchObject({
		operator: 'mei',
		sus1: 4,
		sus2: 2,
		easeOfUse: 5,
		comment: 'Quick once learnt',
	});
	expect(data.changes.at(-1)).toMatchObject({operator: 'mei', entity: 'surveys', action: 'create'});
});
