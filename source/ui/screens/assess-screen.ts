import {t} from '../../i18n/i18n.js';
import type {ScreenDefinition} from './screen-definition.js';

/**
 * The assessment's entry in the screen registry: its title for the header. It has no rows of its
 * own — the panels, trends, comparison and alerts are drawn by the assessment view.
 */
export const assessScreen: ScreenDefinition = {
	name: 'assess',
	get title() {
		return t('screens.assess');
	},
	entity: null,
	rows: () => [],
	find: () => undefined,
	columns: [],
	defaultSort: {column: '', descending: false},
	searchText: () => '',
	heading: () => '',
	detail: () => [],
};
