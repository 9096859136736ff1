/**
 * A data file as crm writes it once it is large — one line of JSON without spaces
 * (`JSON.stringify(data)`) — read a part at a time: the top-level values one by one, and each list
 * in batches of whole records, so that a console can draw the first records before the rest is
 * parsed and answer keys between batches. Anything not in that form (spaces, an edit by hand) is
 * NotCompact: the caller then reads the file whole, as before.
 *
 * Batches are cut at `},{"<first key>":`, the way every record of a list begins. The `{"` in it
 * cannot be inside a string (a quote in a string is escaped, `{\"`), so the cut is always between
 * two objects of some array; if it is inside a record (an array of objects in it), or past the
 * list's end, the batch does not parse as a list of whole values, and the batch is cut by walking
 * the values one by one instead.
 */

import {isUtf8} from 'node:buffer';
import {bufferPieces, type Pieces, pieceBytes} from './byte-pieces.js';
import {RepeatedText} from './repeated-text.js';

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const openBracket = 0x5b;
const closeBracket = 0x5d;

/** Not a compact data file (or not whole): read it the ordinary way. */
export class NotCompact extends Error {
	override readonly name = 'NotCompact'; // i18n-exempt: the error's class name
	constructor(
		message: string,
		/** Found at a byte that is there and wrong (an indented file's first line break): no more bytes would make it compact. */
		readonly certain = false,
	) {
		super(message);
	}
}

const notCompact = (where: number, certain = false): never => {
	// i18n-exempt: never shown (the file is then read whole, and any error said as that read says it)
	throw new NotCompact(`not a compact data file at byte ${where}`, certain);
};

/** NotCompact unless `byte` is `expected`; certain when the byte is there (not past the bytes read so far). */
const expectByte = (bytes: Uint8Array, at: number, expected: number): void => {
	const byte = bytes[at];
	if (byte !== expected) notCompact(at, byte !== undefined);
};

/** Just past the string whose opening quote is at `at`; -1 when the bytes end first. */
export const stringEnd = (bytes: Uint8Array, at: number): number => {
	let next = at;
	for (;;) {
		next = bytes.indexOf(quote, next + 1);
		if (next < 0) return -1;
		let slashes = 0;
		for (let back = next - 1; bytes[back] === backslash; back--) slashes++;
		if (slashes % 2 === 0) return next + 1;
	}
};

const isDelimiter = (byte: number): boolean => byte === comma || byte === closeBrace || byte === closeBracket;

/** Just past the JSON value that starts at `at` (no spaces in it); -1 when the bytes end first. */
export const valueEnd = (bytes: Uint8Array, at: number): number => {
	const first = bytes[at];
	if (first === undefined) return -1;
	if (first === quote) return stringEnd(bytes, at);
	if (first !== openBrace && first !== openBracket) {
		// A number, true, false or null: up to the delimiter after it.
		let index = at;
		while (index < bytes.length && !isDelimiter(bytes[index]!)) index++;
		return index < bytes.length ? index : -1;
	}
	let depth = 0;
	for (let index = at; index < bytes.length; ) {
		const byte = bytes[index]!;
		if (byte === quote) {
			index = stringEnd(bytes, index);
			if (index < 0) return -1;
			continue;
		}
		if (byte === openBrace || byte === openBracket) depth++;
		else if ((byte === closeBrace || byte === closeBracket) && --depth === 0) return index + 1;
		index++;
	}
	return -1;
};

const textOf = (bytes: Buffer, from: number, to: number): string => bytes.toString('utf8', from, to);

/** The values between `from` and `to` (whole values and the commas between them), as a list; null when they are not. */
const listOf = (bytes: Buffer, from: number, to: number): unknown[] | null => {
	try {
		return JSON.parse(`[${textOf(bytes, from, to)}]`) as unknown[];
	} catch {
		return null;
	}
};

/** How a list's records begin (`},{"id":`, preceded by the end of the record before); null when its first value is no object. */
const boundaryOf = (bytes: Buffer, at: number): Buffer | null => {
	// A byte not read yet decides nothing: the caller reads more.
	if (at + 1 >= bytes.length) return notCompact(at);
	if (bytes[at] !== openBrace || bytes[at + 1] !== quote) return null;
	const keyEnd = stringEnd(bytes, at + 1);
	if (keyEnd < 0) return notCompact(at);
	if (bytes[keyEnd] !== colon) return null;
	return Buffer.concat([Buffer.from('},'), bytes.subarray(at, keyEnd + 1)]);
};

