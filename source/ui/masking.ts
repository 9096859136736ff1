import {useMemo} from 'react';
import type {Dataset} from '../domain/dataset.js';
import {maskField, maskMentions} from '../domain/mask.js';
import type {AppState} from './state/app-types.js';

/** Questions and prompts are worded from the real records: with --mask, what they show is masked too. */
export const maskOverlay = (
	overlay: NonNullable<AppState['overlay']>,
	customers: Dataset['customers'],
): NonNullable<AppState['overlay']> => {
	const mask = (text: string) => maskMentions(text, customers);
	switch (overlay.kind) {
		case 'confirm':
			return {...overlay, message: mask(overlay.message), details: overlay.details.map(mask)};
		case 'report':
			return {...overlay, title: mask(overlay.title), lines: overlay.lines.map(mask)};
		case 'prompt':
		case 'picker':
			return {...overlay, title: mask(overlay.title)};
		case 'conflict':
			// Each side by its field: a value changed meanwhile is no longer any customer's, but still personal.
			return {
				...overlay,
				message: mask(overlay.message),
				fields: overlay.fields.map((field) => {
					const side = (value: string) => String(maskField(field.key, mask(value)));
					return {...field, original: side(field.original), theirs: side(field.theirs), mine: side(field.mine)};
				}),
			};
		default:
			return overlay;
	}
};

/** With --mask a notice is masked once when it appears, not on every frame (it scans every customer). */
export const useMaskedNotice = (state: AppState): AppState['notice'] => {
	const {notice, mask, dataset} = state;
	const customers = dataset.customers;
	return useMemo(
		() => (mask && notice ? {...notice, text: maskMentions(notice.text, customers)} : notice),
		[notice, mask, customers],
	);
};
