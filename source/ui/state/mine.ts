import {foldForSearch} from '../../domain/text-fold.js';
import {t} from '../../i18n/i18n.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AppState} from './app-types.js';
import {meValue} from './field-filter.js';
import type {Handler} from './key-handlers.js';
import {refilter} from './list-navigation.js';
import {rowsOf, viewContext} from './selection.js';

/** The filter's words, split as the filter splits them (a quoted value is one word). */
const wordsOf = (filter: string): string[] => filter.split(/\s+(?=(?:[^"]*"[^"]*")*[^"]*$)/).filter(Boolean);

/** Whether the list's filter holds "mine" (`owner:@me`, the screen's owner column). */
export const showsMine = (state: AppState, screen = state.screen): boolean => {
	const mine = screenFor(screen).mine;
	return (
		mine !== undefined &&
		wordsOf(state.lists[screen].filter).some((word) => foldForSearch(word) === `${mine.column}:${meValue}`)
	);
};

/**
 * `@`: the list narrowed to the records whose owner is the operator (`owner:@me` in its filter,
 * where it shows and composes with the rest), or, again, everyone's. Tickets and follow-ups are then
 * sorted by when they are due, soonest first: what is due for me comes first.
 */
export const toggleMine: Handler = (state) => {
	const screen = screenFor(state.screen);
	const mine = screen.mine;
	if (!mine) return {...state, notice: {text: t('state.mine.noOwner', {screen: screen.title}), tone: 'info'}};
	const list = state.lists[state.screen];
	const term = `${mine.column}:${meValue}`;
	if (showsMine(state)) {
		const filter = wordsOf(list.filter)
			.filter((word) => foldForSearch(word) !== term)
			.join(' ');
		// The order "mine" chose goes back to the one before, unless the operator sorted since.
		const sameSort =
			mine.due !== undefined && list.sort.column === mine.due.column && list.sort.descending === mine.due.descending;
		const sort = sameSort && list.sortBeforeMine ? list.sortBeforeMine : list.sort;
		return {
			...refilter(state, {filter, sort, sortBeforeMine: undefined}),
			notice: {text: t('state.mine.everyone', {screen: screen.title.toLowerCase()}), tone: 'info'},
		};
	}
	const filter = [...wordsOf(list.filter), term].join(' ');
	const sorted = mine.due
		? {
				...state,
				lists: {
					...state.lists,
					[state.screen]: {...list, sort: mine.due, sortBeforeMine: list.sort, cursor: 0, offset: 0},
				},
			}
		: state;
	const next = refilter(sorted, {filter});
	const count = rowsOf(next).length;
	const me = viewContext(next).me ?? state.operator;
	const words = {me, count, screen: screen.title.toLowerCase()};
	const text =
		count === 0
			? t('state.mine.none', words)
			: mine.due
				? t('state.mine.yoursByDue', words)
				: t('state.mine.yours', words);
	return {
		...(mine.due
			? {...next, lists: {...next.lists, [state.screen]: {...next.lists[state.screen], cursor: 0, offset: 0}}}
			: next),
		notice: {text, tone: 'info'},
	};
};
