import {isUtf8} from 'node:buffer';
import {constants} from 'node:fs';
import {type FileHandle, open} from 'node:fs/promises';
import {type CsvError, type Options, parse} from 'csv-parse/sync';
import type {CsvRow, CsvTable} from '../../domain/import/csv-table.js';
import {ImportError} from '../../domain/import/import-error.js';
import {t} from '../../i18n/i18n.js';
import {type CsvSource, openedIfSealed} from './sealed-csv.js';

export {ImportError};

/** Lines longer than this are refused: no real export has them, and they would stall the console. */
export const maxRecordBytes = 1_048_576;

/**
 * Files larger than this are refused before a byte is read: an import is one change held in memory
 * and saved at once, and a data file of that many records no longer fits one JSON text.
 */
export const maxCsvBytes = 1_073_741_824;

/** Bytes read at a time: each read is parsed and handed on as a batch of rows. */
const chunkBytes = 262_144;

const sizeText = (bytes: number): string => {
	const [unit, scale] =
		bytes >= 1_073_741_824
			? ['GB', 1_073_741_824]
			: bytes >= 1_048_576
				? ['MB', 1_048_576]
				: bytes >= 1024
					? ['KB', 1024]
					: ['bytes', 1];
	return `${(bytes / scale).toLocaleString('en-US', {maximumFractionDigits: 1})} ${unit}`;
};

/** What the parser's refusal means, in words (its code, for one it has no words for). */
const reason = (code: string): string | undefined => {
	switch (code) {
		case 'CSV_QUOTE_NOT_CLOSED':
			return t('cli.csv.quoteNotClosed');
		case 'CSV_RECORD_INCONSISTENT_COLUMNS':
		case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH':
			return t('cli.csv.columns');
		case 'CSV_MAX_RECORD_SIZE':
			return t('cli.csv.tooLong', {megabytes: maxRecordBytes / 1_048_576});
		case 'CSV_INVALID_CLOSING_QUOTE':
			return t('cli.csv.closingQuote');
		case 'INVALID_OPENING_QUOTE':
			return t('cli.csv.openingQuote');
		default:
			return undefined;
	}
};

const quote = 0x22;
const lineFeed = 0x0a;
const carriageReturn = 0x0d;

/** `,`, `;` or a tab: whichever the header line holds most of. */
const detectDelimiter = (header: string): string => {
	const unquoted = header.replace(/"[^"]*"/g, '');
	const counts = [',', ';', '\t'].map((delimiter) => [delimiter, unquoted.split(delimiter).length - 1] as const);
	return counts.sort((a, b) => b[1] - a[1])[0]![0];
};

/** How records end, as the parser would find out from the first line end outside quotes: `\r\n`, `\n`, or a lone `\r` (old Mac exports). */
const detectRecordDelimiter = (bytes: Buffer): string => {
	let quoted = false;
	for (let index = 0; index < bytes.length; index++) {
		const byte = bytes[index];
		if (byte === quote) quoted = !quoted;
		else if (!quoted && byte === lineFeed) return '\n';
		else if (!quoted && byte === carriageReturn)
			return bytes[index + 1] === lineFeed ? '\r\n' : index + 1 < bytes.length ? '\r' : '\n';
	}
	return '\n';
};

/**
 * Where the last whole record in `bytes` ends (just after its line end), or 0 if none does:
 * a line end counts when an even number of quotes precedes it (RFC 4180 quotes come in pairs;
 * a stray quote breaks the count only in a row the parser refuses anyway).
 */
const lastRecordEnd = (bytes: Buffer, lineEnd: number): number => {
	const quotes: number[] = [];
	for (let at = bytes.indexOf(quote); at !== -1; at = bytes.indexOf(quote, at + 1)) quotes.push(at);
	let quotesBefore = quotes.length;
	for (let at = bytes.lastIndexOf(lineEnd); at !== -1; at = at === 0 ? -1 : bytes.lastIndexOf(lineEnd, at - 1)) {
		while (quotesBefore > 0 && quotes[quotesBefore - 1]! > at) quotesBefore--;
		if (quotesBefore % 2 === 0) return at + 1;
	}
	return 0;
};

