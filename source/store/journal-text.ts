import type {FileHandle} from 'node:fs/promises';
import type {JournalLine} from './journal.js';

// One save's line of the journal (journal.ts) as text, and the writing of it.

/** The line as one text, newline included. */
export const journalLineText = (line: JournalLine): string => `${JSON.stringify(line)}\n`;

/** How many records (or change-log entries) of a journal line are written into text at a time. */
const lineSlice = 500;

/**
 * `journalLineText(line)` in parts, joined: the records and the entries made into text
 * `lineSlice` at a time, with a turn of the event loop between slices. A bulk change's line
 * (10,000 records and as many entries, some 10 MB) made in one piece held the event loop, and
 * a key pressed meanwhile, for a third of a second; a save of one record is one slice, made at once.
 */
export const journalLineParts = async (line: JournalLine): Promise<string[]> => {
	const parts = [`{"seq":${JSON.stringify(line.seq)},"records":[`];
	await sliced(parts, line.records);
	parts.push('],"changes":[');
	await sliced(parts, line.changes);
	parts.push(`],"auditHead":${JSON.stringify(line.auditHead)}}\n`);
	return parts;
};

const sliced = async (parts: string[], list: readonly unknown[]): Promise<void> => {
	for (let start = 0; start < list.length; start += lineSlice) {
		if (start > 0) {
			await new Promise((resolve) => setImmediate(resolve));
			parts.push(',');
		}
		parts.push(JSON.stringify(list.slice(start, start + lineSlice)).slice(1, -1));
	}
};

/**
 * Writes all of `parts`, in order, in as few writes as the system takes (one `writev` each); a write
 * the system cuts short is carried on from where it stopped, and a write of nothing (a full disk) is
 * refused as ENOSPC.
 */
export const writeAll = async (
	handle: Pick<FileHandle, 'writev'>,
	path: string,
	parts: readonly Buffer[],
): Promise<void> => {
	let rest = parts.filter((part) => part.length > 0);
	while (rest.length > 0) {
		const {bytesWritten} = await handle.writev(rest);
		if (bytesWritten <= 0) {
			const left = rest.reduce((sum, part) => sum + part.length, 0);
			// i18n-exempt: a system error's words, said again by saveFailure from its code
			throw Object.assign(new Error(`${path}: the system wrote 0 of ${left} bytes`), {code: 'ENOSPC'});
		}
		rest = unwritten(rest, bytesWritten);
	}
};

/** What is left of `parts` once their first `count` bytes are written. */
const unwritten = (parts: readonly Buffer[], count: number): Buffer[] => {
	let skip = count;
	let index = 0;
	while (index < parts.length && skip >= parts[index]!.length) skip -= parts[index++]!.length;
	const rest = parts.slice(index);
	if (skip > 0 && rest.length > 0) rest[0] = rest[0]!.subarray(skip);
	return rest;
};
