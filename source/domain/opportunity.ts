import {z} from 'zod';
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
	title: z.string().trim().min(1, 'must not be empty').max(160, 'must be at most 160 characters'),
	product: z.string().trim().max(120).default(''),
	stage: z.enum(opportunityStages, {message: `must be one of ${opportunityStages.join(', ')}`}),
	amount: z.number({message: 'must be a number'}).finite().min(0, 'must not be negative'),
	currency: z
		.string()
		.regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like USD')
		.default('USD'),
	probability: z
		.number({message: 'must be a number'})
		.min(0, 'must be between 0 and 1')
		.max(1, 'must be between 0 and 1'),
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
		context.addIssue({code: 'custom', path: ['closedAt'], message: `must be set for a ${deal.stage} deal`});
	}
	if (!isClosedStage(deal.stage) && deal.closedAt !== null) {
		context.addIssue({code: 'custom', path: ['closedAt'], message: 'must be empty while the deal is open'});
	}
});

export type Opportunity = z.infer<typeof opportunitySchema>;
