import {describe, expect, test} from 'vitest';
import {SealError} from '../../source/store/sealed/seal-error.js';
import {MasterKey} from '../../source/store/sealed/seal-keys.js';
import {newLineSalt, openLine, sealLine} from '../../source/store/sealed/seal-line.js';

/** Sealed lines (issue 22): the journal appends one sealed line per save. */
const key = new MasterKey(Buffer.alloc(32, 3));
const salt = Buffer.alloc(16, 9);

const codeOf = (run: () => unknown): string => {
	try {
		run();
	} catch (error) {
		if (error instanceof SealError) return error.code;
		throw error;
	}
	return 'opened';
};

/** A line's place as a journal binds it: its line number, 4 bytes big-endian. */
const place = (line: number): Buffer => {
	const bytes = Buffer.alloc(4);
	bytes.writeUInt32BE(line);
	return bytes;
};

const entry = JSON.stringify({op: 'update', id: 'cus_abcd1234', values: {email: 'ada@example.com', name: 'Ada'}});

describe('a sealed line', () => {
	test.each([
		['empty', ''],
		['one character', 'x'],
		['a journal entry', entry],
		['Chinese', '客户：张伟，电话 138 0000 0000'],
		['newlines and tabs inside', 'a\nb\r\n\tc'],
		['long', 'é'.repeat(50_000)],
	])('%s: one line of base64 that opens to the same text', (_, text) => {
		const line = sealLine(text, key, salt);
		expect(openLine(sealLine(text, key, salt, {bound: place(7)}), key, salt, {bound: place(7)})).toBe(text);
		expect(line).toMatch(/^[A-Za-z0-9+/]+=*$/);
		expect(openLine(line, key, salt)).toBe(text);
	});

	test('the same text seals to another line each time (a random nonce)', () => {
		expect(sealLine(entry, key, salt)).not.toBe(sealLine(entry, key, salt));
	});

	test('never holds the email or the name of its text', () => {
		const sealed = Buffer.from(sealLine(entry, key, salt), 'base64');
		for (const words of ['ada@example.com', 'cus_abcd1234', 'update']) expect(sealed.includes(words)).toBe(false);
	});

	test('any character changed is refused as damaged', () => {
		const line = sealLine(entry, key, salt);
		const opened: number[] = [];
		for (let index = 0; index < line.length; index++) {
			const changed = `${line.slice(0, index)}${line[index] === 'A' ? 'B' : 'A'}${line.slice(index + 1)}`;
			if (codeOf(() => openLine(changed, key, salt)) !== 'damaged') opened.push(index);
		}
		expect(opened).toEqual([]);
	});

	test('a stray low bit in its last character (the same bytes, spelt otherwise) is refused as damaged', () => {
		const line = sealLine('x', key, salt); // 29 bytes: the last character carries 2 bits no byte takes
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
		const last = line.replace(/=+$/, '').length - 1;
		const respelt = `${line.slice(0, last)}${alphabet[alphabet.indexOf(line[last]!) ^ 1]}${line.slice(last + 1)}`;
		expect(Buffer.from(respelt, 'base64').equals(Buffer.from(line, 'base64'))).toBe(true);
		expect(codeOf(() => openLine(respelt, key, salt))).toBe('damaged');
	});

	test('every single-bit flip of its bytes is refused as damaged', () => {
		const sealed = Buffer.from(sealLine('short', key, salt), 'base64');
		for (let bit = 0; bit < sealed.length * 8; bit++) {
			const flipped = Buffer.from(sealed);
			flipped[bit >> 3]! ^= 1 << (bit & 7);
			expect(
				codeOf(() => openLine(flipped.toString('base64'), key, salt)),
				`bit ${bit}`,
			).toBe('damaged');
		}
	});

	test.each([
		['another file salt', () => openLine(sealLine(entry, key, newLineSalt()), key, salt)],
		['another place', () => openLine(sealLine(entry, key, salt, {bound: place(2)}), key, salt, {bound: place(3)})],
		['bound, opened unbound', () => openLine(sealLine(entry, key, salt, {bound: place(1)}), key, salt)],
		['unbound, opened bound', () => openLine(sealLine(entry, key, salt), key, salt, {bound: place(1)})],
		['another key', () => openLine(sealLine(entry, new MasterKey(Buffer.alloc(32, 4)), salt), key, salt)],
	])('a line from %s is refused as damaged', (_, run) => {
		expect(codeOf(run)).toBe('damaged');
	});

	const line = sealLine(entry, key, salt);
	test.each([
		['empty', ''],
		['not base64', 'not base64 at all!'],
		['a JSON line of a plain journal', entry],
		['cut short (a torn write)', line.slice(0, 40)],
		['cut to the nonce and a tag', Buffer.from(line, 'base64').subarray(0, 27).toString('base64')],
		['with its newline', `${line}\n`],
		['twice', `${line}${line}`],
		['base64url', Buffer.from(line, 'base64').toString('base64url')],
	])('a line %s is refused as damaged', (_, text) => {
		expect(codeOf(() => openLine(text, key, salt))).toBe('damaged');
	});

	test('the message names the journal', () => {
		expect(() => openLine('x', key, salt, {file: '/srv/crm/crm.json.journal'})).toThrow(
			'/srv/crm/crm.json.journal is damaged (a sealed line fails its check',
		);
	});

	test.each([0, 8, 15])('a file salt of %i bytes is a developer’s error', (length) => {
		expect(() => sealLine('x', key, Buffer.alloc(length))).toThrow(RangeError);
	});
});
