/** One data row of a CSV file: its line in the file (for messages and the rejects report) and its values by column. */
export type CsvRow = {line: number; values: Record<string, string>};
export type CsvTable = {headers: string[]; rows: CsvRow[]; delimiter: string};
