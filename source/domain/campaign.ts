import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {customerSegments} from './customer.js';
import {currencyCode, moneyAmount} from './money.js';
import {notesText, optionalTimestamp, ownerName, recordBase, tagList, timestamp} from './record.js';

export const campaignChannels = ['email', 'event', 'ads', 'social', 'content', 'referral', 'other'] as const;
export type CampaignChannel = (typeof campaignChannels)[number];

/** planned → active → completed, or cancelled from planned or active. */
export const campaignStatuses = ['planned', 'active', 'completed', 'cancelled'] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** The fields and their types; `campaignSchema` adds the rules that tie fields together. */
export const campaignFieldsSchema = z.object({
	...recordBase,
	name: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(120, {error: () => t('domain.field.atMostCharacters', {max: 120})}),
	channel: z.enum(campaignChannels, {error: () => t('domain.field.oneOf', {values: campaignChannels.join(', ')})}),
	status: z.enum(campaignStatuses, {error: () => t('domain.field.oneOf', {values: campaignStatuses.join(', ')})}),
	startAt: timestamp,
	endAt: optionalTimestamp,
	/** What it may spend. */
	budget: moneyAmount.default(0),
	/** What it has spent (KPI.md: `cost`). */
	cost: moneyAmount.default(0),
	currency: currencyCode.default('USD'),
	/** The customers it is aimed at (one of the customer segments, or none). */
	segment: z.union([z.enum(customerSegments), z.literal('')]).default(''),
	owner: ownerName,
	tags: tagList,
	notes: notesText,
});

export const campaignSchema = campaignFieldsSchema.superRefine((campaign, context) => {
	if (campaign.endAt !== null && Date.parse(campaign.endAt) < Date.parse(campaign.startAt))
		context.addIssue({code: 'custom', path: ['endAt'], message: t('domain.rule.endBeforeStart')});
});

export type Campaign = z.infer<typeof campaignSchema>;

/** The moves a campaign's status may make: forward, or cancelled while not yet completed. */
const campaignMoves: Record<CampaignStatus, readonly CampaignStatus[]> = {
	planned: ['active', 'completed', 'cancelled'],
	active: ['completed', 'cancelled'],
	completed: [],
	cancelled: [],
};

export const campaignMoveAllowed = (from: CampaignStatus, to: CampaignStatus): boolean =>
	from === to || campaignMoves[from].includes(to);
