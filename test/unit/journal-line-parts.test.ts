import type {FileHandle} from 'node:fs/promises';
import {describe, expect, test} from 'vitest';
import type {ChangeEntry} from '../../source/domain/change-log.js';
import type {AnyStoredRecord} from '../../source/domain/dataset.js';
import type {JournalLine, JournalRecord} from '../../source/store/journal.js';
import {journalLineParts, journalLineText, writeAll} from '../../source/store/journal-text.js';

const customer = (index: number): JournalRecord => ({
	entity: 'customers',
	id: `c${index}`,
	record: {id: `c${index}`, name: `客户 ${index} "quoted" \u001b[31m\n`, version: 2} as unknown as AnyStoredRecord,
	seal: `s${index}`,
});
const entry = (index: number) =>
	({id: `e${index}`, entity: 'customers', recordId: `c${index}`}) as unknown as ChangeEntry;
const line = (records: JournalRecord[], changes: ChangeEntry[]): JournalLine => ({
	seq: 7,
	records,
	changes,
	auditHead: {count: changes.length, hash: 'ab'.repeat(32)},
});
const deleted: JournalRecord = {entity: 'tickets', id: 't1', record: null};
const many = (count: number) => Array.from({length: count}, (_, index) => index);

describe('a journal line made in parts', () => {
	test.each([
		['no records and no entries', line([], [])],
		['a roles entry alone (no record)', line([], [entry(1)])],
		['one record and its entry', line([customer(1)], [entry(1)])],
		['a record deleted', line([deleted], [entry(2)])],
		['one slice exactly (500)', line(many(500).map(customer), many(500).map(entry))],
		['one past a slice (501)', line(many(501).map(customer), many(501).map(entry))],
		['a bulk change across slices', line([...many(1_201).map(customer), deleted], many(1_202).map(entry))],
	])('%s: joined, the same text as the whole line', async (_, journalLine) => {
		const parts = await journalLineParts(journalLine);
		expect(parts.join('')).toBe(journalLineText(journalLine));
		expect(JSON.parse(parts.join(''))).toEqual(JSON.parse(journalLineText(journalLine)));
	});

	test('a save of one slice is made at once; a larger one lets the event loop turn between slices', async () => {
		const turnsDuring = async (journalLine: JournalLine) => {
			let turns = 0;
			let counting = true;
			const count = () => {
				turns++;
				if (counting) setImmediate(count);
			};
			setImmediate(count);
			await journalLineParts(journalLine);
			counting = false;
			return turns;
		};
		expect(await turnsDuring(line([customer(1)], [entry(1)]))).toBe(0);
		expect(await turnsDuring(line(many(2_000).map(customer), many(2_000).map(entry)))).toBeGreaterThanOrEqual(6);
	});
});

describe('writing the parts', () => {
	const parts = ['{"seq":1,', '', 'é'.repeat(40), ',"x":[1,2,3]}\n'].map((text) => Buffer.from(text));
	const whole = Buffer.concat(parts);

	test.each([
		['the system takes everything at once', Number.POSITIVE_INFINITY],
		['the system cuts each write short (7 bytes)', 7],
		['one byte at a time (a character cut in two)', 1],
	])('%s: every byte written once, in order', async (_, most) => {
		const written: Buffer[] = [];
		const handle = {
			writev: async (buffers: readonly NodeJS.ArrayBufferView[]) => {
				const bytes = Buffer.concat(buffers as Buffer[]);
				const taken = bytes.subarray(0, Math.min(most, bytes.length));
				written.push(Buffer.from(taken));
				return {bytesWritten: taken.length, buffers};
			},
		} as unknown as Pick<FileHandle, 'writev'>;
		await writeAll(handle, 'crm.json.journal', parts);
		expect(Buffer.concat(written).equals(whole)).toBe(true);
	});

	test('a write of nothing (a full disk) is refused as ENOSPC, naming the file and what was left', async () => {
		const handle = {writev: async () => ({bytesWritten: 0, buffers: []})} as unknown as Pick<FileHandle, 'writev'>;
		await expect(writeAll(handle, 'crm.json.journal', parts)).rejects.toMatchObject({
			code: 'ENOSPC',
			message: `crm.json.journal: the system wrote 0 of ${whole.length} bytes`,
		});
	});

	test('nothing to write: no write at all', async () => {
		let calls = 0;
		const handle = {
			writev: async () => {
				calls++;
				return {bytesWritten: 0, buffers: []};
			},
		} as unknown as Pick<FileHandle, 'writev'>;
		await writeAll(handle, 'crm.json.journal', []);
		await writeAll(handle, 'crm.json.journal', [Buffer.alloc(0)]);
		expect(calls).toBe(0);
	});
});
