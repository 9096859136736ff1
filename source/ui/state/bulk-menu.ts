import type {RecordAction} from '../../domain/access.js';
import type {Activity} from '../../domain/activity.js';
import {campaignStatuses} from '../../domain/campaign.js';
import {customerSegments, customerStatuses} from '../../domain/customer.js';
import type {EntityName} from '../../domain/dataset.js';
import {feedbackChannels} from '../../domain/feedback.js';
import {type Opportunity, openStages} from '../../domain/opportunity.js';
import {orderStatuses} from '../../domain/order.js';
import {ticketPriorities, ticketStatuses} from '../../domain/ticket.js';
import {t} from '../../i18n/i18n.js';
import type {ScreenName} from './app-types.js';
import {neighbourStage} from './board.js';

/** What a bulk action asks for before it can be confirmed: nothing, a typed text, one of a list, a campaign. */
export type BulkInput = 'none' | 'text' | 'campaign' | 'lostReason' | 'wonReason' | readonly string[];

/**
 * One thing `c` does to many records: a field set to one value, a tag added or taken off, a step of
 * the entity's own (next stage, closed, done), a delete or an export. `values` says, per record, what
 * changes (null: the record is left out, with the reason returned instead).
 */
export type BulkAction = {
	id: string;
	/** As the menu lists it: `Set owner…`; `…` where a value is asked for next. */
	label: string;
	input: BulkInput;
	/** What the operator's role must allow. */
	needs: RecordAction | 'export';
	/** The change in words, for the notice: `set owner to “Ada”`. */
	describe: (value: string) => string;
	/** The question, of the records named by `whom` (`the 5 opportunities marked`): `Set owner to “Ada” on …` when absent. */
	ask?: (whom: string, value: string) => string;
	values?: (record: Record<string, unknown>, value: string, now: string) => Record<string, unknown> | string;
};

/** The blank a segment or channel may hold, as the menu names it. */
export const noneChoice = '(none)';

/** The fields a bulk change sets, named in the language in force. */
const fieldWords = {
	owner: () => t('state.bulkMenu.field.owner'),
	status: () => t('state.bulkMenu.field.status'),
	segment: () => t('state.bulkMenu.field.segment'),
	stage: () => t('state.bulkMenu.field.stage'),
	priority: () => t('state.bulkMenu.field.priority'),
	channel: () => t('state.bulkMenu.field.channel'),
	campaignId: () => t('state.bulkMenu.field.campaign'),
} as const;

const setField = (field: keyof typeof fieldWords, input: BulkInput): BulkAction => ({
	id: `set:${field}`,
	get label() {
		return t('state.bulkMenu.set', {field: fieldWords[field]()});
	},
	input,
	needs: 'update',
	describe: (value) =>
		t('state.bulkMenu.setDone', {field: fieldWords[field](), value: value === '' ? noneChoice : value}),
	values: (record, value) => {
		const next = value === noneChoice ? '' : value;
		// One that has it already needs no change: counted, and said, before the question.
		return record[field] === next ? {} : {[field]: next};
	},
});

const tagsOf = (record: Record<string, unknown>): string[] =>
	Array.isArray(record['tags']) ? (record['tags'] as string[]) : [];

const addTag: BulkAction = {
	id: 'tag:add',
	get label() {
		return t('state.bulkMenu.addTag');
	},
	input: 'text',
	needs: 'update',
	describe: (tag) => t('state.bulkMenu.addTagDone', {tag}),
	ask: (whom, tag) => t('state.bulkMenu.addTagAsk', {tag, whom}),
	values: (record, tag) => (tagsOf(record).includes(tag) ? {} : {tags: [...tagsOf(record), tag]}),
};

const removeTag: BulkAction = {
	id: 'tag:remove',
	get label() {
		return t('state.bulkMenu.removeTag');
	},
	input: 'text',
	needs: 'update',
	describe: (tag) => t('state.bulkMenu.removeTagDone', {tag}),
	ask: (whom, tag) => t('state.bulkMenu.removeTagAsk', {tag, whom}),
	values: (record, tag) => (tagsOf(record).includes(tag) ? {tags: tagsOf(record).filter((one) => one !== tag)} : {}),
};

const remove: BulkAction = {
	id: 'delete',
	get label() {
		return t('state.bulkMenu.delete');
	},
	input: 'none',
	needs: 'delete',
	describe: () => t('state.bulkMenu.deleteDone'),
	ask: (whom) => t('state.bulkMenu.deleteAsk', {whom}),
};

