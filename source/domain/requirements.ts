/**
 * The functional checklist (KPI.md: requirements_coverage): what a CRM should do, by area and
 * importance. Statuses are the operator's to maintain; the shipped ones are this console's own
 * honest assessment at the time of writing.
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

export type RequirementDefinition = {
	id: string;
	area: (typeof requirementAreas)[number];
	text: string;
	importance: RequirementImportance;
	status: RequirementStatus;
	note: string;
};

export const shippedRequirements: readonly RequirementDefinition[] = [
	{
		id: 'ci-records',
		area: 'customer information',
		text: 'Customer records with contact data, owner, segment, tags and notes',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'ci-timeline',
		area: 'customer information',
		text: 'Activity timeline per customer (notes, calls, meetings, emails)',
		importance: 'medium',
		status: 'met',
		note: '',
	},
	{
		id: 'ci-duplicates',
		area: 'customer information',
		text: 'Find and merge duplicate customers',
		importance: 'medium',
		status: 'met',
		note: 'same email or a very similar name; a merge field by field, undone whole',
	},
	{
		id: 'sm-pipeline',
		area: 'sales management',
		text: 'Opportunities through stages with amounts, probability and close dates',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'sm-board',
		area: 'sales management',
		text: 'Pipeline board by stage with totals',
		importance: 'medium',
		status: 'met',
		note: '',
	},
	{
		id: 'sm-forecast',
		area: 'sales management',
		text: 'Revenue forecast',
		importance: 'medium',
		status: 'met',
		note: 'linear trend of won revenue',
	},
	{
		id: 'mk-segments',
		area: 'marketing',
		text: 'Segments and tags to target customers',
		importance: 'medium',
		status: 'partial',
		note: 'segments and tags, no campaigns',
	},
	{
		id: 'mk-campaigns',
		area: 'marketing',
		text: 'Campaigns with responses tracked',
		importance: 'low',
		status: 'unmet',
		note: '',
	},
	{
		id: 'cs-tickets',
		area: 'customer service',
		text: 'Tickets with workflow, priority and owner',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'cs-sla',
		area: 'customer service',
		text: 'SLA targets per priority, time left and breaches shown',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'cs-feedback',
		area: 'customer service',
		text: 'Customer feedback (rating, NPS) linked to tickets',
		importance: 'medium',
		status: 'met',
		note: '',
	},
	{
		id: 'da-kpis',
		area: 'data analysis',
		text: 'KPIs against targets per month, quarter and year',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'da-report',
		area: 'data analysis',
		text: 'Evaluation report for management (Markdown, JSON)',
		importance: 'medium',
		status: 'met',
		note: '',
	},
	{
		id: 'ui-keyboard',
		area: 'user interface',
		text: 'Every action by keyboard, with help for every view',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'ui-search',
		area: 'user interface',
		text: 'Search across all records',
		importance: 'medium',
		status: 'met',
		note: '',
	},
	{
		id: 'in-import',
		area: 'integration',
		text: 'Import from CSV exports of other systems',
		importance: 'high',
		status: 'met',
		note: 'mappings, real date formats, idempotent, rejects reported',
	},
	{
		id: 'in-export',
		area: 'integration',
		text: 'Export to CSV and JSON',
		importance: 'medium',
		status: 'met',
		note: 'crm export and :export; formulas guarded',
	},
	{
		id: 'sc-volume',
		area: 'scalability',
		text: 'Stays fast with 100,000 customers',
		importance: 'medium',
		status: 'partial',
		note: 'windowed lists; saves rewrite the file',
	},
	{
		id: 'se-audit',
		area: 'security',
		text: 'Every change logged with operator and time, undoable',
		importance: 'high',
		status: 'met',
		note: '',
	},
	{
		id: 'se-roles',
		area: 'security',
		text: 'Roles that limit who may change what',
		importance: 'high',
		status: 'met',
		note: 'admin, sales, service, viewer; bound into the audit chain',
	},
	{
		id: 'se-concurrency',
		area: 'security',
		text: 'Several operators on one file without lost changes',
		importance: 'high',
		status: 'met',
		note: 'a file lock, version checks and a conflict dialog; journaled saves',
	},
];
