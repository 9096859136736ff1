import type {AppAction, AppState, BulkRequest, StoreResult} from './app-types.js';
import {countOf} from './bulk-actions.js';
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
				? `Saving ${action.total.toLocaleString('en-US')} ${undoing ? 'reverted changes' : 'changes'} as one…`
				: `${undoing ? 'Undoing' : 'Checking'} ${progressBar(action.done, action.total)}`,
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
	const had = unchanged > 0 ? ` (${unchanged.toLocaleString('en-US')} had it already)` : '';
	const marks = request.marked
		? {...state.marks, [request.screen]: MarkSet.of(refused.map((refusal) => refusal.id))}
		: state.marks;
	const undo = changed > 0 ? ' u undoes it whole.' : '';
	const text =
		refused.length === 0
			? `${request.notice}: ${countOf(request.screen, changed)}${had}.${undo}`
			: `${request.notice}: ${changed.toLocaleString('en-US')} of ${countOf(request.screen, total)}${had}; ${refused.length.toLocaleString('en-US')} left as ${refused.length === 1 ? 'it was' : 'they were'}${request.marked ? ' (still marked)' : ''}.${undo}`;
	const next: AppState = {...state, marks, notice: {text, tone: refused.length === 0 ? 'ok' : 'bad'}};
	if (refused.length === 0) return next;
	return {
		...next,
		overlay: {
			kind: 'report',
			title: `${request.notice}: ${refused.length.toLocaleString('en-US')} of ${countOf(request.screen, total)} left as they were`,
			lines: refused.map((refusal) => `“${refusal.label}”: ${refusal.message}`),
			scroll: 0,
		},
	};
};
