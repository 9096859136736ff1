import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {openPieces, type Pieces} from '../../source/store/byte-pieces.js';
import {compactParts, leadingRecords, NotCompact, type Part, valueEnd} from '../../source/store/compact-json.js';
import {tempFolder} from '../support/temp-folder.js';

const lists = new Set(['customers', 'orders', 'changes']);

/** The parts put back together, as the reader of a data file puts them. */
const assembled = (parts: Iterable<Part>): Record<string, unknown> => {
	const raw: Record<string, unknown> = {};
	for (const part of parts) {
		if ('records' in part) raw[part.key] = [...((raw[part.key] as unknown[]) ?? []), ...part.records];
		else if ('member' in part) raw[part.key] = {...(raw[part.key] as object), [part.member]: part.value};
		else raw[part.key] = part.value;
	}
	return raw;
};

/** The text's bytes given `size` at a time, as a file read in pieces gives them. */
const piecesOf = (text: string, size: number, encoding: BufferEncoding = 'utf8'): Pieces => {
	const bytes = Buffer.from(text, encoding);
	let at = 0;
	return {
		size: bytes.length,
		next: () => {
			if (at >= bytes.length) return null;
			at += size;
			return bytes.subarray(at - size, at);
		},
	};
};

const partsOf = (value: unknown, size: number) => [
	...compactParts(Buffer.from(`${JSON.stringify(value)}\n`), lists, size),
];

/** Text a record's fields may hold that looks like the file's own punctuation. */
const awkward = [
	'',
	'},{"id":"cus_2"}',
	'],"orders":[',
	'\\',
	'\\"',
	'"},{"',
	'end with a backslash \\',
	'周婷 上海华信贸易 — ☃ 🎉',
	'line\nbreak\ttab\u0000nul\u001b[31mred',
	'{"id":"x"}',
];

const customers = (count: number) =>
	Array.from({length: count}, (_, index) => ({
		id: `cus_${index}`,
		name: awkward[index % awkward.length],
		tags: index % 3 === 0 ? [] : ['a', awkward[(index + 1) % awkward.length]],
		nested: {id: `n${index}`, list: [{id: 'inner'}, {id: 'inner2', deep: [[], {}]}]},
		amount: index % 2 === 0 ? index * 1.5 : -index,
		when: null,
		done: index % 2 === 0,
	}));

// Orders hold arrays of objects whose first key is the records' own first key: every such cut is inside a record.
const orders = (count: number) =>
	Array.from({length: count}, (_, index) => ({
		id: `ord_${index}`,
		lines: [{id: `l${index}a`}, {id: `l${index}b`, note: '},{"id":'}],
	}));