type Batch = {records: unknown[]; next: number; closed: boolean};

/** Walks the values from `at` one by one: a batch of about `size` bytes, or up to the list's end. */
const walkBatch = (bytes: Buffer, at: number, size: number): Batch => {
	for (let cursor = at; ; ) {
		const stop = valueEnd(bytes, cursor);
		if (stop < 0) return notCompact(cursor);
		const after = bytes[stop];
		const closed = after === closeBracket;
		if (!closed) expectByte(bytes, stop, comma);
		if (closed || stop - at >= size) {
			const records = listOf(bytes, at, stop);
			if (!records) return notCompact(at);
			return {records, next: closed ? stop : stop + 1, closed};
		}
		cursor = stop + 1;
	}
};

/**
 * The text a slice of records is parsed from stays under this many bytes (a record or so more), and so under
 * V8's largest object of the young generation (128 KB, a character taking two bytes once one of them needs
 * it): a larger string is a heap object of its own, mapped afresh and faulted in page by page. Parsed in
 * slices of 32 KB, a file's records read four times as fast as in slices of 256 KB.
 */
const sliceBytes = 32 * 1024;

/**
 * The records from `from` to `to` (whole records, `to` just past the last one's `}`), as one list, parsed a
 * slice at a time where `boundary` (how a record of this list begins, after the one before) cuts them. A cut
 * inside a record (a nested object beginning as the records do) leaves a slice that is no list: the range is
 * then parsed whole, as before. Null when the range is not a list of values.
 */
const listInSlices = (bytes: Buffer, from: number, to: number, boundary: Buffer): unknown[] | null => {
	if (to - from <= 2 * sliceBytes) return listOf(bytes, from, to);
	const records: unknown[] = [];
	for (let at = from; at < to; ) {
		const found = to - at > 2 * sliceBytes ? bytes.indexOf(boundary, at + sliceBytes) : -1;
		const end = found >= 0 && found < to ? found + 1 : to;
		const slice = listOf(bytes, at, end);
		if (!slice) return listOf(bytes, from, to);
		for (const record of slice) records.push(record);
		at = end + 1;
	}
	return records;
};

/** The next batch of a list's records from `at` (a record's first byte): about `size` bytes of them. */
const nextBatch = (bytes: Buffer, at: number, size: number, boundary: Buffer | null): Batch => {
	const cut = boundary ? bytes.indexOf(boundary, at + size) : -1;
	if (boundary && cut >= 0) {
		const records = listInSlices(bytes, at, cut + 1, boundary);
		if (records) return {records, next: cut + 2, closed: false};
	}
	return walkBatch(bytes, at, size);
};

/** One part of the file: a batch of a list's records (`closed` on its last), or a top-level value; `end` is how far the bytes are read. */
export type Part =
	| {key: string; records: unknown[]; closed: boolean; end: number}
	| {key: string; value: unknown; end: number}
	/** One member of a large top-level object. */
	| {key: string; member: string; value: unknown; end: number};

/** The key that starts at `at` (its opening quote), and just past its colon. */
const keyAt = (bytes: Buffer, at: number): {key: string; next: number} => {
	expectByte(bytes, at, quote);
	const end = stringEnd(bytes, at);
	if (end < 0) return notCompact(at);
	expectByte(bytes, end, colon);
	return {key: JSON.parse(textOf(bytes, at, end)) as string, next: end + 1};
};

/** The members of the object from `at` (its `{`) to `end`, one part each. */
function* memberParts(bytes: Buffer, key: string, at: number, end: number): Generator<Part> {
	for (let cursor = at + 1; bytes[cursor] !== closeBrace; ) {
		const member = keyAt(bytes, cursor);
		const stop = valueEnd(bytes, member.next);
		if (stop < 0 || stop >= end) notCompact(member.next);
		yield {key, member: member.key, value: JSON.parse(textOf(bytes, member.next, stop)), end: stop};
		cursor = bytes[stop] === comma ? stop + 1 : stop;
	}
}

/** Where the reading of the top level is (`at`, in the bytes held): at its `{`, at a key, in a list, after a value, at its `}`. */
type Place =
	| {in: 'start' | 'key' | 'after' | 'close'; at: number}
	| {in: 'list'; at: number; key: string; boundary: Buffer | null};

