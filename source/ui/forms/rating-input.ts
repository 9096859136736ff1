import {t} from '../../i18n/i18n.js';
import type {Key} from '../keys/key-parser.js';

/** What a key does to a rating 1–5: its new text, whether the form goes on to the next field, or why it was not taken. */
export type RatingEdit = {text: string; advance: boolean} | {refused: string} | null;

/**
 * A key on a rating of the survey: a digit 1–5 answers it and goes on (so `4242424242` answers the
 * ten SUS items in one go), ←/→ move along the scale (from the middle when unanswered, never past
 * an end), Backspace or Delete clear it, anything else printable is refused in words at the field.
 */
export const editRating = (current: string, key: Key): RatingEdit => {
	if (key.text !== undefined && /^[1-5]$/.test(key.text)) return {text: key.text, advance: true};
	if (key.id === 'left' || key.id === 'right') {
		const step = key.id === 'left' ? -1 : 1;
		const next = current === '' ? 3 : Math.min(5, Math.max(1, Number(current) + step));
		return {text: String(next), advance: false};
	}
	if (key.id === 'backspace' || key.id === 'delete') return {text: '', advance: false};
	if (key.text !== undefined) return {refused: t('lists.error.notRatingKey', {text: key.text})};
	return null;
};