/** Lines a record takes: one, and one more for each line break inside its quoted values. */
const linesOf = (record: readonly string[], lineBreak: string): number => {
	let lines = 1;
	for (const value of record)
		for (let at = value.indexOf(lineBreak); at !== -1; at = value.indexOf(lineBreak, at + 1)) lines++;
	return lines;
};

/** An empty line (the parser gives it as one empty value); in a file of one column, an empty value is taken for one too. */
const isEmptyLine = (record: readonly string[]): boolean => record.length === 1 && record[0] === '';

/** A file as a CSV import may read it: a regular file, not too large. Anything else is refused by name, before it is read. */
const openRegularFile = async (
	path: string,
	file: string,
	maxBytes: number,
): Promise<{handle: FileHandle; size: number; modified: number}> => {
	let handle: FileHandle;
	try {
		// Non-blocking, so that opening a FIFO returns at once (to be refused below) instead of waiting for a writer.
		handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new ImportError(
			code === 'ENOENT'
				? t('cli.csv.missing', {file})
				: code === 'EACCES' || code === 'EPERM'
					? t('cli.csv.noPermission', {file})
					: t('cli.csv.unreadable', {file, message: (error as Error).message}),
		);
	}
	const stats = await handle.stat();
	const refuse = async (error: Error): Promise<never> => {
		await handle.close();
		throw error;
	};
	if (stats.isDirectory()) return refuse(Object.assign(new ImportError(t('cli.csv.folder', {file})), {folder: true}));
	if (!stats.isFile()) {
		const kind = stats.isFIFO()
			? t('cli.csv.pipe')
			: stats.isCharacterDevice() || stats.isBlockDevice()
				? t('cli.csv.device')
				: stats.isSocket()
					? t('cli.csv.socket')
					: t('cli.csv.notRegular');
		return refuse(new ImportError(t('cli.csv.notAFile', {file, kind})));
	}
	if (stats.size > maxBytes)
		return refuse(new ImportError(t('cli.csv.tooLarge', {file, size: sizeText(stats.size), most: sizeText(maxBytes)})));
	return {handle, size: stats.size, modified: stats.mtimeMs};
};

type ParsedRecord = {values: string[]; line: number};

/**
 * An open CSV export: its header, and its rows read from disk a batch at a time, never the whole
 * file at once. BOM, quotes, embedded newlines, `,` `;` or tab; strict UTF-8; any malformed row
 * stops the reading, named by its line (and by `file`, the path as the operator wrote it).
 */
export class CsvFile {
	private constructor(
		private readonly handle: CsvSource,
		/** The path as the operator wrote it, for messages. */
		readonly file: string,
		/** Bytes in the file, as it was opened. */
		readonly bytes: number,
		private readonly modified: number,
		readonly headers: string[],
		readonly delimiter: string,
		private readonly recordDelimiter: string,
	) {}

	/** Opens `path` and reads its header; the rows wait for `batches`. `maxBytes`: the largest file it reads. */
	static async open(path: string, file = path, {maxBytes = maxCsvBytes}: {maxBytes?: number} = {}): Promise<CsvFile> {
		const regular = await openRegularFile(path, file, maxBytes);
		const {
			source: handle,
			size,
			modified,
		} = await openedIfSealed(regular.handle, path, regular).catch(async (error: unknown) => {
			await regular.handle.close();
			throw error;
		});
		try {
			const start = await CsvFile.readStart(handle);
			const delimiter = detectDelimiter(start.header);
			const csv = new CsvFile(handle, file, size, modified, [], delimiter, detectRecordDelimiter(start.bytes));
			let header: ParsedRecord | undefined;
			for await (const records of csv.records()) {
				header = records[0];
				if (header) break;
			}
			if (!header) throw new ImportError(t('cli.csv.empty', {file}));
			const headers = header.values.map((name) => name.trim());
			if (headers.every((name) => name === ''))
				throw new ImportError(t('cli.csv.noColumns', {file, line: header.line}));
			const duplicate = headers.find((name, index) => headers.indexOf(name) !== index);
			if (duplicate !== undefined) throw new ImportError(t('cli.csv.duplicate', {file, column: duplicate}));
			csv.headers.push(...headers);
			return csv;
		} catch (error) {
			await handle.close();
			throw error;
		}
	}

