import {z} from 'zod';
import {t} from '../i18n/i18n.js';
import type {StoredEntity} from './dataset.js';

export const roles = ['admin', 'sales', 'service', 'viewer'] as const;
export type Role = (typeof roles)[number];
export type RecordAction = 'create' | 'update' | 'delete';

const everything: RecordAction[] = ['create', 'update', 'delete'];

/**
 * What each role may do to each kind of record. Sales works the pipeline, service the tickets and
 * feedback; both keep customers and their timelines current; deleting a customer (or merging one
 * away) and changing settings or roles is for admins; a viewer changes none of the CRM's data.
 * Answering the usability survey is no change of the CRM's data: everyone, a viewer too, may
 * create a response (the store signs it with the acting operator). Nobody changes one — a response
 * is what was answered —; an admin may delete any, and `u` deletes the operator's own fresh one
 * (apply-mutations.ts `roleRefusal`). A campaign's audience is kept by whoever keeps campaigns: members
 * are added and taken out, never changed (a membership is its campaign and its customer).
 */
const grants: Record<Role, Partial<Record<StoredEntity, readonly RecordAction[]>>> = {
	admin: {
		customers: everything,
		opportunities: everything,
		tickets: everything,
		feedback: everything,
		campaigns: everything,
		orders: everything,
		activities: everything,
		surveys: ['create', 'delete'],
		audiences: ['create', 'delete'],
	},
	sales: {
		customers: ['create', 'update'],
		opportunities: everything,
		campaigns: everything,
		orders: everything,
		activities: everything,
		surveys: ['create'],
		audiences: ['create', 'delete'],
	},
	service: {
		customers: ['create', 'update'],
		tickets: everything,
		feedback: everything,
		activities: everything,
		surveys: ['create'],
	},
	viewer: {surveys: ['create']},
};

export const accessSettingsSchema = z.object({
	/** Operator name → role. With nobody listed there are no roles: everyone may do everything (one person's CRM). */
	operators: z
		.record(z.string().trim().min(1), z.enum(roles, {error: () => t('store.access.oneOf', {roles: roles.join(', ')})}))
		.default({}),
	/** The role of an operator not listed, once anyone is. */
	defaultRole: z.enum(roles, {error: () => t('store.access.oneOf', {roles: roles.join(', ')})}).default('viewer'),
});

export type AccessSettings = z.infer<typeof accessSettingsSchema>;

/** Whether roles are in force: someone is listed. */
export const rolesConfigured = (access: AccessSettings): boolean => Object.keys(access.operators).length > 0;

export const roleOf = (access: AccessSettings, operator: string): Role =>
	rolesConfigured(access) ? (access.operators[operator] ?? access.defaultRole) : 'admin';

export const may = (role: Role, action: RecordAction, entity: StoredEntity): boolean =>
	grants[role][entity]?.includes(action) ?? false;

/** Writing records out to a file (`:export`): anyone who may change something; a viewer reads in the console only. */
export const mayExport = (role: Role): boolean => role !== 'viewer';

/** Settings (targets, the checklist, SLA hours) and roles: admins only. */
export const mayChangeSettings = (role: Role): boolean => role === 'admin';

const verb = (action: RecordAction): string =>
	action === 'create'
		? t('store.access.create')
		: action === 'update'
			? t('store.access.update')
			: t('store.access.delete');

/** The records of an entity, in the plural (`may not change customers`). */
const recordsOf = (entity: StoredEntity): string => {
	switch (entity) {
		case 'customers':
			return t('store.entities.customers');
		case 'opportunities':
			return t('store.entities.opportunities');
		case 'tickets':
			return t('store.entities.tickets');
		case 'feedback':
			return t('store.entities.feedback');
		case 'campaigns':
			return t('store.entities.campaigns');
		case 'orders':
			return t('store.entities.orders');
		case 'activities':
			return t('store.entities.activities');
		case 'surveys':
			return t('store.entities.surveys');
		case 'audiences':
			return t('store.entities.audiences');
	}
};

