/**
 * The functional checklist (KPI.md: requirements_coverage): what a CRM should do, by area and
 * importance. A requirement that names a built-in capability has its status derived (KPI.md
 * *Functional coverage*: met when the capability is there and, if it keeps records, was used in the
 * 90 days before the end of the period; partial when unused; unmet when the console lacks it); the
 * `status` written here is then only what shows where nothing is derived. The operator may override
 * any status with a note (the settings' `assessment.requirements`).
 */
export const requirementAreas = [
	'customer information',
	'sales management',
	'marketing',
	'customer service',
	'data analysis',
	'user interface',
	'integration',
	'scalability',
	'security',
] as const;

export type RequirementImportance = 'high' | 'medium' | 'low';
export type RequirementStatus = 'met' | 'partial' | 'unmet';

/** What a capability keeps: its records, follow-ups (activities of that kind), or records brought in by an import. */
export type CapabilityRecords =
	| 'customers'
	| 'opportunities'
	| 'tickets'
	| 'feedback'
	| 'campaigns'
	| 'orders'
	| 'activities'
	| 'follow-ups'
	| 'imports';

/** A built-in capability of the console: whether it is there, and what records its use leaves. */
export type Capability = {built: boolean; keeps?: CapabilityRecords};

export type RequirementDefinition = {
	id: string;
	area: (typeof requirementAreas)[number];
	text: string;
	importance: RequirementImportance;
	status: RequirementStatus;
	note: string;
	/** Set when the requirement names a capability of the console: its status is derived, not typed. */
	capability?: Capability;
};

/** A capability that is there and keeps no records of its own (a view, a rule, a format). */
const built: Capability = {built: true};
const keeps = (records: CapabilityRecords): Capability => ({built: true, keeps: records});

export const shippedRequirements: readonly RequirementDefinition[] = [
	{
		id: 'ci-records',
		area: 'customer information',
		text: 'Customer records with contact data, owner, segment, tags and notes',
		importance: 'high',
		status: 'met',
		note: '',
		capability: keeps('customers'),
	},
	{
		id: 'ci-timeline',
		area: 'customer information',
		text: 'Activity timeline per customer (notes, calls, meetings, emails)',
		importance: 'medium',
		status: 'met',
		note: '',
		// KPI.md lists the capabilities that keep records (customers, deals, tickets, feedback, campaigns,
		// orders, follow-ups, imports): the timeline is not among them, so it is met while it is there.
		capability: built,
	},
	{
		id: 'ci-duplicates',
		area: 'customer information',
		text: 'Find and merge duplicate customers',
		importance: 'medium',
		status: 'met',
		note: 'same email or a very similar name; a merge field by field, undone whole',
		capability: built,
	},
	{
		id: 'sm-pipeline',
		area: 'sales management',
		text: 'Opportunities through stages with amounts, probability and close dates',
		importance: 'high',
		status: 'met',
		note: '',
		capability: keeps('opportunities'),
	},
	{
		id: 'sm-board',
		area: 'sales management',
		text: 'Pipeline board by stage with totals',
		importance: 'medium',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'sm-forecast',
		area: 'sales management',
		text: 'Revenue forecast',
		importance: 'medium',
		status: 'met',
		note: 'linear trend of won revenue',
		capability: built,
	},
	{
		id: 'sm-orders',
		area: 'sales management',
		text: 'Sales orders with lines, numbers and a payment status',
		importance: 'high',
		status: 'met',
		note: '',
		capability: keeps('orders'),
	},
	{
		id: 'sm-currencies',
		area: 'sales management',
		text: 'Amounts in several currencies, figures in one base currency',
		importance: 'medium',
		status: 'met',
		note: 'rates in the settings; what has no rate is counted, not summed',
		capability: built,
	},
	{
		id: 'mk-segments',
		area: 'marketing',
		text: 'Segments and tags to target customers',
		importance: 'medium',
		status: 'met',
		note: 'segments and tags; a campaign names the segment it targets',
		capability: built,
	},
	{
		id: 'mk-campaigns',
		area: 'marketing',
		text: 'Campaigns planned, run and evaluated: leads, deals, revenue, cost, ROI',
		importance: 'medium',
		status: 'met',
		note: '',
		capability: keeps('campaigns'),
	},
	{
		id: 'cs-tickets',
		area: 'customer service',
		text: 'Tickets with workflow, priority and owner',
		importance: 'high',
		status: 'met',
		note: '',
		capability: keeps('tickets'),
	},
	{
		id: 'cs-sla',
		area: 'customer service',
		text: 'SLA targets per priority, time left and breaches shown',
		importance: 'high',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'cs-feedback',
		area: 'customer service',
		text: 'Customer feedback (rating, NPS) linked to tickets',
		importance: 'medium',
		status: 'met',
		note: '',
		capability: keeps('feedback'),
	},
	{
		id: 'cs-follow-ups',
		area: 'customer service',
		text: 'Follow-ups (回访) of customers and tickets, with due dates and overdue alerts',
		importance: 'medium',
		status: 'met',
		note: '',
		capability: keeps('follow-ups'),
	},
	{
		id: 'cs-types',
		area: 'customer service',
		text: 'Inquiries, complaints, requests and incidents told apart',
		importance: 'medium',
		status: 'met',
		note: 'a ticket type; the complaint rate is a KPI',
		capability: built,
	},
	{
		id: 'da-kpis',
		area: 'data analysis',
		text: 'KPIs against targets per month, quarter and year',
		importance: 'high',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'da-report',
		area: 'data analysis',
		text: 'Evaluation report for management (Markdown, JSON)',
		importance: 'medium',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'ui-keyboard',
		area: 'user interface',
		text: 'Every action by keyboard, with help for every view',
		importance: 'high',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'ui-search',
		area: 'user interface',
		text: 'Search across all records',
		importance: 'medium',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'in-import',
		area: 'integration',
		text: 'Import from CSV exports of other systems',
		importance: 'high',
		status: 'met',
		note: 'mappings, real date formats, idempotent, rejects reported',
		capability: keeps('imports'),
	},
	{
		id: 'in-export',
		area: 'integration',
		text: 'Export to CSV and JSON',
		importance: 'medium',
		status: 'met',
		note: 'crm export and :export; formulas guarded',
		capability: built,
	},
	{
		id: 'sc-volume',
		area: 'scalability',
		text: 'Stays fast with 100,000 customers',
		importance: 'medium',
		status: 'met',
		note: 'windowed lists, journaled saves; npm run bench at 500,000 records',
		capability: built,
	},
	{
		id: 'se-audit',
		area: 'security',
		text: 'Every change logged with operator and time, undoable',
		importance: 'high',
		status: 'met',
		note: '',
		capability: built,
	},
	{
		id: 'se-roles',
		area: 'security',
		text: 'Roles that limit who may change what',
		importance: 'high',
		status: 'met',
		note: 'admin, sales, service, viewer; bound into the audit chain',
		capability: built,
	},
	{
		id: 'se-concurrency',
		area: 'security',
		text: 'Several operators on one file without lost changes',
		importance: 'high',
		status: 'met',
		note: 'a file lock, version checks and a conflict dialog; journaled saves',
		capability: built,
	},
];
