import {campaignNamed, newAudienceMembers} from '../../domain/audience.js';
import type {Campaign} from '../../domain/campaign.js';
import {entityCount} from '../../domain/entity-count.js';
import type {Mutation} from '../../domain/mutation.js';
import {t} from '../../i18n/i18n.js';
import type {AppState} from './app-types.js';
import {rowsOf} from './selection.js';
import {textInput} from './text-input.js';

const refused = (state: AppState, text: string): AppState => ({...state, notice: {text, tone: 'bad'}});

/** Why the customers were added, kept on each membership: the list's filter as typed, or the whole list. */
const sourceOf = (state: AppState): string => {
	const filter = state.lists.customers.filter.trim();
	// i18n-exempt: kept on each membership in the data file, as data (the same in every language).
	return (filter === '' ? 'customers list, unfiltered' : `filter ${filter}`).slice(0, 200);
};

/**
 * Asks before adding the customers the list shows (after its filter, as `:export` writes them) to
 * the campaign's audience, those already in it skipped and counted. Yes applies them as one batch,
 * so `u` undoes it whole. Nobody's acquiring campaign (`campaignId`) is touched: the audience is a
 * relation of its own.
 */
export const askToAddAudience = (state: AppState, campaign: Campaign): AppState => {
	const shown = rowsOf(state, 'customers');
	const {added, already} = newAudienceMembers(campaign.id, shown, state.dataset.audiences);
	const audience = t('state.audience.of', {name: campaign.name});
	if (shown.length === 0) return {...state, notice: {text: t('state.audience.nobody', {audience}), tone: 'info'}};
	if (added.length === 0)
		return {...state, notice: {text: t('state.audience.allIn', {count: shown.length, audience}), tone: 'info'}};
	const source = sourceOf(state);
	const mutations: Mutation[] = added.map((customer) => ({
		kind: 'create',
		entity: 'audiences',
		values: {campaignId: campaign.id, customerId: customer.id, source},
	}));
	return {
		...state,
		overlay: {
			kind: 'confirm',
			message:
				already > 0
					? t('state.audience.askSome', {
							customers: entityCount('customers', added.length),
							audience,
							already,
						})
					: t('state.audience.ask', {customers: entityCount('customers', added.length), audience}),
			details: [t('state.audience.noted', {source})],
			onYes: {
				kind: 'apply',
				mutations,
				notice: t('state.audience.added', {customers: entityCount('customers', added.length), audience}),
			},
		},
	};
};

/**
 * `:audience [campaign]`: on the customers list only. A campaign named (its name, case ignored, or
 * its id) is asked about at once; without one, a picker of the campaigns opens.
 */
export const addShownToAudience = (state: AppState, name: string | null): AppState => {
	if (state.screen !== 'customers') return refused(state, t('state.audience.onCustomers'));
	const {campaigns} = state.dataset;
	if (campaigns.length === 0) return refused(state, t('state.audience.noCampaign'));
	// Nobody shown: said before any campaign is picked.
	if (rowsOf(state, 'customers').length === 0)
		return {...state, notice: {text: t('state.audience.nobodyAtAll'), tone: 'info'}};
	if (name === null)
		return {
			...state,
			overlay: {
				kind: 'picker',
				title: t('state.audience.which', {
					customers: entityCount('customers', rowsOf(state, 'customers').length),
				}),
				choices: 'campaigns',
				query: textInput(),
				cursor: 0,
				target: {kind: 'audience'},
			},
		};
	const found = campaignNamed(campaigns, name);
	return found.ok ? askToAddAudience(state, found.campaign) : refused(state, found.message);
};
