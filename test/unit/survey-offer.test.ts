import {chmod, mkdir, readFile, stat, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {expect, test} from 'vitest';
import type {OperatorFile} from '../../source/domain/operator-file.js';
import {afterEsc, type SurveyOfferInput, surveyOffer} from '../../source/domain/survey-offer.js';
import {operatorFilePath, readOperatorFile, writeOperatorFile} from '../../source/store/operator-file.js';
import {editRating} from '../../source/ui/forms/rating-input.js';
import {parseKeys} from '../../source/ui/keys/key-parser.js';
import {type AppState, appReducer, initialState} from '../../source/ui/state/app-state.js';
import {fixedNow, smallDemo} from '../support/fixtures.js';
import {tempFolder} from '../support/temp-folder.js';

const day = 86_400_000;
const now = Date.parse('2026-12-02T09:00:00.000Z');
const ago = (days: number) => new Date(now - days * day).toISOString();

const input = (file: OperatorFile, more: Partial<SurveyOfferInput> = {}): SurveyOfferInput => ({
	offerEveryDays: 30,
	firstAfterDays: 7,
	file,
	lastAnsweredAt: null,
	firstChangeAt: null,
	now,
	...more,
});

test.each<[string, OperatorFile, Partial<SurveyOfferInput>, {due: boolean; escDeclines: boolean}]>([
	['nothing known: a first session is too new', {}, {}, {due: false, escDeclines: false}],
	['first seen 8 days ago', {firstSeenAt: ago(8)}, {}, {due: true, escDeclines: false}],
	['first seen 6 days ago', {firstSeenAt: ago(6)}, {}, {due: false, escDeclines: false}],
	['first seen exactly 7 days ago', {firstSeenAt: ago(7)}, {}, {due: true, escDeclines: false}],
	[
		'first seen today, but changes from long before',
		{firstSeenAt: ago(0)},
		{firstChangeAt: now - 90 * day},
		{due: true, escDeclines: false},
	],
	['no wait asked for', {}, {firstAfterDays: 0}, {due: true, escDeclines: false}],
	['never offered (0 days)', {firstSeenAt: ago(100)}, {offerEveryDays: 0}, {due: false, escDeclines: false}],
	['answered 29 days ago', {firstSeenAt: ago(100)}, {lastAnsweredAt: now - 29 * day}, {due: false, escDeclines: false}],
	['answered 30 days ago', {firstSeenAt: ago(100)}, {lastAnsweredAt: now - 30 * day}, {due: true, escDeclines: false}],
	[
		'postponed 23 hours ago',
		{firstSeenAt: ago(100), survey: {postponedAt: ago(23 / 24)}},
		{},
		{due: false, escDeclines: false},
	],
	[
		'postponed 2 days ago: Esc now declines',
		{firstSeenAt: ago(100), survey: {postponedAt: ago(2)}},
		{},
		{due: true, escDeclines: true},
	],
	[
		'postponed 31 days ago: a new window',
		{firstSeenAt: ago(100), survey: {postponedAt: ago(31)}},
		{},
		{due: true, escDeclines: false},
	],
	[
		'declined 10 days ago',
		{firstSeenAt: ago(100), survey: {declinedAt: ago(10)}},
		{},
		{due: false, escDeclines: false},
	],
	[
		'declined 30 days ago',
		{firstSeenAt: ago(100), survey: {postponedAt: ago(32), declinedAt: ago(30)}},
		{},
		{due: true, escDeclines: false},
	],
	[
		'a 7-day window, declined 8 days ago',
		{firstSeenAt: ago(100), survey: {declinedAt: ago(8)}},
		{offerEveryDays: 7},
		{due: true, escDeclines: false},
	],
])('%s', (_name, file, more, expected) => {
	expect(surveyOffer(input(file, more))).toEqual(expected);
});

test('Esc postpones, or declines, keeping the rest of the file', () => {
	const file: OperatorFile = {firstSeenAt: ago(50)};
	const postponed = afterEsc(file, false, now);
	expect(postponed).toEqual({firstSeenAt: ago(50), survey: {postponedAt: new Date(now).toISOString()}});
	expect(afterEsc(postponed, true, now + day)).toEqual({
		firstSeenAt: ago(50),
		survey: {postponedAt: new Date(now).toISOString(), declinedAt: new Date(now + day).toISOString()},
	});
});

test.each([
	['1', '', {text: '1', advance: true}],
	['5', '3', {text: '5', advance: true}],
	['right', '', {text: '3', advance: false}],
	['left', '', {text: '3', advance: false}],
	['right', '4', {text: '5', advance: false}],
	['right', '5', {text: '5', advance: false}],
	['left', '1', {text: '1', advance: false}],
	['left', '2', {text: '1', advance: false}],
	['backspace', '4', {text: '', advance: false}],
	['delete', '4', {text: '', advance: false}],
	['0', '', {refused: '“0” is not a rating: type 1 to 5, or use ←/→'}],
	['6', '2', {refused: '“6” is not a rating: type 1 to 5, or use ←/→'}],
	['x', '', {refused: '“x” is not a rating: type 1 to 5, or use ←/→'}],
	['up', '2', null],
])('key %s on a rating of “%s”', (id, current, expected) => {
	const printable = id.length === 1;
	expect(editRating(current, printable ? {id, text: id} : {id})).toEqual(expected);
});

test('an operator file: none reads as empty, a write reads back, odd names stay inside the folder', async () => {
	const folder = tempFolder('operator-file');
	const data = join(folder, 'crm.json');
	expect(await readOperatorFile(data, 'ada')).toEqual({});
	await writeOperatorFile(data, 'ada', {firstSeenAt: ago(3)});
	expect(await readOperatorFile(data, 'ada')).toEqual({firstSeenAt: ago(3)});
	expect(operatorFilePath(data, 'ada')).toBe(join(folder, 'crm.operators', 'ada.json'));
	expect(operatorFilePath(data, '../x y')).toBe(join(folder, 'crm.operators', '%2E%2E%2Fx%20y.json'));
	expect(operatorFilePath(data, '王')).toBe(join(folder, 'crm.operators', '%E7%8E%8B.json'));
	expect((await stat(operatorFilePath(data, 'ada'))).mode & 0o077).toBe(0);
	expect(JSON.parse(await readFile(operatorFilePath(data, 'ada'), 'utf8'))).toEqual({firstSeenAt: ago(3)});
});

test.each([
	['{not json', 'it is not valid JSON'],
	[
		'{"survey": {"declinedAt": "yesterday"}}',
		'field "survey.declinedAt" must be a date-time like 2026-03-01T09:30:00Z',
	],
])('a damaged operator file (%s) is refused naming the file and the field', async (text, problem) => {
	const folder = tempFolder('operator-file');
	const data = join(folder, 'crm.json');
	const file = operatorFilePath(data, 'bo');
	await mkdir(dirname(file), {recursive: true});
	await writeFile(file, text);
	await expect(readOperatorFile(data, 'bo')).rejects.toThrow(`Cannot open the operator file ${file}: ${problem}.`);
});

test('a due survey waits for the form, the filter or the import to close, and never opens on a read-only console', () => {
	const size = {columns: 80, rows: 24};
	const key = (state: AppState, text: string) =>
		parseKeys(text).reduce((current, one) => appReducer(current, {type: 'key', key: one}), state);
	const due = (state: AppState) => appReducer(state, {type: 'surveyDue', escDeclines: false});
	const start = initialState(smallDemo(), size, fixedNow);
	expect(due(start).form?.survey).toEqual({offered: true, escDeclines: false});
	// Over a form: it waits, and opens once the form is left.
	const inForm = due(key(start, 'n'));
	expect(inForm.form?.definition.noun).toBe('customer');
	const left = key(inForm, '\u001B');
	expect(left.form?.survey?.offered).toBe(true);
	// While the filter is typed, and over a prompt of the command line.
	expect(due(key(start, '/ada')).form).toBeNull();
	expect(due(key(start, ':')).form).toBeNull();
	expect(due({...start, access: {role: 'admin', readonly: true}}).form).toBeNull();
	// Offered once: after Esc it is not offered again in this session.
	const closed = key(due(start), '\u001B');
	expect(closed.form).toBeNull();
	expect(closed.survey.esc).toEqual({declines: false, at: fixedNow});
	expect(key(closed, 'j').form).toBeNull();
});

test("in a group's shared folder the operators' folder is the group's, so each member's console can write there", async () => {
	const folder = tempFolder('operator-shared');
	await chmod(folder, 0o2770);
	const data = join(folder, 'crm.json');
	await writeOperatorFile(data, 'bo', {firstSeenAt: ago(1)});
	expect((await stat(dirname(operatorFilePath(data, 'bo')))).mode & 0o7777).toBe(0o2770);
	expect((await stat(operatorFilePath(data, 'bo'))).mode & 0o777).toBe(0o660);
});
