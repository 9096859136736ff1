import {t} from '../i18n/i18n.js';

/**
 * Control characters in text that comes from data (names, notes, imports, operator names): C0
 * (but tab and newline), DEL and C1. Sent raw to a terminal they are commands — a window title,
 * the clipboard (OSC 52), colours, cursor moves (ESC, and CSI as the single byte 0x9B) — so input
 * refuses them and every output path shows them escaped.
 */
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const controlsGlobal = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const controlsWithLineBreaks = /[\u0000-\u001f\u007f-\u009f]/;
const controlsWithLineBreaksGlobal = /[\u0000-\u001f\u007f-\u009f]/g;

const escaped = (character: string): string => `\\x${character.charCodeAt(0).toString(16).padStart(2, '0')}`;

/**
 * `text` with every control character written out as `\xNN` (ESC as `\x1b`), so it shows instead
 * of acting. Tab and newline stay unless `lineBreaks` is false (a single line: a table cell, a title).
 */
export const escapeControls = (text: string, lineBreaks = true): string => {
	const pattern = lineBreaks ? controlsGlobal : controlsWithLineBreaksGlobal;
	pattern.lastIndex = 0;
	return pattern.test(text) ? text.replace(pattern, escaped) : text;
};

/**
 * Why `text` may not be stored, or null: the first control character and where it is. Multi-line
 * text (notes, comments, replies) may hold newlines and tabs; a single-line value none of them.
 * `short`: only the character and where it is, for a narrow column.
 */
export const controlCharacterProblem = (text: string, multiline: boolean, short = false): string | null => {
	const match = (multiline ? controls : controlsWithLineBreaks).exec(text);
	if (!match) return null;
	const words = {character: escaped(match[0]), position: match.index + 1};
	if (short) return t('domain.control.short', words);
	return multiline ? t('domain.control.multiline', words) : t('domain.control.singleLine', words);
};

/**
 * JSON text with DEL and the C1 controls written as `\u007f` … `\u009f`. JSON.stringify escapes
 * C0 but leaves these raw, and a terminal takes 0x9B for CSI; escaped they are the same data, and
 * the text is still valid JSON. (Outside strings JSON holds none of them.)
 */
export const escapeJsonControls = (json: string): string =>
	json.replace(/[\u007f-\u009f]/g, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`);
