import {type KpiId, kpiCatalog} from '../../assessment/kpi-catalog.js';
import type {KpiValue} from '../../assessment/kpis.js';
import type {KpiStatus} from '../../assessment/targets.js';
import {susBand, susBandName} from '../../domain/survey.js';
import {t} from '../../i18n/i18n.js';
import type {Tone} from '../theme/theme.js';

/** A KPI's status by colour, beside its symbol (`statusSymbol`): the panels and the stages view. */
export const statusTone: Record<KpiStatus, Tone> = {met: 'ok', near: 'warn', missed: 'bad', 'no data': 'muted'};

/**
 * A KPI's name in its panel row: the usability score says its SUS band there, beside the score
 * (`SUS below average` fits the 17 columns an 80-column screen leaves a label); without responses, its name.
 */
export const kpiRowLabel = (id: KpiId, actual: KpiValue): string =>
	id === 'usability_score' && actual !== null
		? t('views.assessment.kpiRowBand', {band: susBandName(susBand(actual))})
		: kpiCatalog[id].label;

/** A KPI's name over its trend and the records behind it: the usability score with the period's band. */
export const kpiTitle = (id: KpiId, actual: KpiValue): string =>
	id === 'usability_score' && actual !== null
		? t('views.assessment.kpiTitleBand', {label: kpiCatalog[id].label, band: susBandName(susBand(actual))})
		: kpiCatalog[id].label;

/** A KPI's status in words (`met`, `no data`), in the language in force. */
export const statusWords = (status: KpiStatus): string => {
	switch (status) {
		case 'met':
			return t('views.status.met');
		case 'near':
			return t('views.status.near');
		case 'missed':
			return t('views.status.missed');
		default:
			return t('views.status.noData');
	}
};

/** A period's kind in words (`month`), in the language in force. */
export const periodKindWords = (kind: 'month' | 'quarter' | 'year'): string =>
	kind === 'month'
		? t('views.periodKind.month')
		: kind === 'quarter'
			? t('views.periodKind.quarter')
			: t('views.periodKind.year');

/** A KPI's name within a sentence: its words in lower case, its acronyms as they are (`usability (SUS)`, `CSAT`, `marketing ROI`). */
export const inSentence = (label: string): string =>
	label.replace(/\b([A-Z])([a-z])/g, (_, first: string, second: string) => `${first.toLowerCase()}${second}`);
