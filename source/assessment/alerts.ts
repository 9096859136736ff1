import type {Dataset} from '../domain/dataset.js';
import type {AssessmentSettings} from '../domain/settings.js';
import type {Ticket} from '../domain/ticket.js';
import {hour} from '../domain/units.js';
import {t} from '../i18n/i18n.js';
import {type Alert, type Said, saidAlert} from './alert.js';
import type {ChurnRisk, ChurnRule} from './churn-risks.js';
import {inListOrder} from './in-list-order.js';
import {isoTime} from './iso-time.js';
import {type KpiId, kpiLabelKey} from './kpi-catalog.js';
import {memoOf} from './memo.js';
import {countBefore} from './sorted-numbers.js';
import {hasOwnAlert} from './stage-alerts.js';
import type {Assessed} from './targets.js';

export {type Alert, type AlertRecord, alertInEnglish, type Said, saidAlert} from './alert.js';
export {type ChurnRisk, type ChurnRule, churnRisks} from './churn-risks.js';

/** Missed KPIs of the period, worst attainment first. */
export const kpiAlerts = (assessed: Partial<Record<KpiId, Assessed>>): Alert[] =>
	Object.entries(assessed)
		.filter((entry): entry is [KpiId, Assessed] => entry[1]?.status === 'missed' && !hasOwnAlert(entry[0] as KpiId))
		.sort((a, b) => (a[1].attainment ?? 0) - (b[1].attainment ?? 0))
		.map(([id]) =>
			saidAlert(
				{kind: 'kpi', records: [], severity: 'bad'},
				{
					rule: (options) => t('assess.alert.kpiMissedRule', options),
					message: (options) => t('assess.alert.kpiMissed', {...options, kpi: t(kpiLabelKey(id), options)}),
				},
			),
		);

/** The open tickets, in the order of the list, carried from edit to edit. */
const openTickets = inListOrder<Ticket>((ticket) => ticket.resolvedAt === null);

/**
 * Open tickets past their due time, or due within the warning hours: counted again only when a ticket changed or the
 * clock (which moves on with every save) passed a due time or came within the hours of one.
 */
export const slaAlerts = (dataset: Dataset, now: number, settings: AssessmentSettings): Alert[] => {
	const state = openTickets(dataset.tickets, dataset.tickets);
	const hours = settings.slaWarningHours;
	// The due times in order (those that are no time are never overdue nor soon): how many have passed says which.
	const dues = memoOf(
		state,
		'dues',
		() =>
			state.records
				.map((ticket) => isoTime(ticket.dueAt))
				.filter((at) => !Number.isNaN(at))
				.sort((a, b) => a - b),
		String(state.version),
	);
	const passed = `${countBefore(dues, now)}:${countBefore(dues, now + hours * hour)}`;
	return memoOf(state, 'sla', () => slaAlertsOf(state.records, now, hours), `${state.version}:${hours}:${passed}`);
};

const slaAlertsOf = (open: readonly Ticket[], now: number, hours: number): Alert[] => {
	const overdue = open.filter((ticket) => isoTime(ticket.dueAt) < now);
	const soon = open.filter((ticket) => isoTime(ticket.dueAt) >= now && isoTime(ticket.dueAt) < now + hours * hour);
	const alerts: Alert[] = [];
	if (overdue.length > 0) {
		alerts.push(
			saidAlert(
				{kind: 'sla', records: overdue.map((ticket) => ({entity: 'tickets', id: ticket.id})), severity: 'bad'},
				{
					rule: (options) => t('assess.alert.slaOverdueRule', options),
					message: (options) => t('assess.alert.slaOverdue', {...options, count: overdue.length}),
				},
			),
		);
	}
	if (soon.length > 0) {
		alerts.push(
			saidAlert(
				{kind: 'sla', records: soon.map((ticket) => ({entity: 'tickets', id: ticket.id})), severity: 'warn'},
				{
					rule: (options) => t('assess.alert.slaSoonRule', {...options, hours}),
					message: (options) => t('assess.alert.slaSoon', {...options, count: soon.length, hours}),
				},
			),
		);
	}
	return alerts;
};

/** A churn rule in words, with the settings' numbers. */
const churnRuleWords =
	(rule: ChurnRule, rules: AssessmentSettings['churnRisk']): Said =>
	(options) =>
		rule === 'inactive'
			? t('assess.alert.inactiveRule', {...options, days: rules.inactiveDays})
			: rule === 'rating'
				? t('assess.alert.lowRatingRule', {...options, rating: rules.lowRating, days: rules.ratingDays})
				: t('assess.alert.urgentRule', options);

/** The churn alerts of a list of risks, kept with it: `churnRisks` gives the same list while nothing it looks at changed (an edit of a deal's amount). */
export const churnAlerts = (risks: readonly ChurnRisk[], settings: AssessmentSettings): Alert[] =>
	memoOf(risks, 'churnAlerts', () => churnAlertsOf(risks, settings), JSON.stringify(settings.churnRisk));

const churnAlertsOf = (risks: readonly ChurnRisk[], settings: AssessmentSettings): Alert[] => {
	const byRule = new Map<ChurnRule, string[]>();
	for (const risk of risks)
		for (const rule of risk.rules) {
			const ids = byRule.get(rule);
			if (ids) ids.push(risk.customerId);
			else byRule.set(rule, [risk.customerId]);
		}
	return [...byRule.entries()].map(([rule, ids]) => {
		const said = churnRuleWords(rule, settings.churnRisk);
		return saidAlert(
			{
				kind: 'churn',
				records: ids.map((id) => ({entity: 'customers', id})),
				severity: rule === 'urgent' ? 'bad' : 'warn',
			},
			{
				rule: said,
				message: (options) => t('assess.alert.churn', {...options, count: ids.length, rule: said(options)}),
			},
		);
	});
};