	/** The first line's text (to tell the delimiter) and the bytes it was found in, BOM left out; its bytes are checked as UTF-8 when its rows are read. */
	private static async readStart(handle: CsvSource): Promise<{header: string; bytes: Buffer}> {
		let bytes = Buffer.alloc(0);
		for (;;) {
			const chunk = Buffer.allocUnsafe(chunkBytes);
			const {bytesRead} = await handle.read(chunk, 0, chunkBytes, bytes.length);
			bytes = Buffer.concat([bytes, chunk.subarray(0, bytesRead)]);
			const withoutBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
			const end = withoutBom.indexOf(lineFeed);
			if (end !== -1 || bytesRead === 0 || bytes.length > maxRecordBytes)
				return {
					header: withoutBom.subarray(0, end === -1 ? withoutBom.length : end).toString('utf8'),
					bytes: withoutBom,
				};
		}
	}

	/**
	 * One pass over the data rows, in file order, a batch per read (`onBytes`: how far it has read).
	 * A mapping that fills several entities goes over them once per entity: the file is read again.
	 */
	async *batches(onBytes?: (read: number) => void): AsyncGenerator<CsvRow[]> {
		const headers = this.headers;
		// Rows are built with the same keys in the same order, so they share one shape; a column
		// named __proto__ would set the prototype instead of a value, so that file takes the slow way.
		const plain = !headers.includes('__proto__');
		let header = true;
		for await (const records of this.records(onBytes)) {
			const rows: CsvRow[] = [];
			for (const record of records) {
				if (header) {
					header = false;
					continue;
				}
				if (record.values.length !== headers.length)
					throw new ImportError(
						t('cli.csv.columnsCount', {
							file: this.file,
							line: record.line,
							found: record.values.length,
							expected: headers.length,
						}),
					);
				let values: Record<string, string>;
				if (plain) {
					values = {};
					for (let column = 0; column < headers.length; column++) values[headers[column]!] = record.values[column]!;
				} else values = Object.fromEntries(headers.map((name, column) => [name, record.values[column]!]));
				rows.push({line: record.line, values});
			}
			if (rows.length > 0) yield rows;
		}
		await this.checkUnchanged();
	}

	/** An import reads the file as it was opened: one written to meanwhile (a log still growing, a file saved again) is refused whole. */
	private async checkUnchanged(): Promise<void> {
		const stats = await this.handle.stat();
		if (stats.size !== this.bytes || stats.mtimeMs !== this.modified)
			throw new ImportError(t('cli.csv.changed', {file: this.file}));
	}

	/** Every row at once: the console's import keeps the table it previews. */
	async table(): Promise<CsvTable> {
		const rows: CsvRow[] = [];
		for await (const batch of this.batches()) for (const row of batch) rows.push(row);
		return {headers: this.headers, rows, delimiter: this.delimiter};
	}

	close(): Promise<void> {
		return this.handle.close();
	}

