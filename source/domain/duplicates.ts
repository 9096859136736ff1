import {distance} from 'fastest-levenshtein';
import {t} from '../i18n/i18n.js';
import type {Customer} from './customer.js';
import type {Dataset} from './dataset.js';
import type {Mutation} from './mutation.js';
import {foldForSearch} from './text-fold.js';

export type DuplicateGroup = {ids: string[]; reason: string};

/** An email as duplicates are found by it (KPI.md's `duplicate_rate`): trimmed, lower case; empty is no email. */
export const normalizedEmail = (email: string): string => email.trim().toLowerCase();

/** How many customers share their (normalised, non-empty) email with another: the numerator of KPI.md's `duplicate_rate`. */
export const customersSharingAnEmail = (customers: readonly Customer[]): number => {
	const counts = new Map<string, number>();
	for (const customer of customers) {
		const email = normalizedEmail(customer.email);
		if (email !== '') counts.set(email, (counts.get(email) ?? 0) + 1);
	}
	let shared = 0;
	for (const customer of customers) if ((counts.get(normalizedEmail(customer.email)) ?? 0) > 1) shared++;
	return shared;
};

/** Names compared without case, accents or punctuation: `José Pérez` and `jose perez` are one name. */
const fold = (text: string): string =>
	foldForSearch(text)
		.replace(/[^\p{L}\p{N}]+/gu, ' ')
		.trim();

/** 1 for the same text, 0 for nothing in common (edit distance over the longer length). */
export const similarity = (a: string, b: string): number =>
	a === b ? 1 : 1 - distance(a, b) / Math.max(a.length, b.length, 1);

/** Names this close are "very similar": a typo or an accent apart, not two people. */
export const nameThreshold = 0.85;

/**
 * Customers that are likely the same: the same normalised email, or very similar names at the same
 * company (or one without a company — which joins a group of one company at most: Ana of Acme and
 * Ana of Initech are never one group through an Ana without a company). Names are compared within
 * blocks of their first two letters, so thousands of customers stay quick.
 */
export const findDuplicateGroups = (customers: readonly Customer[]): DuplicateGroup[] => {
	const parent = new Map<string, string>();
	const reasons = new Map<string, Set<string>>();
	const root = (id: string): string => {
		let current = id;
		while (parent.get(current) !== current) current = parent.get(current)!;
		parent.set(id, current);
		return current;
	};
	// The companies (folded, non-empty) in each group, by its root.
	const companies = new Map<string, Set<string>>();
	// Worded once per call (in the language in force), not once per pair.
	const [sameEmail, sameName, similarName] = [
		t('domain.duplicates.sameEmail'),
		t('domain.duplicates.sameName'),
		t('domain.duplicates.similarName'),
	];
	const join = (a: string, b: string, reason: string) => {
		const [ra, rb] = [root(a), root(b)];
		if (ra !== rb) parent.set(rb, ra);
		const kept = root(a);
		reasons.set(kept, new Set([...(reasons.get(ra) ?? []), ...(reasons.get(rb) ?? []), reason]));
		companies.set(kept, new Set([...(companies.get(ra) ?? []), ...(companies.get(rb) ?? [])]));
	};
	/** Whether two groups joined would still name one company at most. */
	const oneCompany = (a: string, b: string): boolean =>
		new Set([...(companies.get(root(a)) ?? []), ...(companies.get(root(b)) ?? [])]).size <= 1;
	for (const customer of customers) {
		parent.set(customer.id, customer.id);
		const company = fold(customer.company);
		companies.set(customer.id, new Set(company === '' ? [] : [company]));
	}

	const byEmail = new Map<string, string>();
	for (const customer of customers) {
		const email = normalizedEmail(customer.email);
		if (email === '') continue;
		const first = byEmail.get(email);
		if (first) join(first, customer.id, sameEmail);
		else byEmail.set(email, customer.id);
	}

	const blocks = new Map<string, Array<{id: string; name: string; company: string}>>();
	for (const customer of customers) {
		const name = fold(customer.name);
		const block = blocks.get(name.slice(0, 2)) ?? [];
		block.push({id: customer.id, name, company: fold(customer.company)});
		blocks.set(name.slice(0, 2), block);
	}
	for (const block of blocks.values()) {
		for (let i = 0; i < block.length; i++) {
			for (let j = i + 1; j < block.length; j++) {
				const a = block[i]!;
				const b = block[j]!;
				const sameCompany = a.company === b.company || a.company === '' || b.company === '';
				if (sameCompany && similarity(a.name, b.name) >= nameThreshold && oneCompany(a.id, b.id))
					join(a.id, b.id, a.name === b.name ? sameName : similarName);
			}
		}
	}

	const groups = new Map<string, string[]>();
	for (const customer of customers) {
		const key = root(customer.id);
		groups.set(key, [...(groups.get(key) ?? []), customer.id]);
	}
	return [...groups.entries()]
		.filter(([, ids]) => ids.length > 1)
		.map(([key, ids]) => ({ids, reason: [...(reasons.get(key) ?? [])].join(t('domain.listSeparator'))}));
};

/** The fields a merge chooses between, field by field. */
export const mergeFields = [
	'name',
	'company',
	'email',
	'phone',
	'owner',
	'segment',
	'status',
	'tags',
	'notes',
] as const;
export type MergeField = (typeof mergeFields)[number];

/**
 * Merging `other` into `survivor`: the survivor takes the chosen values, every opportunity, ticket,
 * feedback and timeline entry of `other` moves to it, and `other` is deleted — one change, undone whole.
 */
export const mergeMutations = (
	dataset: Dataset,
	survivor: Customer,
	other: Customer,
	takeFromOther: readonly MergeField[],
): Mutation[] => {
	const values: Record<string, unknown> = {};
	for (const field of takeFromOther) values[field] = other[field];
	if (values['status'] === 'churned') values['churnedAt'] = other.churnedAt;
	const mutations: Mutation[] = [];
	if (Object.keys(values).length > 0)
		mutations.push({kind: 'update', entity: 'customers', id: survivor.id, version: survivor.version, values});
	for (const entity of ['opportunities', 'tickets', 'feedback', 'activities'] as const) {
		for (const record of dataset[entity]) {
			if (record.customerId === other.id)
				mutations.push({
					kind: 'update',
					entity,
					id: record.id,
					version: record.version,
					values: {customerId: survivor.id},
				});
		}
	}
	mutations.push({kind: 'delete', entity: 'customers', id: other.id, version: other.version});
	return mutations;
};
