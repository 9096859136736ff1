import {readFile} from 'node:fs/promises';
import {parse} from 'csv-parse/sync';
import type {CsvTable} from '../../domain/import/csv-table.js';
import {ImportError} from '../../domain/import/import-error.js';

export {ImportError};

/** Lines longer than this are refused: no real export has them, and they would stall the console. */
export const maxRecordBytes = 1_048_576;

const decoder = new TextDecoder('utf-8', {fatal: true});

/** Decodes UTF-8 strictly; invalid bytes are reported by line, not replaced silently. */
const decode = (file: string, bytes: Buffer): string => {
	try {
		return decoder.decode(bytes);
	} catch {
		let line = 1;
		let start = 0;
		for (let index = 0; index <= bytes.length; index++) {
			if (index === bytes.length || bytes[index] === 0x0a) {
				try {
					decoder.decode(bytes.subarray(start, index));
				} catch {
					throw new ImportError(`${file}: line ${line} is not UTF-8 text (save the file as UTF-8 and try again).`);
				}
				line++;
				start = index + 1;
			}
		}
		throw new ImportError(`${file} is not UTF-8 text.`);
	}
};

/** `,`, `;` or a tab: whichever the header line holds most of. */
const detectDelimiter = (text: string): string => {
	const header = text.slice(0, text.indexOf('\n') >>> 0).replace(/"[^"]*"/g, '');
	const counts = [',', ';', '\t'].map((delimiter) => [delimiter, header.split(delimiter).length - 1] as const);
	return counts.sort((a, b) => b[1] - a[1])[0]![0];
};

const reasons: Record<string, string> = {
	CSV_QUOTE_NOT_CLOSED: 'a quoted value is never closed (the file ends inside it)',
	CSV_RECORD_INCONSISTENT_COLUMNS: 'the row has a different number of columns than the header',
	CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'the row has a different number of columns than the header',
	CSV_MAX_RECORD_SIZE: `the row is longer than ${maxRecordBytes / 1_048_576} MB`,
	CSV_INVALID_CLOSING_QUOTE: 'a quote is followed by more text before the delimiter',
};

/**
 * The line each record starts on, from where each one ends (a byte offset): a record spanning
 * lines is named by its first, empty lines between records are skipped, and CRLF counts once.
 */
const startLines = (encoded: Buffer, ends: readonly number[]): number[] => {
	const lines: number[] = [];
	let line = 1;
	let position = 0;
	let previousEnd = 0;
	for (const end of ends) {
		let start = previousEnd;
		while (start < encoded.length && (encoded[start] === 0x0a || encoded[start] === 0x0d)) start++;
		for (; position < start; position++) if (encoded[position] === 0x0a) line++;
		lines.push(line);
		previousEnd = end;
	}
	return lines;
};

/** Reads a CSV export: BOM, quotes, embedded newlines, `,` `;` or tab. Any malformed row stops the import, named by line (and by `file`, the path as the operator wrote it). */
export const readCsv = async (path: string, file = path): Promise<CsvTable> => {
	let bytes: Buffer;
	try {
		bytes = await readFile(path);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		if (code === 'EISDIR') throw Object.assign(new ImportError(`${file} is a folder, not a file.`), {folder: true});
		const reason = code === 'ENOENT' ? 'does not exist' : code === 'EACCES' || code === 'EPERM' ? 'may not be read (no permission)' : `cannot be read: ${(error as Error).message}`;
		throw new ImportError(`${file} ${reason}.`);
	}
	const text = decode(file, bytes).replace(/^\uFEFF/, '');
	// The same bytes the text came from (the parser's offsets count them), without the BOM.
	const encoded = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
	if (text.trim() === '') throw new ImportError(`${file} is empty.`);
	const delimiter = detectDelimiter(text);
	let records: Array<{record: string[]; info: {lines: number; bytes: number}}>;
	let lastEnd = 0;
	try {
		records = parse(text, {
			delimiter,
			info: true,
			max_record_size: maxRecordBytes,
			skip_empty_lines: true,
			relax_column_count: false,
			on_record: (record, context) => {
				lastEnd = context.bytes;
				return record;
			},
		}) as never;
	} catch (error) {
		const {code} = error as {code?: string};
		// The record that failed starts after the last one read whole (the parser counts CR and LF apart, so lines are counted here).
		const at = startLines(encoded, [lastEnd, lastEnd])[1];
		throw new ImportError(`${file}: line ${at}: ${reasons[code ?? ''] ?? (error as Error).message}. Nothing was imported.`);
	}
	const [header, ...body] = records;
	const headers = header!.record.map((name) => name.trim());
	const duplicate = headers.find((name, index) => headers.indexOf(name) !== index);
	if (duplicate) throw new ImportError(`${file}: the column “${duplicate}” appears twice in the header.`);
	const starts = startLines(encoded, records.map((entry) => entry.info.bytes));
	const rows = body.map(({record}, index) => ({line: starts[index + 1]!, values: Object.fromEntries(headers.map((name, column) => [name, record[column] ?? ''])) as Record<string, string>}));
	return {headers, rows, delimiter};
};