/** The refusal in words: `bo (viewer) may not change customers.` */
export const refusal = (
	operator: string,
	role: Role,
	action: RecordAction | 'settings' | 'export',
	entity?: StoredEntity,
): string => {
	if (action === 'settings') return t('store.access.mayNotSettings', {operator, role});
	if (action === 'export') return t('store.access.mayNotExport', {operator, role});
	const words = {operator, role, verb: verb(action), records: recordsOf(entity!)};
	const reason = refusalReason(action, entity);
	return reason ? t('store.access.mayNotBecause', {...words, reason}) : t('store.access.mayNot', words);
};

/**
 * Why, when there is more to say: a survey response is not changed (by anyone) or deleted (but by an
 * admin, or by its own operator's undo); an audience member is not changed (it is its campaign and
 * its customer: taken out and added again instead).
 */
const refusalReason = (action: RecordAction, entity: StoredEntity | undefined): string | null => {
	if (entity === 'surveys' && action === 'update') return t('store.access.surveyUpdate');
	if (entity === 'surveys' && action === 'delete') return t('store.access.surveyDelete');
	if (entity === 'audiences' && action === 'update') return t('store.access.audienceUpdate');
	return null;
};

/** A role in a line, for `crm access` and the help (in the language in force). */
export const roleSummary = (role: Role): string => {
	switch (role) {
		case 'admin':
			return t('store.access.admin');
		case 'sales':
			return t('store.access.sales');
		case 'service':
			return t('store.access.service');
		case 'viewer':
			return t('store.access.viewer');
	}
};

/**
 * Roles are bound into the audit chain: each change of them (and the roles as first found) is a
 * change-log entry of this entity, whose fields hold the roles before and after. The roles in
 * force are those of the latest such entry; roles in the settings file that differ were changed
 * there by hand and are not in force (`crm doctor` and `crm audit verify` say so).
 */
export const accessEntity = 'access';
export const accessRecordId = 'acc_roles';

const rolesShape = accessSettingsSchema;

/**
 * The roles the change log vouches for — each part as its latest roles entry left it (an entry
 * lists only what it changed; the first lists both) — or null when it has none.
 */
export const vouchedAccess = (
	changes: ReadonlyArray<{
		entity: string;
		changes: ReadonlyArray<{field: string; after?: unknown}>;
		operator: string;
		at: string;
	}>,
): {access: AccessSettings; by: string; at: string} | null => {
	const found: {operators?: unknown; defaultRole?: unknown} = {};
	let latest: {by: string; at: string} | null = null;
	for (
		let index = changes.length - 1;
		index >= 0 && (found.operators === undefined || found.defaultRole === undefined);
		index--
	) {
		const entry = changes[index]!;
		if (entry.entity !== accessEntity) continue;
		latest ??= {by: entry.operator, at: entry.at};
		for (const change of entry.changes)
			if (change.field === 'operators' || change.field === 'defaultRole') found[change.field] ??= change.after;
	}
	if (!latest) return null;
	const parsed = rolesShape.safeParse({operators: found.operators ?? {}, defaultRole: found.defaultRole ?? 'viewer'});
	return parsed.success ? {access: parsed.data, ...latest} : null;
};

const sortedOperators = (access: AccessSettings): string =>
	JSON.stringify(Object.entries(access.operators).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

export const sameAccess = (a: AccessSettings, b: AccessSettings): boolean =>
	a.defaultRole === b.defaultRole && sortedOperators(a) === sortedOperators(b);

/** The fields of a roles entry: the operators and the role of anyone else as they were and are — what changed (the first entry: both). */
export const accessFieldChanges = (
	before: AccessSettings | null,
	after: AccessSettings,
): Array<{field: string; before?: unknown; after: unknown}> => [
	...(before === null || sortedOperators(before) !== sortedOperators(after)
		? [{field: 'operators', ...(before ? {before: before.operators} : {}), after: after.operators}]
		: []),
	...(before === null || before.defaultRole !== after.defaultRole
		? [{field: 'defaultRole', ...(before ? {before: before.defaultRole} : {}), after: after.defaultRole}]
		: []),
];
