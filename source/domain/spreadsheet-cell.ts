/**
 * CSV cells that a spreadsheet would run as a formula (OWASP's "CSV injection"): text starting
 * with `=`, `+`, `-`, `@`, a tab or a carriage return. An export writes such a cell with a leading
 * `'`, which spreadsheets show as text; an import takes one `'` off again only where it stands
 * before those characters. A cell already starting with quotes before one of them gets one more
 * quote, so that an export read back by an import gives every value exactly as it was
 * (`+44 20…` → `'+44 20…` → `+44 20…`, and `'=x` → `''=x` → `'=x`).
 */
const formulaStart = /^'*[=+\-@\t\r]/;

/** A text value as an export writes it into a CSV cell. */
export const protectCell = (text: string): string => (formulaStart.test(text) ? `'${text}` : text);

/** A CSV cell as an import reads it: one protecting `'` taken off. */
export const unprotectCell = (text: string): string =>
	text.startsWith("'") && formulaStart.test(text) ? text.slice(1) : text;