/** The parts from one place (their `end` in the bytes held) and the place after them; NotCompact when the bytes end first (or are not compact). */
const stepAt = (
	bytes: Buffer,
	place: Place,
	lists: ReadonlySet<string>,
	size: number,
): {parts: Part[]; place: Place} => {
	const {at} = place;
	if (place.in === 'list') {
		const batch = nextBatch(bytes, at, size, place.boundary);
		const part = {key: place.key, records: batch.records, closed: batch.closed};
		if (batch.closed) return {parts: [{...part, end: batch.next + 1}], place: {in: 'after', at: batch.next + 1}};
		return {parts: [{...part, end: batch.next}], place: {...place, at: batch.next}};
	}
	if (place.in === 'start') {
		expectByte(bytes, at, openBrace);
		if (at + 1 >= bytes.length) notCompact(at);
		return {parts: [], place: {in: bytes[at + 1] === closeBrace ? 'close' : 'key', at: at + 1}};
	}
	if (place.in === 'after') {
		if (bytes[at] === closeBrace) return {parts: [], place: {in: 'close', at}};
		expectByte(bytes, at, comma);
		return {parts: [], place: {in: 'key', at: at + 1}};
	}
	const {key, next} = keyAt(bytes, at);
	if (lists.has(key) && bytes[next] === openBracket) {
		if (next + 1 >= bytes.length) notCompact(next);
		if (bytes[next + 1] === closeBracket)
			return {parts: [{key, records: [], closed: true, end: next + 2}], place: {in: 'after', at: next + 2}};
		return {parts: [], place: {in: 'list', at: next + 1, key, boundary: boundaryOf(bytes, next + 1)}};
	}
	const end = valueEnd(bytes, next);
	if (end < 0) notCompact(next);
	// A large object (the seals: a string per list) a member at a time, as the lists are parsed.
	const parts: Part[] =
		bytes[next] === openBrace && end - next > size
			? [...memberParts(bytes, key, next, end)]
			: [{key, value: JSON.parse(textOf(bytes, next, end)), end}];
	return {parts, place: {in: 'after', at: end}};
};

/**
 * The bytes of the file held while it is read: from the place being read on, a few pieces ahead.
 * `base` is where they start in the file.
 */
class Held {
	bytes: Buffer = Buffer.alloc(0);
	base = 0;
	ended = false;
	/**
	 * Two buffers the bytes held are copied into in turn (the bytes kept, then the pieces after them), kept for the
	 * whole read: a buffer of megabytes made for each piece is memory mapped afresh and faulted in page by page,
	 * which cost more than the copy (220 ms of a 73 MB file's read). `holding` is the one `bytes` is in (-1: none).
	 */
	private readonly buffers: [Buffer, Buffer] = [Buffer.alloc(0), Buffer.alloc(0)];
	private holding = -1;
	constructor(private readonly pieces: Pieces) {}

	/** Lets go of the bytes before `place` (moved to count from the bytes kept) and adds `count` pieces. */
	more(place: Place, count: number): void {
		const kept = this.bytes.subarray(place.at);
		this.base += place.at;
		place.at = 0;
		if (kept.length === 0 && count === 1 && !this.pieces.nextInto) {
			// Nothing kept: the piece itself (a file given whole is never copied), valid until the next piece is asked for.
			const piece = this.pieces.next();
			if (piece === null) this.ended = true;
			this.bytes = piece ?? kept;
			this.holding = -1;
			return;
		}
		// The bytes kept go first: a piece may be read into the buffer they are in (see Pieces).
		const into = this.holding === 0 ? 1 : 0;
		let length = this.put(into, kept, 0);
		for (let added = 0; added < count && !this.ended; added++) {
			if (this.pieces.nextInto) {
				// Read straight into the buffer, with room for a whole piece.
				this.room(into, length + pieceBytes, length);
				const read = this.pieces.nextInto(this.buffers[into], length);
				if (read > 0) length += read;
				else this.ended = true;
				continue;
			}
			const piece = this.pieces.next();
			if (piece) length = this.put(into, piece, length);
			else this.ended = true;
		}
		this.bytes = this.buffers[into].subarray(0, length);
		this.holding = into;
	}

	/** Makes buffer `into` at least `length` bytes long, keeping its first `used` bytes. */
	private room(into: 0 | 1, length: number, used: number): void {
		const buffer = this.buffers[into];
		if (length <= buffer.length) return;
		const larger = Buffer.allocUnsafeSlow(Math.max(2 * buffer.length, length));
		buffer.copy(larger, 0, 0, used);
		this.buffers[into] = larger;
	}

	/** Copies `bytes` into buffer `into` at `at` (made larger when they do not fit), and says where they end. */
	private put(into: 0 | 1, bytes: Buffer, at: number): number {
		this.room(into, at + bytes.length, at);
		bytes.copy(this.buffers[into], at);
		return at + bytes.length;
	}