describe('compactParts', () => {
	const files: Array<[string, Record<string, unknown>]> = [
		['an empty object', {}],
		['empty lists', {schemaVersion: 3, customers: [], orders: [], changes: []}],
		['one record', {schemaVersion: 3, customers: customers(1)}],
		['awkward text, nested records', {schemaVersion: 3, customers: customers(300), orders: orders(200), changes: []}],
		[
			'values between and after the lists',
			{a: 1, customers: customers(50), b: {c: [1, {d: 'e'}]}, orders: orders(3), z: null},
		],
		['a list of numbers and strings', {customers: [1, 'two', null, [3], {four: 4}]}],
		[
			'a large object (member by member)',
			{customers: customers(5), seals: {customers: ';a:b;'.repeat(400), orders: ';'}},
		],
		['a list name that is no list', {customers: 'none', orders: {id: 1}}],
	];
	test.each(files)('%s: the parts put together are the file', (_name, value) => {
		for (const size of [1, 7, 100, 4096, 1 << 20]) expect(assembled(partsOf(value, size))).toEqual(value);
	});

	test('batches stay near their size, and every list ends with a closed part', () => {
		const parts = partsOf({customers: customers(2000), orders: orders(2000)}, 8192);
		const batches = parts.filter((part) => 'records' in part);
		expect(batches.length).toBeGreaterThan(20);
		for (const key of ['customers', 'orders'])
			expect(batches.filter((part) => part.key === key && 'closed' in part && part.closed)).toHaveLength(1);
		// `end` only moves forward.
		const ends = parts.map((part) => part.end);
		expect(ends).toEqual([...ends].sort((a, b) => a - b));
	});

	const notCompact: Array<[string, string]> = [
		['empty', ''],
		['spaces (an edit by hand)', '{ "customers": [] }'],
		['indented', JSON.stringify({customers: customers(2)}, null, 2)],
		['cut short', JSON.stringify({customers: customers(20)}).slice(0, 500)],
		['cut inside a string', '{"customers":[{"id":"cus_1'],
		['text after the end', `${JSON.stringify({customers: []})}x`],
		['two newlines after', `${JSON.stringify({customers: []})}\n\n`],
		['a list at the top', '[]'],
		['no colon', '{"customers"[]}'],
	];
	test.each(notCompact)('%s: NotCompact', (_name, text) => {
		expect(() => [...compactParts(Buffer.from(text), lists, 64)]).toThrow(NotCompact);
		for (const piece of [1, 5, 64])
			expect(() => [...compactParts(piecesOf(text, piece), lists, 64)]).toThrow(NotCompact);
	});

	// A file read a piece at a time (`byte-pieces.ts`): the same parts, the same ends, whatever the pieces cut.
	test.each(files)('%s: read in pieces, the same parts as from the whole bytes', (_name, value) => {
		const text = `${JSON.stringify(value)}\n`;
		for (const size of [1, 100, 4096])
			for (const piece of [1, 3, 64, 1000, 1 << 20]) {
				const whole = [...compactParts(Buffer.from(text), lists, size)];
				expect([...compactParts(piecesOf(text, piece), lists, size)]).toEqual(whole);
			}
	});

	// Batches of more than 64 KB are parsed in slices of about 32 KB, cut where a record begins (compact-json.ts
	// `listInSlices`); orders hold objects that begin as records do, so some cuts fall inside a record.
	test('large batches, parsed in slices: the same records as small batches give, whatever records hold', () => {
		const value = {schemaVersion: 3, customers: customers(3000), orders: orders(6000), changes: []};
		const text = `${JSON.stringify(value)}\n`;
		expect(Buffer.byteLength(text)).toBeGreaterThan(800_000);
		const large = partsOf(value, 1 << 20);
		expect(large.filter((part) => 'records' in part && part.records.length > 1000).length).toBeGreaterThan(1);
		expect(assembled(large)).toEqual(value);
		expect(assembled(partsOf(value, 256 * 1024))).toEqual(value);
		expect(large).toEqual([...compactParts(piecesOf(text, 4096), lists, 1 << 20)]);
	});

	// A plain file's pieces are read into the same buffer each time (byte-pieces.ts): the reader copies what it keeps.
	test('pieces read into the same memory each time: the same parts as from the whole bytes', () => {
		const value = {schemaVersion: 3, customers: customers(2000), orders: orders(2000), changes: []};
		const text = `${JSON.stringify(value)}\n`;
		const bytes = Buffer.from(text);
		for (const [piece, size] of [
			[1000, 4096],
			[64 * 1024, 256 * 1024],
			[4096, 1 << 20],
		] as const) {
			const shared = Buffer.alloc(piece);
			let at = 0;
			const reused: Pieces = {
				size: bytes.length,
				next: () => {
					if (at >= bytes.length) return null;
					// The piece before is overwritten, as a read into the same buffer does.
					shared.fill(0x7b);
					const length = bytes.copy(shared, 0, at, Math.min(bytes.length, at + piece));
					at += length;
					return shared.subarray(0, length);
				},
			};
			expect([...compactParts(reused, lists, size)]).toEqual([...compactParts(bytes, lists, size)]);
		}
	});

	// A plain file's pieces go straight into the reader's own buffers (`nextInto`): 64 KB first, then 4 MB at a time.
	test('a plain file of several pieces, read straight into the reader’s buffers: the same parts as from its whole bytes', async () => {
		const value = {schemaVersion: 3, customers: customers(36_000), orders: orders(36_000), changes: []};
		const text = `${JSON.stringify(value)}\n`;
		expect(Buffer.byteLength(text)).toBeGreaterThan(9 * 1024 * 1024);
		const file = join(tempFolder('compact-pieces'), 'crm.json');
		writeFileSync(file, text);
		for (const size of [256 * 1024, 1 << 20]) {
			const opened = (await openPieces(file, 1 << 30))!;
			try {
				expect(opened.pieces.nextInto).toBeDefined();
				expect([...compactParts(opened.pieces, lists, size)]).toEqual([
					...compactParts(Buffer.from(text), lists, size),
				]);
			} finally {
				opened.close();
			}
		}
	});

	test('read in pieces, only the bytes not yet parsed are held', () => {
		const text = `${JSON.stringify({customers: customers(3000), orders: orders(3000)})}\n`;
		let given = 0;
		let largest = 0;
		const pieces = piecesOf(text, 1024);
		const counted = {
			size: pieces.size,
			next: () => {
				given += 1024;
				return pieces.next();
			},
		};
		let parsed = 0;
		for (const part of compactParts(counted, lists, 2048)) {
			// Never more than a few parts' worth read ahead of what the parts have reached.
			largest = Math.max(largest, given - part.end);
			parsed = part.end;
		}
		// The last list ends just before the file's `}` and newline.
		expect(parsed).toBe(Buffer.byteLength(text) - 2);
		expect(largest).toBeLessThan(4 * 2048 + 2 * 1024);
	});

	// The demo file, and any file of fewer than 10,000 records, is written indented: read whole from the start.
	test('an indented file is NotCompact at its first line break, with no more of it read', () => {
		const text = JSON.stringify({schemaVersion: 3, customers: customers(3000)}, null, 2);
		expect(text.length).toBeGreaterThan(500_000);
		for (const piece of [1, 64, 1024]) {
			const pieces = piecesOf(text, piece);
			let given = 0;
			const counted: Pieces = {
				size: pieces.size,
				next: () => {
					given++;
					return pieces.next();
				},
			};
			expect(() => [...compactParts(counted, lists, 4096)]).toThrow(NotCompact);
			// Its first bytes (`{`, a line break), not the rest of it.
			expect(given).toBeLessThanOrEqual(3);
		}
	});

	test('text that is not UTF-8 is NotCompact, in pieces too', () => {
		const bytes = Buffer.concat([
			Buffer.from('{"customers":[{"id":"'),
			Buffer.from([0xff, 0xfe]),
			Buffer.from('"}]}\n'),
		]);
		expect(() => [...compactParts(bytes, lists, 64)]).toThrow(NotCompact);
		expect(() => [...compactParts(piecesOf(bytes.toString('latin1'), 3, 'latin1'), lists, 64)]).toThrow(NotCompact);
	});
});

