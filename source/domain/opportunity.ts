import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {campaignRef, customerRef, notesText, optionalTimestamp, ownerName, recordBase, tagList} from './record.js';

export const openStages = ['prospecting', 'qualification', 'proposal', 'negotiation'] as const;
export const opportunityStages = [...openStages, 'won', 'lost'] as const;
export type OpportunityStage = (typeof opportunityStages)[number];

/** Probability a deal closes as won, by stage, unless the operator overrides it. */
export const defaultProbability: Record<OpportunityStage, number> = {
	prospecting: 0.1,
	qualification: 0.25,
	proposal: 0.5,
	negotiation: 0.75,
	won: 1,
	lost: 0,
};

export const isClosedStage = (stage: OpportunityStage): boolean => stage === 'won' || stage === 'lost';

/** The fields and their types; `opportunitySchema` adds the rules that tie fields together. */
export const opportunityFieldsSchema = z.object({
	...recordBase,
	customerId: customerRef.default(''),
	title: z
		.string()
		.trim()
		.min(1, {error: () => t('domain.field.notEmpty')})
		.max(160, {error: () => t('domain.field.atMostCharacters', {max: 160})}),
	product: z.string().trim().max(120).default(''),
	stage: z.enum(opportunityStages, {error: () => t('domain.field.oneOf', {values: opportunityStages.join(', ')})}),
	amount: z.number({error: () => t('domain.field.number')}).min(0, {error: () => t('domain.field.notNegative')}),
	currency: z
		.string()
		.regex(/^[A-Z]{3}$/, {error: () => t('domain.field.currency')})
		.default('USD'),
	probability: z
		.number({error: () => t('domain.field.number')})
		.min(0, {error: () => t('domain.field.betweenZeroAndOne')})
		.max(1, {error: () => t('domain.field.betweenZeroAndOne')}),
	campaignId: campaignRef,
	owner: ownerName,
	expectedCloseAt: optionalTimestamp,
	closedAt: optionalTimestamp,
	lostReason: z.string().max(200).default(''),
	/** Why a won deal was won (one of the settings' won reasons); absent otherwise, so records saved before it existed keep their seals. */
	wonReason: z.string().max(200).optional(),
	tags: tagList,
	notes: notesText,
});

export const opportunitySchema = opportunityFieldsSchema.superRefine((deal, context) => {
	// KPI.md: closedAt is set when a deal is won or lost, and only then.
	if (isClosedStage(deal.stage) && deal.closedAt === null) {
		context.addIssue({code: 'custom', path: ['closedAt'], message: t('domain.rule.closedAtSet', {stage: deal.stage})});
	}
	if (!isClosedStage(deal.stage) && deal.closedAt !== null) {
		context.addIssue({code: 'custom', path: ['closedAt'], message: t('domain.rule.closedAtEmpty')});
	}
});

export type Opportunity = z.infer<typeof opportunitySchema>;
