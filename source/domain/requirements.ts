import type {assess} from '../i18n/catalogs/en/assess.js';
import {t} from '../i18n/i18n.js';

/**
 * The functional checklist (KPI.md: requirements_coverage): what a CRM should do, by area and
 * importance. A requirement that names a built-in capability has its status derived (KPI.md
 * *Functional coverage*: met when the capability is there and, if it keeps records, was used in the
 * 90 days before the end of the period; partial when unused; unmet when the console lacks it); the
 * `status` written here is then only what shows where nothing is derived. The operator may override
 * any status with a note (the settings' `assessment.requirements`). An area is data (the settings,
 * the JSON report), named in words by `areaName`.
 */
export const requirementAreas = [
	'customer information', // i18n-exempt: an area is data; areaName says it
	'sales management', // i18n-exempt: an area is data; areaName says it
	'marketing',
	'customer service', // i18n-exempt: an area is data; areaName says it
	'data analysis', // i18n-exempt: an area is data; areaName says it
	'user interface', // i18n-exempt: an area is data; areaName says it
	'integration',
	'scalability',
	'security',
] as const;

const [
	customerInformation,
	salesManagement,
	marketing,
	customerService,
	dataAnalysis,
	userInterface,
	integration,
	scalability,
	security,
] = requirementAreas;

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

/** Catalog keys of the shipped requirements' words. */
type TextKey = `assess.requirement.text.${keyof typeof assess.requirement.text}`;
type NoteKey = `assess.requirement.note.${keyof typeof assess.requirement.note}`;

/** A shipped requirement as written here: its words as catalog keys. */
type Written = Omit<RequirementDefinition, 'text' | 'note'> & {text: TextKey; note: NoteKey | null};

const written: readonly Written[] = [
	{
		id: 'ci-records',
		area: customerInformation,
		text: 'assess.requirement.text.ciRecords',
		importance: 'high',
		status: 'met',
		note: null,
		capability: keeps('customers'),
	},
	{
		id: 'ci-timeline',
		area: customerInformation,
		text: 'assess.requirement.text.ciTimeline',
		importance: 'medium',
		status: 'met',
		note: null,
		// KPI.md lists the capabilities that keep records (customers, deals, tickets, feedback, campaigns,
		// orders, follow-ups, imports): the timeline is not among them, so it is met while it is there.
		capability: built,
	},
	{
		id: 'ci-duplicates',
		area: customerInformation,
		text: 'assess.requirement.text.ciDuplicates',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.ciDuplicates',
		capability: built,
	},
	{
		id: 'sm-pipeline',
		area: salesManagement,
		text: 'assess.requirement.text.smPipeline',
		importance: 'high',
		status: 'met',
		note: null,
		capability: keeps('opportunities'),
	},
	{
		id: 'sm-board',
		area: salesManagement,
		text: 'assess.requirement.text.smBoard',
		importance: 'medium',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'sm-forecast',
		area: salesManagement,
		text: 'assess.requirement.text.smForecast',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.smForecast',
		capability: built,
	},
	{
		id: 'sm-orders',
		area: salesManagement,
		text: 'assess.requirement.text.smOrders',
		importance: 'high',
		status: 'met',
		note: null,
		capability: keeps('orders'),
	},
	{
		id: 'sm-currencies',
		area: salesManagement,
		text: 'assess.requirement.text.smCurrencies',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.smCurrencies',
		capability: built,
	},
	{
		id: 'mk-segments',
		area: marketing,
		text: 'assess.requirement.text.mkSegments',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.mkSegments',
		capability: built,
	},
	{
		id: 'mk-campaigns',
		area: marketing,
		text: 'assess.requirement.text.mkCampaigns',
		importance: 'medium',
		status: 'met',
		note: null,
		capability: keeps('campaigns'),
	},
	{
		id: 'cs-tickets',
		area: customerService,
		text: 'assess.requirement.text.csTickets',
		importance: 'high',
		status: 'met',
		note: null,
		capability: keeps('tickets'),
	},
	{
		id: 'cs-sla',
		area: customerService,
		text: 'assess.requirement.text.csSla',
		importance: 'high',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'cs-feedback',
		area: customerService,
		text: 'assess.requirement.text.csFeedback',
		importance: 'medium',
		status: 'met',
		note: null,
		capability: keeps('feedback'),
	},
	{
		id: 'cs-follow-ups',
		area: customerService,
		text: 'assess.requirement.text.csFollowUps',
		importance: 'medium',
		status: 'met',
		note: null,
		capability: keeps('follow-ups'),
	},
	{
		id: 'cs-types',
		area: customerService,
		text: 'assess.requirement.text.csTypes',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.csTypes',
		capability: built,
	},
	{
		id: 'da-kpis',
		area: dataAnalysis,
		text: 'assess.requirement.text.daKpis',
		importance: 'high',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'da-report',
		area: dataAnalysis,
		text: 'assess.requirement.text.daReport',
		importance: 'medium',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'ui-keyboard',
		area: userInterface,
		text: 'assess.requirement.text.uiKeyboard',
		importance: 'high',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'ui-search',
		area: userInterface,
		text: 'assess.requirement.text.uiSearch',
		importance: 'medium',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'in-import',
		area: integration,
		text: 'assess.requirement.text.inImport',
		importance: 'high',
		status: 'met',
		note: 'assess.requirement.note.inImport',
		capability: keeps('imports'),
	},
	{
		id: 'in-export',
		area: integration,
		text: 'assess.requirement.text.inExport',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.inExport',
		capability: built,
	},
	{
		id: 'sc-volume',
		area: scalability,
		text: 'assess.requirement.text.scVolume',
		importance: 'medium',
		status: 'met',
		note: 'assess.requirement.note.scVolume',
		capability: built,
	},
	{
		id: 'se-audit',
		area: security,
		text: 'assess.requirement.text.seAudit',
		importance: 'high',
		status: 'met',
		note: null,
		capability: built,
	},
	{
		id: 'se-roles',
		area: security,
		text: 'assess.requirement.text.seRoles',
		importance: 'high',
		status: 'met',
		note: 'assess.requirement.note.seRoles',
		capability: built,
	},
	{
		id: 'se-concurrency',
		area: security,
		text: 'assess.requirement.text.seConcurrency',
		importance: 'high',
		status: 'met',
		note: 'assess.requirement.note.seConcurrency',
		capability: built,
	},
];