	/** `stepAt` from `place`, with more bytes (twice as many each time) while it runs out of them. */
	step(place: Place, lists: ReadonlySet<string>, size: number): ReturnType<typeof stepAt> {
		for (let count = 1; ; count *= 2) {
			try {
				return stepAt(this.bytes, place, lists, size);
			} catch (error) {
				if (!(error instanceof NotCompact) || error.certain || this.ended) throw error;
				this.more(place, count);
			}
		}
	}
}

/**
 * The parts of a compact data file, in the file's order: the lists named in `lists` in batches of
 * about `size` bytes of records, every other top-level value whole. Read from `source` a piece at a
 * time: only the pieces not yet parsed are held. Throws NotCompact where the bytes are not one
 * compact JSON object of UTF-8 (a space, a value cut short, text after its end).
 */
export function* compactParts(source: Buffer | Pieces, lists: ReadonlySet<string>, size: number): Generator<Part> {
	const held = new Held(Buffer.isBuffer(source) ? bufferPieces(source) : source);
	let place: Place = {in: 'start', at: 0};
	for (;;) {
		if (!held.ended && held.bytes.length - place.at < 2 * size) held.more(place, 1);
		if (place.in === 'close') break;
		const step = held.step(place, lists, size);
		// What the step read (`place` moved with the bytes kept, had it to read more).
		if (!isUtf8(held.bytes.subarray(place.at, step.place.at))) notCompact(held.base + place.at);
		for (const part of step.parts) yield {...part, end: held.base + part.end};
		place = step.place;
	}
	while (!held.ended) held.more(place, 1);
	// Only the newline crm ends the file with may follow.
	const rest = held.bytes.subarray(place.at + 1);
	if (rest.length > 1 || (rest.length === 1 && rest[0] !== 0x0a)) notCompact(held.base + place.at + 1);
}

/**
 * The first `count` records of the file's first list, from its first bytes (`head`, cut anywhere),
 * with the top-level values before that list; null when the head holds none of them (not compact,
 * or the first value is no list).
 */
export const leadingRecords = (
	head: Buffer,
	count: number,
): {key: string; records: unknown[]; before: Record<string, unknown>; end: number} | null => {
	try {
		if (head[0] !== openBrace) return null;
		const before: Record<string, unknown> = {};
		for (let at = 1; ; ) {
			const {key, next} = keyAt(head, at);
			if (head[next] === openBracket) return {key, before, ...leadingValues(head, next + 1, count)};
			const end = valueEnd(head, next);
			if (end < 0 || head[end] !== comma) return null;
			before[key] = JSON.parse(textOf(head, next, end));
			at = end + 1;
		}
	} catch {
		return null;
	}
};

/** Up to `count` whole values of a list from `at` (its first value's first byte), as far as the bytes go, and where they end. */
const leadingValues = (bytes: Buffer, at: number, count: number): {records: unknown[]; end: number} => {
	if (bytes[at] === closeBracket) return {records: [], end: at};
	let stop = at;
	for (let taken = 0, cursor = at; taken < count; taken++) {
		const end = valueEnd(bytes, cursor);
		if (end < 0 || end >= bytes.length) break;
		stop = end;
		if (bytes[end] !== comma) break;
		cursor = end + 1;
	}
	const records = stop === at ? null : listOf(bytes, at, stop);
	return records ? {records, end: stop} : {records: [], end: at};
};

/** Puts one part where the parsed top level keeps it (its records' repeated text shared through `repeated`). */
export const takePart = (raw: Record<string, unknown>, part: Part, repeated?: RepeatedText): void => {
	if ('records' in part) {
		repeated?.share(part.key, part.records);
		const list = (raw[part.key] as unknown[] | undefined) ?? [];
		for (const record of part.records) list.push(record);
		raw[part.key] = list;
	} else if ('member' in part) {
		const object = (raw[part.key] as Record<string, unknown> | undefined) ?? {};
		object[part.member] = part.value;
		raw[part.key] = object;
	} else raw[part.key] = part.value;
};

/** The whole top level of a compact data file, parsed a part at a time: its text is never made whole, nor its bytes held (pieces). */
export const compactObject = (
	source: Buffer | Pieces,
	lists: ReadonlySet<string>,
	size = 1 << 20,
): Record<string, unknown> => {
	const raw: Record<string, unknown> = {};
	const repeated = new RepeatedText();
	for (const part of compactParts(source, lists, size)) takePart(raw, part, repeated);
	return raw;
};