describe('valueEnd', () => {
	const values: Array<[string, string]> = [
		['a string', '"a\\"b\\\\"'],
		['a number', '-12.5e3'],
		['null', 'null'],
		['an object', '{"a":[1,{"b":"}"}]}'],
		['an empty list', '[]'],
	];
	test.each(values)('%s', (_name, text) => {
		// Followed by a delimiter, as in a file.
		expect(valueEnd(Buffer.from(`${text},`), 0)).toBe(text.length);
	});
	test('-1 when the bytes end first', () => {
		for (const text of ['"abc', '{"a":1', '[1,2', '12', '']) expect(valueEnd(Buffer.from(text), 0)).toBe(-1);
	});
});

describe('leadingRecords', () => {
	const file = Buffer.from(JSON.stringify({schemaVersion: 3, customers: customers(40), orders: orders(5)}));
	const all = customers(40);

	test('the first records, however the head is cut, and never more than asked', () => {
		for (let cut = 0; cut <= file.length; cut += 7) {
			const lead = leadingRecords(file.subarray(0, cut), 25);
			if (lead === null) {
				// Only a head too short for the first key and its list.
				expect(cut).toBeLessThan(40);
				continue;
			}
			expect(lead.key).toBe('customers');
			expect(lead.before).toEqual({schemaVersion: 3});
			expect(lead.records.length).toBeLessThanOrEqual(25);
			expect(lead.records).toEqual(all.slice(0, lead.records.length));
		}
		expect(leadingRecords(file, 25)?.records).toEqual(all.slice(0, 25));
		// Where the records taken end: just before the comma after the 25th.
		const end = leadingRecords(file, 25)!.end;
		expect(JSON.parse(`[${file.toString('utf8', file.indexOf('[') + 1, end)}]`)).toEqual(all.slice(0, 25));
		expect(leadingRecords(file, 1000)?.records).toEqual(all);
	});

	const none: Array<[string, string]> = [
		['empty', ''],
		['not an object', '[1,2]'],
		['indented', JSON.stringify({customers: []}, null, 2)],
		['no list before the end', '{"schemaVersion":3}'],
	];
	test.each(none)('%s: null', (_name, text) => {
		expect(leadingRecords(Buffer.from(text), 10)).toBeNull();
	});

	test('an empty first list: no records', () => {
		expect(leadingRecords(Buffer.from('{"customers":[],"orders":[{"id":1}]}'), 10)).toEqual({
			key: 'customers',
			records: [],
			before: {},
			end: 14,
		});
	});
});