/** The language in force, or English (`{lng: 'en'}`). */
type Options = {lng: 'en'} | undefined;

const said = new Map<string, Written>(written.map((requirement) => [requirement.id, requirement]));

/** A shipped requirement's text and note in the language in force, or in English (`{lng: 'en'}`, as the JSON report writes them); undefined for an id that is not shipped. */
export const requirementWords = (id: string, options?: Options): {text: string; note: string} | undefined => {
	const requirement = said.get(id);
	if (!requirement) return undefined;
	return {text: t(requirement.text, options), note: requirement.note ? t(requirement.note, options) : ''};
};

/**
 * The checklist the console ships: each requirement's text and note read from the catalog whenever
 * they are read, so the checklist speaks the language in force (`requirementWords(id, {lng: 'en'})`
 * gives the English the JSON report keeps).
 */
export const shippedRequirements: readonly RequirementDefinition[] = written.map((requirement) => ({
	id: requirement.id,
	area: requirement.area,
	get text() {
		return t(requirement.text);
	},
	importance: requirement.importance,
	status: requirement.status,
	get note() {
		return requirement.note ? t(requirement.note) : '';
	},
	...(requirement.capability ? {capability: requirement.capability} : {}),
}));

const areaKeys = {
	'customer information': 'assess.requirement.area.customerInformation',
	'sales management': 'assess.requirement.area.salesManagement',
	marketing: 'assess.requirement.area.marketing',
	'customer service': 'assess.requirement.area.customerService',
	'data analysis': 'assess.requirement.area.dataAnalysis',
	'user interface': 'assess.requirement.area.userInterface',
	integration: 'assess.requirement.area.integration',
	scalability: 'assess.requirement.area.scalability',
	security: 'assess.requirement.area.security',
} as const satisfies Record<(typeof requirementAreas)[number], string>;

/** An area's name in the language in force (the area itself is data: `customer information`); any other text as it is. */
export const areaName = (area: string): string =>
	area in areaKeys ? t(areaKeys[area as keyof typeof areaKeys]) : area;

const importanceKeys = {
	high: 'assess.requirement.importance.high',
	medium: 'assess.requirement.importance.medium',
	low: 'assess.requirement.importance.low',
} as const satisfies Record<RequirementImportance, string>;

/** An importance in words, in the language in force. */
export const importanceName = (importance: RequirementImportance): string => t(importanceKeys[importance]);

const statusKeys = {
	met: 'assess.requirement.status.met',
	partial: 'assess.requirement.status.partial',
	unmet: 'assess.requirement.status.unmet',
} as const satisfies Record<RequirementStatus, string>;

/** A requirement's status in words, in the language in force (the settings keep `met`, `partial`, `unmet`). */
export const requirementStatusName = (status: RequirementStatus): string => t(statusKeys[status]);