	/**
	 * The file's records (empty lines left out), each with the line it starts on, parsed a read at
	 * a time: each read is cut after its last whole record, and the rest waits for the next read.
	 */
	private async *records(onBytes?: (read: number) => void): AsyncGenerator<ParsedRecord[]> {
		const lineBreak = this.recordDelimiter === '\r' ? '\r' : '\n';
		const lineEnd = lineBreak.charCodeAt(0);
		const options: Options = {
			delimiter: this.delimiter,
			record_delimiter: this.recordDelimiter,
			max_record_size: maxRecordBytes,
			relax_column_count: true,
			skip_empty_lines: false,
			bom: false,
		};
		let position = 0;
		let rest = Buffer.alloc(0);
		let line = 1;
		for (;;) {
			const chunk = Buffer.allocUnsafe(chunkBytes);
			// Up to the size the file had when opened: what is written to it later is not part of this import.
			const {bytesRead} = await this.handle.read(chunk, 0, Math.min(chunkBytes, this.bytes - position), position);
			if (position === 0 && bytesRead >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf)
				rest = chunk.subarray(3, bytesRead);
			else
				rest = rest.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([rest, chunk.subarray(0, bytesRead)]);
			position += bytesRead;
			onBytes?.(position);
			const end = bytesRead === 0;
			if (end && rest.length === 0) return;
			const cut = end ? rest.length : lastRecordEnd(rest, lineEnd);
			if (cut === 0) {
				if (rest.length > maxRecordBytes) throw this.tooLong(rest, line, options, lineBreak);
				continue;
			}
			const piece = rest.subarray(0, cut);
			rest = rest.subarray(cut);
			if (!isUtf8(piece)) throw this.notUtf8(piece, line);
			let parsed: string[][];
			try {
				parsed = parse(piece, options) as string[][];
			} catch (error) {
				throw this.malformed(piece, line, options, lineBreak, error as CsvError);
			}
			const records: ParsedRecord[] = [];
			for (const values of parsed) {
				if (!isEmptyLine(values)) records.push({values, line});
				line += linesOf(values, lineBreak);
			}
			yield records;
			if (end) return;
		}
	}

	/** The line of the first bytes in `piece` (which starts on `line`) that are not UTF-8. */
	private notUtf8(piece: Buffer, line: number): ImportError {
		let start = 0;
		for (let at = piece.indexOf(lineFeed); ; at = piece.indexOf(lineFeed, start)) {
			const end = at === -1 ? piece.length : at;
			if (!isUtf8(piece.subarray(start, end)))
				return new ImportError(t('cli.csv.lineNotUtf8', {file: this.file, line}));
			if (at === -1) return new ImportError(t('cli.csv.notUtf8', {file: this.file}));
			line++;
			start = at + 1;
		}
	}

	/**
	 * The message for a row the parser refused, named by the line it starts on: the piece is parsed
	 * again, counting the lines of the records before it (rare, so the usual reading need not).
	 */
	private malformed(piece: Buffer, line: number, options: Options, lineBreak: string, error: CsvError): ImportError {
		let at = line;
		try {
			parse(piece, {
				...options,
				on_record: (record: string[]) => {
					at += linesOf(record, lineBreak);
					return null;
				},
			});
		} catch {
			// The same refusal again: `at` is now the line of the row it refuses.
		}
		return new ImportError(
			t('cli.csv.malformed', {file: this.file, line: at, reason: reason(error.code) ?? error.message}),
		);
	}

	/**
	 * Over a megabyte read since the last whole record, without its end: the row starting on `line`
	 * is too long — unless a misplaced quote before that point is what kept it open.
	 */
	private tooLong(rest: Buffer, line: number, options: Options, lineBreak: string): ImportError {
		try {
			parse(rest, options);
		} catch (error) {
			const {code} = error as CsvError;
			if (code !== 'CSV_QUOTE_NOT_CLOSED' && code !== 'CSV_MAX_RECORD_SIZE')
				return this.malformed(rest, line, options, lineBreak, error as CsvError);
		}
		return new ImportError(
			t('cli.csv.malformed', {file: this.file, line, reason: reason('CSV_MAX_RECORD_SIZE') ?? ''}),
		);
	}
}

/** Reads a CSV export whole (its rows held in memory), named in messages as `file`. */
export const readCsv = async (path: string, file = path): Promise<CsvTable> => {
	const csv = await CsvFile.open(path, file);
	try {
		return await csv.table();
	} finally {
		await csv.close();
	}
};