const exportRows: BulkAction = {
	id: 'export',
	get label() {
		return t('state.bulkMenu.export');
	},
	input: 'none',
	needs: 'export',
	describe: () => t('state.bulkMenu.exportDone'),
};

const nextStage: BulkAction = {
	id: 'stage:next',
	get label() {
		return t('state.bulkMenu.nextStage');
	},
	input: 'none',
	needs: 'update',
	describe: () => t('state.bulkMenu.nextStageDone'),
	ask: (whom) => t('state.bulkMenu.nextStageAsk', {whom}),
	values: (record) => {
		const stage = neighbourStage((record as Opportunity).stage, 1);
		return stage ? {stage} : t('state.bulkMenu.noNextStage', {stage: (record as Opportunity).stage});
	},
};

/** A deal closed as won or lost, with the reason the settings list for it (as `w` and `x` ask). */
const closeDealAs = (stage: 'won' | 'lost'): BulkAction => ({
	id: `close:${stage}`,
	get label() {
		return stage === 'won' ? t('state.bulkMenu.closeWon') : t('state.bulkMenu.closeLost');
	},
	input: stage === 'won' ? 'wonReason' : 'lostReason',
	needs: 'update',
	describe: (reason) =>
		stage === 'won' ? t('state.bulkMenu.closeWonDone', {reason}) : t('state.bulkMenu.closeLostDone', {reason}),
	ask: (whom, reason) =>
		stage === 'won'
			? t('state.bulkMenu.closeWonAsk', {whom, reason})
			: t('state.bulkMenu.closeLostAsk', {whom, reason}),
	values: (record, reason) =>
		(record as Opportunity).closedAt
			? t('state.bulkMenu.closedAlready', {stage: (record as Opportunity).stage})
			: {stage, [stage === 'won' ? 'wonReason' : 'lostReason']: reason},
});

const closeTicket: BulkAction = {
	id: 'close:ticket',
	get label() {
		return t('state.bulkMenu.close');
	},
	input: 'none',
	needs: 'update',
	describe: () => t('state.bulkMenu.closeDone'),
	ask: (whom) => t('state.bulkMenu.closeAsk', {whom}),
	values: (record) => (record['status'] === 'closed' ? t('state.bulkMenu.ticketClosedAlready') : {status: 'closed'}),
};

const followUpDone: BulkAction = {
	id: 'close:done',
	get label() {
		return t('state.bulkMenu.done');
	},
	input: 'none',
	needs: 'update',
	describe: () => t('state.bulkMenu.doneDone'),
	ask: (whom) => t('state.bulkMenu.doneAsk', {whom}),
	values: (record, _value, now) => ((record as Activity).doneAt ? t('state.bulkMenu.doneAlready') : {doneAt: now}),
};

const owner = setField('owner', 'text');
const campaign = setField('campaignId', 'campaign');
const tags = [addTag, removeTag];

/** What `c` offers on each list, in the order the menu lists it. */
export const bulkActions: Partial<Record<ScreenName, readonly BulkAction[]>> = {
	customers: [
		owner,
		setField('status', customerStatuses),
		setField('segment', [...customerSegments, noneChoice]),
		campaign,
		...tags,
		remove,
		exportRows,
	],
	// A stage is set among the open ones: won and lost are closes, each with its reason (as w and x ask).
	opportunities: [
		owner,
		setField('stage', openStages),
		nextStage,
		closeDealAs('won'),
		closeDealAs('lost'),
		campaign,
		...tags,
		remove,
		exportRows,
	],
	tickets: [
		owner,
		setField('status', ticketStatuses),
		setField('priority', ticketPriorities),
		closeTicket,
		...tags,
		remove,
		exportRows,
	],
	feedback: [setField('channel', [...feedbackChannels, noneChoice]), ...tags, remove, exportRows],
	campaigns: [
		owner,
		setField('status', campaignStatuses),
		setField('segment', [...customerSegments, noneChoice]),
		...tags,
		remove,
		exportRows,
	],
	orders: [owner, setField('status', orderStatuses), ...tags, remove, exportRows],
	followups: [followUpDone],
};

/** The entity a list's records are: the follow-ups are activities. */
export const bulkEntity = (screen: ScreenName): EntityName | 'activities' | null =>
	screen === 'followups'
		? 'activities'
		: ((['customers', 'opportunities', 'tickets', 'feedback', 'campaigns', 'orders'] as const).find(
				(name) => name === screen,
			) ?? null);
