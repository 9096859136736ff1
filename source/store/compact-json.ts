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
}

const notCompact = (where: number): never => {
	// i18n-exempt: never shown (the file is then read whole, and any error said as that read says it)
	throw new NotCompact(`not a compact data file at byte ${where}`);
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
	if (bytes[at] !== openBrace || bytes[at + 1] !== quote) return null;
	const keyEnd = stringEnd(bytes, at + 1);
	if (keyEnd < 0 || bytes[keyEnd] !== colon) return null;
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
		if (!closed && after !== comma) return notCompact(stop);
		if (closed || stop - at >= size) {
			const records = listOf(bytes, at, stop);
			if (!records) return notCompact(at);
			return {records, next: closed ? stop : stop + 1, closed};
		}
		cursor = stop + 1;
	}
};

/** The next batch of a list's records from `at` (a record's first byte): about `size` bytes of them. */
const nextBatch = (bytes: Buffer, at: number, size: number, boundary: Buffer | null): Batch => {
	const cut = boundary ? bytes.indexOf(boundary, at + size) : -1;
	if (cut >= 0) {
		const records = listOf(bytes, at, cut + 1);
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
	if (bytes[at] !== quote) return notCompact(at);
	const end = stringEnd(bytes, at);
	if (end < 0 || bytes[end] !== colon) return notCompact(at);
	return {key: JSON.parse(textOf(bytes, at, end)) as string, next: end + 1};
};

/** The parts of one list that starts at `at` (its `[`); the last says where the list ends. */
function* listParts(bytes: Buffer, key: string, at: number, size: number): Generator<Part> {
	if (bytes[at + 1] === closeBracket) {
		yield {key, records: [], closed: true, end: at + 2};
		return;
	}
	const boundary = boundaryOf(bytes, at + 1);
	for (let from = at + 1; ; ) {
		const batch = nextBatch(bytes, from, size, boundary);
		yield {key, records: batch.records, closed: batch.closed, end: batch.closed ? batch.next + 1 : batch.next};
		if (batch.closed) return;
		from = batch.next;
	}
}

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

/**
 * The parts of a compact data file, in the file's order: the lists named in `lists` in batches of
 * about `size` bytes of records, every other top-level value whole. Throws NotCompact where the
 * bytes are not one compact JSON object (a space, a value cut short, text after its end).
 */
export function* compactParts(bytes: Buffer, lists: ReadonlySet<string>, size: number): Generator<Part> {
	if (bytes[0] !== openBrace) notCompact(0);
	let at = 1;
	if (bytes[at] !== closeBrace)
		for (;;) {
			const {key, next} = keyAt(bytes, at);
			at = next;
			if (lists.has(key) && bytes[at] === openBracket) {
				for (const part of listParts(bytes, key, at, size)) {
					yield part;
					at = part.end;
				}
			} else {
				const end = valueEnd(bytes, at);
				if (end < 0) notCompact(at);
				// A large object (the seals: a string per list) a member at a time, as the lists are parsed.
				if (bytes[at] === openBrace && end - at > size) yield* memberParts(bytes, key, at, end);
				else yield {key, value: JSON.parse(textOf(bytes, at, end)), end};
				at = end;
			}
			if (bytes[at] === closeBrace) break;
			if (bytes[at] !== comma) notCompact(at);
			at++;
		}
	// Only the newline crm ends the file with may follow.
	const rest = bytes.subarray(at + 1);
	if (rest.length > 1 || (rest.length === 1 && rest[0] !== 0x0a)) notCompact(at + 1);
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

/** Puts one part where the parsed top level keeps it. */
export const takePart = (raw: Record<string, unknown>, part: Part): void => {
	if ('records' in part) {
		const list = (raw[part.key] as unknown[] | undefined) ?? [];
		for (const record of part.records) list.push(record);
		raw[part.key] = list;
	} else if ('member' in part) {
		const object = (raw[part.key] as Record<string, unknown> | undefined) ?? {};
		object[part.member] = part.value;
		raw[part.key] = object;
	} else raw[part.key] = part.value;
};

/** The whole top level of a compact data file, parsed a part at a time: the file's text is never made whole. */
export const compactObject = (bytes: Buffer, lists: ReadonlySet<string>, size = 1 << 20): Record<string, unknown> => {
	const raw: Record<string, unknown> = {};
	for (const part of compactParts(bytes, lists, size)) takePart(raw, part);
	return raw;
};
