import {type Dispatch, useEffect, useRef} from 'react';
import type {ChangeEntry} from '../domain/change-log.js';
import type {OperatorFile} from '../domain/operator-file.js';
import type {SurveyResponse} from '../domain/survey.js';
import {afterEsc, surveyOffer} from '../domain/survey-offer.js';
import {t} from '../i18n/i18n.js';
import type {CrmStore} from '../store/store-contract.js';
import {updateOperatorFile} from './operator-file-updates.js';
import type {AppAction, AppState} from './state/app-types.js';

type Services = {
	store: Pick<CrmStore, 'readonly' | 'existed' | 'operatorFile' | 'saveOperatorFile'>;
	operator: string;
	fixedNow?: number;
};

/** When `operator` last answered, or null. */
const lastAnswered = (responses: readonly SurveyResponse[], operator: string): number | null => {
	let last: number | null = null;
	for (const response of responses)
		if (response.operator === operator) last = Math.max(last ?? 0, Date.parse(response.createdAt));
	return last;
};

/** When `operator` first changed anything (the log is in time order), or null. */
const firstChange = (changes: readonly ChangeEntry[], operator: string): number | null => {
	const entry = changes.find((candidate) => candidate.operator === operator);
	return entry ? Date.parse(entry.at) : null;
};

/**
 * The survey's offer, from the operator's file read once at start: the file is begun on the first
 * session on existing data (when they were first seen), and the survey offered when it is due (domain/survey-offer.ts);
 * the operator's Esc on an offered survey is kept in it. A --readonly console neither offers nor writes.
 * A file that cannot be read is said once, and the survey is then not offered.
 */
export const useSurveyOffer = (state: AppState, dispatch: Dispatch<AppAction>, services: Services): void => {
	const {store, operator, fixedNow} = services;
	const file = useRef<OperatorFile>({});
	const start = useRef({dataset: state.dataset, settings: state.settings});
	useEffect(() => {
		if (store.readonly) return;
		const {dataset, settings} = start.current;
		const now = fixedNow ?? Date.now();
		void (async () => {
			let found = await store.operatorFile(operator);
			// A CRM with no data yet stores nothing before its first save; its operator is new anyway.
			if (!found.firstSeenAt && store.existed)
				found = await updateOperatorFile(store, operator, (file) => ({
					...file,
					firstSeenAt: file.firstSeenAt ?? new Date(now).toISOString(),
				}));
			file.current = found;
			const offer = surveyOffer({
				...settings.survey,
				file: found,
				lastAnsweredAt: lastAnswered(dataset.surveys, operator),
				firstChangeAt: firstChange(dataset.changes, operator),
				now,
			});
			if (offer.due) dispatch({type: 'surveyDue', escDeclines: offer.escDeclines});
		})().catch((error: unknown) =>
			dispatch({type: 'notice', text: t('state.surveyNotOffered', {why: (error as Error).message}), tone: 'bad'}),
		);
	}, [store, operator, fixedNow, dispatch]);

	const esc = state.survey.esc;
	useEffect(() => {
		if (!esc) return;
		// Read again first: the file holds the operator's saved views too, which may have changed since.
		updateOperatorFile(store, operator, (fresh) => afterEsc(fresh, esc.declines, esc.at))
			.then((written) => {
				file.current = written;
			})
			.catch((error: unknown) =>
				dispatch({
					type: 'notice',
					text: t('state.surveyAnswerNotKept', {why: (error as Error).message}),
					tone: 'bad',
				}),
			);
	}, [esc, store, operator, dispatch]);
};
