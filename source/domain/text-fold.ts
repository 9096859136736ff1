/**
 * Folds case and Latin accents, so `tomas` finds Tomás and `bjorn` Björn. Only the combining
 * diacritics block is dropped: Japanese voicing marks and Hangul recompose as they were.
 */
export const foldForSearch = (text: string): string =>
	text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.normalize('NFC')
		.toLowerCase();
