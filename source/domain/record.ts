import {z} from 'zod';
import {t} from '../i18n/i18n.js';

/** An instant in UTC, stored as an ISO 8601 string with a `Z` suffix. */
export const timestamp = z.iso.datetime({error: () => t('domain.field.dateTime')});

/** An optional instant: `null` when the event has not happened. */
export const optionalTimestamp = timestamp.nullable().default(null);

export const recordId = z.string().regex(/^[a-z]{2,4}_[0-9A-Za-z]{4,40}$/, {error: () => t('domain.field.recordId')});

/** Fields every stored record carries. */
export const recordBase = {
	id: recordId,
	externalId: z.string().nullable().default(null),
	createdAt: timestamp,
	updatedAt: timestamp,
	version: z
		.number()
		.int({error: () => t('domain.field.wholeNumber')})
		.min(1, {error: () => t('domain.field.oneOrMore')}),
};

export const ownerName = z
	.string()
	.trim()
	.max(80, {error: () => t('domain.field.atMostCharacters', {max: 80})})
	.default('');
export const tagList = z.array(z.string().trim().min(1).max(40)).default([]);
export const notesText = z
	.string()
	.max(20_000, {error: () => t('domain.field.atMostCharacters', {max: 20_000})})
	.default('');

/** `customerId` may be empty for imported records that have no account (see KPI.md). */
export const customerRef = z.union([recordId, z.literal('')]);

/**
 * The campaign that brought a customer or deal in (KPI.md: *acquired by*); absent or '' for none.
 * Optional so that records saved before campaigns existed keep their seals.
 */
export const campaignRef = z.union([recordId, z.literal('')]).optional();

export type BaseRecord = {
	id: string;
	externalId: string | null;
	createdAt: string;
	updatedAt: string;
	version: number;
};
