import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import {recordBase, recordId} from './record.js';

/**
 * One customer in one campaign's audience (issue 17): the campaign was, or will be, sent to them.
 * A relation of its own, beside a customer's `campaignId` (KPI.md: *acquired by*), which an
 * audience never changes. One record per membership; `source` says why they were added (the
 * list's filter when added in one step, `filter value:at-risk`).
 */
export const audienceMemberSchema = z.object({
	...recordBase,
	campaignId: recordId,
	customerId: recordId,
	source: z
		.string()
		.trim()
		.max(200, {error: () => t('domain.field.atMostCharacters', {max: 200})})
		.default(''),
});

export type AudienceMember = z.infer<typeof audienceMemberSchema>;

/** The key of a membership: one campaign and one customer, at most once. */
export const audiencePair = (member: Pick<AudienceMember, 'campaignId' | 'customerId'>): string =>
	`${member.campaignId}:${member.customerId}`;

/** What an audience member is checked against: whether its campaign and customer exist, whether the pair is taken. */
export type AudienceLookup = {
	campaignExists: (id: string) => boolean;
	customerExists: (id: string) => boolean;
	pairTaken: (pair: string) => boolean;
};

/**
 * Why a new audience member may not be stored, in words naming the record, and the field; null when
 * it may. Its campaign and its customer must exist, and the pair must not be there already.
 */
export const audienceProblem = (
	member: Pick<AudienceMember, 'campaignId' | 'customerId'>,
	lookup: AudienceLookup,
): {field: string; message: string} | null => {
	if (!lookup.campaignExists(member.campaignId))
		return {field: 'campaignId', message: t('domain.audience.noCampaign', {id: member.campaignId})};
	if (!lookup.customerExists(member.customerId))
		return {field: 'customerId', message: t('domain.audience.noCustomer', {id: member.customerId})};
	if (lookup.pairTaken(audiencePair(member)))
		return {
			field: 'customerId',
			message: t('domain.audience.already', {customer: member.customerId, campaign: member.campaignId}),
		};
	return null;
};

/** The customers of a list not yet in a campaign's audience, and how many already are. */
export const newAudienceMembers = <C extends {id: string}>(
	campaignId: string,
	customers: readonly C[],
	members: readonly Pick<AudienceMember, 'campaignId' | 'customerId'>[],
): {added: C[]; already: number} => {
	const inIt = new Set(members.filter((member) => member.campaignId === campaignId).map((member) => member.customerId));
	const seen = new Set<string>();
	const added: C[] = [];
	let already = 0;
	for (const customer of customers) {
		if (inIt.has(customer.id)) already++;
		else if (!seen.has(customer.id)) {
			seen.add(customer.id);
			added.push(customer);
		}
	}
	return {added, already};
};

/**
 * The campaign a name or an id names: its exact name with case ignored (`spring webinar`), else its
 * id. None, or several of that name, is said in words naming what was given.
 */
export const campaignNamed = <C extends {id: string; name: string}>(
	campaigns: readonly C[],
	given: string,
): {ok: true; campaign: C} | {ok: false; message: string} => {
	const wanted = given.trim();
	const folded = wanted.toLocaleLowerCase();
	const named = campaigns.filter((campaign) => campaign.name.trim().toLocaleLowerCase() === folded);
	if (named.length === 1) return {ok: true, campaign: named[0]!};
	if (named.length > 1)
		return {
			ok: false,
			message: t('domain.audience.severalNamed', {
				count: named.length,
				name: wanted,
				ids: named.map((campaign) => campaign.id).join(', '),
			}),
		};
	const byId = campaigns.find((campaign) => campaign.id === wanted);
	if (byId) return {ok: true, campaign: byId};
	return {ok: false, message: t('domain.audience.noneNamed', {name: wanted})};
};
