import {t} from '../../i18n/i18n.js';
import type {AppAction, AppState, BulkRequest, StoreResult} from './app-types.js';
import {countOf} from './entity-words.js';
import {MarkSet} from './mark-set.js';

/** Past this many records a bulk change shows how far its checks are. */
const progressFrom = 300;

const barWidth = 20;

/** `▕██████░░░░░░░░░░░░░░▏ 3,000/10,000`: how far a long bulk change is. */
export const progressBar = (done: number, total: number): string => {
	const filled = total === 0 ? barWidth : Math.round((done / total) * barWidth);
	return `▕${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}▏ ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`;
};

/** The store's word on a long bulk change: the status line's bar moves (keys typed meanwhile wait their turn). */
export const bulkProgress = (state: AppState, action: Extract<AppAction, {type: 'bulkProgress'}>): AppState => {
	if (state.request?.id !== action.requestId || action.total < progressFrom) return state;
	const saving = action.done >= action.total;
	const undoing = state.request.kind === 'undo';
	return {
		...state,
		progress: {done: action.done, total: action.total},
		notice: {
			text: saving
				? undoing
					? t('state.bulkResult.savingReverted', {count: action.total})
					: t('state.bulkResult.saving', {count: action.total})
				: undoing
					? t('state.bulkResult.undoing', {bar: progressBar(action.done, action.total)})
					: t('state.bulkResult.checking', {bar: progressBar(action.done, action.total)}),
			tone: 'info',
		},
	};
};

/**
 * A bulk change saved: what it changed and what it left (listed in a report to read, by name and
 * reason); the marks it acted on are cleared, those of the records left kept, to fix and try again.
 */
export const bulkApplied = (state: AppState, request: BulkRequest, result: StoreResult): AppState => {
	const refused = [
		...request.skipped,
		...(result.refused ?? []).map((refusal) => ({...refusal, label: request.labels[refusal.id] ?? refusal.label})),
	];
	const total = request.mutations.length + request.skipped.length + request.unchanged;
	const changed = result.entries.length;
	// Those that had the value already: found so before the question, or by the store (an update that changes nothing).
	const unchanged = request.unchanged + request.mutations.length - changed - (result.refused?.length ?? 0);
	const had = unchanged > 0 ? t('state.bulkResult.had', {count: unchanged}) : '';
	const marks = request.marked
		? {...state.marks, [request.screen]: MarkSet.of(refused.map((refusal) => refusal.id))}
		: state.marks;
	const undo = changed > 0 ? t('state.bulkResult.undo') : '';
	const text =
		refused.length === 0
			? t('state.bulkResult.done', {change: request.notice, what: countOf(request.screen, changed), had, undo})
			: t(request.marked ? 'state.bulkResult.partMarked' : 'state.bulkResult.part', {
					change: request.notice,
					changed,
					of: countOf(request.screen, total),
					had,
					count: refused.length,
					undo,
				});
	const next: AppState = {...state, marks, notice: {text, tone: refused.length === 0 ? 'ok' : 'bad'}};
	if (refused.length === 0) return next;
	return {
		...next,
		overlay: {
			kind: 'report',
			title: t('state.bulkResult.reportTitle', {
				change: request.notice,
				left: refused.length,
				of: countOf(request.screen, total),
			}),
			lines: refused.map((refusal) => `“${refusal.label}”: ${refusal.message}`),
			scroll: 0,
		},
	};
};
