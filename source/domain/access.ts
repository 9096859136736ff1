import {z} from 'zod';
import {entitySingular, type StoredEntity} from './dataset.js';

export const roles = ['admin', 'sales', 'service', 'viewer'] as const;
export type Role = (typeof roles)[number];
export type RecordAction = 'create' | 'update' | 'delete';

const everything: RecordAction[] = ['create', 'update', 'delete'];

/**
 * What each role may do to each kind of record. Sales works the pipeline, service the tickets and
 * feedback; both keep customers and their timelines current; deleting a customer (or merging one
 * away) and changing settings or roles is for admins; a viewer changes nothing.
 */
const grants: Record<Role, Partial<Record<StoredEntity, readonly RecordAction[]>>> = {
	admin: {customers: everything, opportunities: everything, tickets: everything, feedback: everything, activities: everything},
	sales: {customers: ['create', 'update'], opportunities: everything, activities: everything},
	service: {customers: ['create', 'update'], tickets: everything, feedback: everything, activities: everything},
	viewer: {},
};

export const accessSettingsSchema = z.object({
	/** Operator name → role. With nobody listed there are no roles: everyone may do everything (one person's CRM). */
	operators: z.record(z.string().trim().min(1), z.enum(roles, {message: `must be one of ${roles.join(', ')}`})).default({}),
	/** The role of an operator not listed, once anyone is. */
	defaultRole: z.enum(roles, {message: `must be one of ${roles.join(', ')}`}).default('viewer'),
});

export type AccessSettings = z.infer<typeof accessSettingsSchema>;

/** Whether roles are in force: someone is listed. */
export const rolesConfigured = (access: AccessSettings): boolean => Object.keys(access.operators).length > 0;

export const roleOf = (access: AccessSettings, operator: string): Role => (rolesConfigured(access) ? (access.operators[operator] ?? access.defaultRole) : 'admin');

export const may = (role: Role, action: RecordAction, entity: StoredEntity): boolean => grants[role][entity]?.includes(action) ?? false;

/** Writing records out to a file (`:export`): anyone who may change something; a viewer reads in the console only. */
export const mayExport = (role: Role): boolean => role !== 'viewer';

/** Settings (targets, the checklist, SLA hours) and roles: admins only. */
export const mayChangeSettings = (role: Role): boolean => role === 'admin';

const verbs: Record<RecordAction, string> = {create: 'create', update: 'change', delete: 'delete'};

/** The refusal in words: `bo (viewer) may not change customers.` */
export const refusal = (operator: string, role: Role, action: RecordAction | 'settings' | 'export', entity?: StoredEntity): string =>
	action === 'settings'
		? `${operator} (${role}) may not change settings or roles: that is for an admin.`
		: action === 'export'
			? `${operator} (${role}) may not export records to a file: a viewer reads them in the console.`
			: `${operator} (${role}) may not ${verbs[action]} ${entity === 'feedback' ? 'feedback' : `${entitySingular[entity!]}s`.replace(/ys$/, 'ies')}.`;

/** The roles in a line each, for `crm access` and the help. */
export const roleSummary: Record<Role, string> = {
	admin: 'everything: all records, settings and roles',
	sales: 'customers (create, change), deals and timelines (all)',
	service: 'customers (create, change), tickets, feedback and timelines (all)',
	viewer: 'reads everything, changes nothing',
};
