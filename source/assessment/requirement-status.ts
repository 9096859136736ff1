import type {ChangeEntry} from '../domain/change-log.js';
import {type Dataset, type StoredEntity, storedEntities} from '../domain/dataset.js';
import {
	type CapabilityRecords,
	type RequirementDefinition,
	type RequirementStatus,
	requirementWords,
	shippedRequirements,
} from '../domain/requirements.js';
import type {AssessmentSettings} from '../domain/settings.js';
import {day} from '../domain/units.js';
import {type DayTable, dayOf, dayTables} from './day-table.js';
import {isBefore, type Period} from './periods.js';
import type {Requirement} from './usage-kpis.js';

/** How long a capability that keeps records may go unused and still count as met (KPI.md). */
export const usedWithinDays = 90;

/** A requirement as assessed: its status (the override where there is one), and what the console derived. */
export type AssessedRequirement = Requirement & {
	/** The status derived from the console's capabilities and their use; null for the operator's own requirements. */
	derived: RequirementStatus | null;
	/** Whether the status is the operator's override of the derived one (or the operator's own mark). */
	overridden: boolean;
};

/** Fields only a follow-up has: a change of one of them is a follow-up's. */
const followUpFields = new Set(['dueAt', 'doneAt', 'ticketId']);

/** Whether one change-log entry is a use of the kind: an entry of its entity, of a follow-up, or of an import (it sets `externalId`). */
const entryOf = (entry: ChangeEntry, kind: CapabilityRecords): boolean => {
	if (kind === 'imports') return entry.changes.some((change) => change.field === 'externalId' && Boolean(change.after));
	if (kind === 'follow-ups')
		return (
			entry.entity === 'activities' &&
			entry.changes.some(
				(change) => followUpFields.has(change.field) || (change.field === 'kind' && change.after === 'follow_up'),
			)
		);
	return entry.entity === kind;
};

type Touched = {id: string; createdAt: string; updatedAt: string; externalId?: string | null; kind?: string};

const recordOf = (record: Touched, kind: CapabilityRecords): boolean =>
	kind === 'imports' ? Boolean(record.externalId) : kind === 'follow-ups' ? record.kind === 'follow_up' : true;

const listsOf: Record<CapabilityRecords, ReadonlyArray<StoredEntity>> = {
	customers: ['customers'],
	opportunities: ['opportunities'],
	tickets: ['tickets'],
	feedback: ['feedback'],
	campaigns: ['campaigns'],
	orders: ['orders'],
	activities: ['activities'],
	'follow-ups': ['activities'],
	imports: ['customers', 'opportunities', 'tickets', 'feedback', 'campaigns', 'orders', 'activities'],
};

const kinds = Object.keys(listsOf) as CapabilityRecords[];
const field = Object.fromEntries(kinds.map((kind, index) => [kind, index])) as Record<CapabilityRecords, number>;

/** Change-log entries by the day they were written, per kind of use; carried from save to save. */
const changesTable = dayTables<ChangeEntry>(kinds.length, (entry, add) => {
	const at = dayOf(entry.at);
	for (const kind of kinds) if (entryOf(entry, kind)) add(at, field[kind], 1);
});

/** Records by the days they were created and last changed: touched at all, brought in by an import, a follow-up. */
const touchedOn = (record: Touched, add: (at: number, which: number, value: number) => void) => {
	touched(record, dayOf(record.createdAt), add);
	// The same day twice is one use of it.
	if (!sameDatePart(record.updatedAt, record.createdAt)) touched(record, dayOf(record.updatedAt), add);
};

const touched = (record: Touched, at: number, add: (at: number, which: number, value: number) => void) => {
	add(at, 0, 1);
	if (record.externalId) add(at, 1, 1);
	if (record.kind === 'follow_up') add(at, 2, 1);
};

/** `a.slice(0, 10) === b.slice(0, 10)` without making the two slices (one pass over 800,000 records asks it). */
export const sameDatePart = (a: string, b: string): boolean => {
	const length = Math.min(a.length, 10);
	if (Math.min(b.length, 10) !== length) return false;
	for (let index = 0; index < length; index++) if (a.charCodeAt(index) !== b.charCodeAt(index)) return false;
	return true;
};

/** One table per kind of record: each carries from its own list's last version (one for all would forget them). */
const recordsTables = new Map(storedEntities.map((entity) => [entity, dayTables<Touched>(3, touchedOn)]));

/** A timestamp in [from, to) (canonical ones compared as text). */
const within = (iso: string, from: number, to: number): boolean => !isBefore(iso, from) && isBefore(iso, to);

/**
 * Whether a day table has a moment of `which` in [from, to): the whole days inside from the table;
 * when only a part-day at either end has one, `exact` settles it moment by moment.
 */
