import {t} from '../../i18n/i18n.js';
import type {Tone} from '../theme/theme.js';

/** Stands for a placeholder's value while the words before it are found. */
const placeholder = '\u0000';

/**
 * How a sentence of the import's summary begins, in the language in force: its words before its
 * first value, and at most to its first colon (`Nothing to change:`, `无需修改：`, `Saved `, `已将 `).
 * A count is formatted as a number, so its sentence is cut at the digit instead.
 */
const lead = (sentence: string, cut = placeholder): string => {
	const before = sentence.split(cut)[0]!;
	const colon = /[:\uff1a]/.exec(before);
	return colon ? before.slice(0, colon.index + 1) : before;
};

/** The same start of two sentences (the two ways rejected rows are said). */
const shared = (a: string, b: string): string => {
	let length = 0;
	while (length < Math.min(a.length, b.length) && a[length] === b[length]) length++;
	return a.slice(0, length);
};

/**
 * The tone of one line of the import's summary (`describePlan`, wrapped by `summaryLines`): the
 * warnings and their groups warn, rejected rows are bad, a save (or nothing to change) is ok. The
 * summary reaches the view as lines of words, so its kinds are told by how the catalog's sentences
 * begin in the language in force; a group of warnings (`  12 × customer: …`) by its shape.
 */
export const importSummaryTone = (line: string): Tone => {
	if (line.startsWith(lead(t('domain.import.warnings'))) || /^ +\d[\d,]* \u00d7/.test(line)) return 'warn';
	const rejected = shared(
		lead(t('domain.import.rejectsAt', {file: placeholder})),
		lead(t('domain.import.rejectsWouldGo', {file: placeholder})),
	);
	if (rejected !== '' && line.startsWith(rejected)) return 'bad';
	const saved = lead(t('domain.import.saved', {count: 7}), '7');
	if (line.startsWith(saved) || line.startsWith(lead(t('domain.import.nothingToChange')))) return 'ok';
	return 'text';
};
