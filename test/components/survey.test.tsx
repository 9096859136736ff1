import {mkdir, readFile, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {cleanup} from 'ink-testing-library';
import {afterEach, expect, test} from 'vitest';
import {operatorFilePath} from '../../source/store/operator-file.js';
import {fixedNow, smallDemo} from '../support/fixtures.js';
import {renderConsole} from '../support/render-console.js';

afterEach(() => cleanup());

const roles = {access: {operators: {ana: 'admin', vic: 'viewer'}}};
const iso = (at: number) => new Date(at).toISOString();
const day = 86_400_000;

/** The operator's file once the console's write of it has landed (it is written off the keys' path). */
const fileOnceWritten = async (path: string, until: (content: {survey?: object}) => boolean) => {
	const deadline = Date.now() + 5000;
	for (;;) {
		const content = await readFile(path, 'utf8').then(
			(text) => JSON.parse(text),
			() => ({}),
		);
		if (until(content) || Date.now() > deadline) return content;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
};

test('a viewer answers the survey: ! opens it at 80x24, digits answer, the store signs the response with the viewer', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 80, height: 24, operator: 'vic', config: roles});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press('!');
	const form = await screen.waitFor((text) => text.includes('Usability survey — 0 of 13 answered'));
	expect(form).toContain('signed “vic”, not anonymous');
	expect(form).toContain('I think that I would like to use this system frequently.');
	for (const line of screen.lines()) expect(line.length).toBeLessThanOrEqual(80);
	// Thirteen answers in one chunk, then the comment.
	await screen.press('5151515151333');
	await screen.waitFor((text) => text.includes('13 of 13 answered'));
	await screen.press('Clear enough');
	await screen.press('\u0013');
	await screen.waitFor((text) => text.includes('SUS 100 (excellent)'));
	const response = screen.store.data.surveys.find((answer) => answer.operator === 'vic');
	expect(response).toMatchObject({operator: 'vic', sus1: 5, sus2: 1, sus10: 1, easeOfUse: 3, comment: 'Clear enough'});
	expect(screen.store.data.changes.at(-1)).toMatchObject({operator: 'vic', entity: 'surveys', action: 'create'});
});

test('offered at start once due: Esc postpones it and the operator file keeps when', async () => {
	const screen = await renderConsole({
		dataset: smallDemo(),
		width: 80,
		height: 24,
		operator: 'ana',
		config: {survey: {firstAfterDays: 0}},
	});
	await screen.waitFor((text) => text.includes('Usability survey') && text.includes('Esc: ask me tomorrow'));
	await screen.press('\u001B');
	await screen.waitFor((text) => text.includes('Survey postponed'));
	expect(screen.frame()).not.toContain('Usability survey');
	const kept = await fileOnceWritten(operatorFilePath(screen.file, 'ana'), (content) => content.survey !== undefined);
	expect(kept).toEqual({firstSeenAt: iso(fixedNow), survey: {postponedAt: iso(fixedNow)}});
});

test('offered again after a postponement, Esc declines it until the next window', async () => {
	const screen = await renderConsole({
		dataset: smallDemo(),
		width: 80,
		height: 24,
		operator: 'ana',
		config: {survey: {offerEveryDays: 30}},
		before: async (file) => {
			const path = operatorFilePath(file, 'ana');
			await mkdir(dirname(path), {recursive: true});
			await writeFile(
				path,
				JSON.stringify({firstSeenAt: iso(fixedNow - 60 * day), survey: {postponedAt: iso(fixedNow - 2 * day)}}),
			);
		},
	});
	await screen.waitFor((text) => text.includes('Usability survey') && text.includes('Esc: not this round'));
	await screen.press('\u001B');
	const after = await screen.waitFor((text) => text.includes('Survey skipped'));
	expect(after).toContain(`Survey skipped until ${iso(fixedNow + 30 * day).slice(0, 10)} (! opens it any time).`);
	const kept = await fileOnceWritten(
		operatorFilePath(screen.file, 'ana'),
		(content) => 'declinedAt' in (content.survey ?? {}),
	);
	expect(kept.survey).toEqual({postponedAt: iso(fixedNow - 2 * day), declinedAt: iso(fixedNow)});
});

test('--readonly offers nothing and ! says why', async () => {
	const screen = await renderConsole({
		dataset: smallDemo(),
		width: 80,
		height: 24,
		readonly: true,
		config: {survey: {firstAfterDays: 0}},
	});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press('!');
	expect(screen.lines().at(-1)).toContain('Read-only');
	expect(screen.frame()).not.toContain('Usability survey');
	await expect(readFile(join(screen.folder, 'crm.operators', 'tester.json'))).rejects.toThrow(/ENOENT/);
});

test('Esc on a survey with answers asks first: n goes back to them, y leaves', async () => {
	const screen = await renderConsole({dataset: smallDemo(), width: 80, height: 24});
	await screen.waitFor((text) => text.includes('/60'));
	await screen.press('!');
	await screen.waitFor((text) => text.includes('0 of 13 answered'));
	await screen.press('424');
	await screen.waitFor((text) => text.includes('3 of 13 answered'));
	await screen.press('\u001B');
	const asked = await screen.waitFor((text) => text.includes('Leave the survey without sending it?'));
	expect(asked).toContain('Your 3 answers are not saved. y leaves; n goes back to it (Ctrl+S sends).');
	await screen.press('n');
	await screen.waitFor((text) => text.includes('3 of 13 answered'));
	await screen.press('\u001B');
	await screen.waitFor((text) => text.includes('Leave the survey without sending it?'));
	await screen.press('y');
	await screen.waitFor((text) => text.includes('Survey closed, nothing saved (! opens it any time).'));
	expect(screen.frame()).not.toContain('Usability survey');
	expect(screen.store.data.surveys.some((answer) => answer.operator === 'tester')).toBe(false);
});