const usedIn = (table: DayTable, which: number, from: number, to: number, exact: () => boolean): boolean => {
	const firstWhole = Math.ceil(from / day) * day;
	const lastWhole = Math.floor(to / day) * day;
	if (lastWhole > firstWhole && table.sum(which, firstWhole, lastWhole) > 0) return true;
	const edges = new Set([Math.floor(from / day) * day, lastWhole]);
	return [...edges].some((start) => start < to && table.sum(which, start, start + day) > 0) && exact();
};

/** Whether a record of the kind was created or changed in [from, to): by the change log, or by the records' own times. */
export const capabilityUsed = (dataset: Dataset, kind: CapabilityRecords, from: number, to: number): boolean => {
	const {changes} = dataset;
	// The log is written in the order of time: read from the end back to a day before the window.
	const logged = usedIn(changesTable(changes), field[kind], from, to, () => {
		for (let index = changes.length - 1; index >= 0 && !isBefore(changes[index]!.at, from - day); index--)
			if (within(changes[index]!.at, from, to) && entryOf(changes[index]!, kind)) return true;
		return false;
	});
	if (logged) return true;
	const which = kind === 'imports' ? 1 : kind === 'follow-ups' ? 2 : 0;
	return listsOf[kind].some((entity) => {
		const list = dataset[entity] as readonly Touched[];
		return usedIn(recordsTables.get(entity)!(list), which, from, to, () =>
			list.some(
				(record) =>
					recordOf(record, kind) && (within(record.createdAt, from, to) || within(record.updatedAt, from, to)),
			),
		);
	});
};

/** KPI.md *Functional coverage*: the status of a requirement that names a capability, as of the instant `until`. */
export const derivedStatus = (
	requirement: RequirementDefinition,
	dataset: Dataset,
	until: number,
): RequirementStatus | null => {
	const {capability} = requirement;
	if (!capability) return null;
	if (!capability.built) return 'unmet';
	if (!capability.keeps) return 'met';
	return capabilityUsed(dataset, capability.keeps, until - usedWithinDays * day, until) ? 'met' : 'partial';
};

/**
 * The checklist as assessed for P: each shipped requirement with its derived status as of end(P)
 * (now, for a period still running), the operator's mark over it where there is one (the override,
 * with its note).
 */
export const assessRequirements = (
	dataset: Dataset,
	settings: AssessmentSettings,
	period: Period,
	now: number,
): AssessedRequirement[] => {
	const until = Math.min(period.end, now);
	const lists: object[] = [settings.requirements, dataset.changes, ...storedEntities.map((entity) => dataset[entity])];
	const known = assessed.find(
		(entry) => entry.until === until && entry.lists.every((list, index) => list.deref() === lists[index]),
	);
	if (known) return known.requirements;
	const requirements = assessAll(dataset, settings, until);
	assessed = [{until, lists: lists.map((list) => new WeakRef(list)), requirements}, ...assessed].slice(0, 8);
	return requirements;
};

/**
 * The checklists assessed last (a period, the one before, the windows): the same data and instant
 * give the same answer. The lists are held weakly: an old version of all the data must not stay in
 * memory for this.
 */
let assessed: Array<{until: number; lists: Array<WeakRef<object>>; requirements: AssessedRequirement[]}> = [];

const assessAll = (dataset: Dataset, settings: AssessmentSettings, until: number): AssessedRequirement[] =>
	shippedRequirements.map((requirement) => {
		const derived = derivedStatus(requirement, dataset, until);
		const mark = settings.requirements[requirement.id];
		// The shipped words are read when shown, in the language in force then (the checklist is kept across a switch).
		return {
			id: requirement.id,
			area: requirement.area,
			get text() {
				return requirement.text;
			},
			importance: requirement.importance,
			status: mark?.status ?? derived ?? requirement.status,
			get note() {
				// A mark keeps the shipped note in English (the settings do not depend on the language): shown in the language in force.
				return mark && mark.note !== requirementWords(requirement.id, {lng: 'en'})?.note ? mark.note : requirement.note;
			},
			derived,
			overridden: mark !== undefined,
		};
	});

/** A requirement as the JSON report writes it whatever the language: the shipped text and note in English, the operator's own note as written. */
export const requirementInEnglish = (requirement: AssessedRequirement): AssessedRequirement => {
	const english = requirementWords(requirement.id, {lng: 'en'});
	return {
		...requirement,
		text: english?.text ?? requirement.text,
		// The operator's own note as written; the shipped one (also kept by a mark) in English.
		note:
			!english || (requirement.overridden && requirement.note !== requirementWords(requirement.id)?.note)
				? requirement.note
				: english.note,
	};
};
