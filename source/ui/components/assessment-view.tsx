import asciichart from 'asciichart';
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {entityAt} from '../../assessment/drill-down.js';
import type {Evaluation} from '../../assessment/evaluation.js';
import {formatAttainment, formatKpi, formatKpiWithin, statusSymbol} from '../../assessment/format-kpi.js';
import {type KpiId, kpiCatalog} from '../../assessment/kpi-catalog.js';
import {periodName} from '../../assessment/periods.js';
import type {KpiStatus} from '../../assessment/targets.js';
import {areaName, importanceName, requirementStatusName} from '../../domain/requirements.js';
import {t} from '../../i18n/i18n.js';
import {trendChart} from '../charts/trend-chart.js';
import {displayWidth, fitCell, truncate} from '../layout/cell-text.js';
import {windowStart} from '../layout/row-window.js';
import type {ViewContext} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import type {AnalysisShown} from '../state/analysis-views.js';
import type {AssessmentState} from '../state/app-types.js';
import {
	alertRows,
	comparedIds,
	firstPanelOfSecondColumn,
	kpiOrder,
	type Panel,
	panels,
	type Trend,
} from '../state/assessment.js';
import {useTheme} from '../theme/theme-context.js';
import {AnalysisView} from './analysis-view.js';
import {inSentence, kpiRowLabel, kpiTitle, periodKindWords, statusTone, statusWords} from './kpi-label.js';
import {RoiCostsView} from './roi-costs-view.js';
import {TonedText} from './toned-text.js';

type Props = {
	evaluation: Evaluation;
	trend: Trend | null;
	analysis: AnalysisShown | null;
	assessment: AssessmentState;
	context: ViewContext;
	width: number;
	height: number;
	toDate: boolean;
};

const target = (id: KpiId, evaluation: Evaluation): string =>
	`${evaluation.kpis[id].direction === 'higher' ? '≥' : '≤'} ${formatKpi(id, evaluation.kpis[id].target, false, evaluation.currency)}`;

/** The target in its column: written compactly rather than cut off (`≥ CNY 4.2M`). */
const targetWithin = (id: KpiId, evaluation: Evaluation, room: number): string => {
	const sign = evaluation.kpis[id].direction === 'higher' ? '≥' : '≤';
	return `${sign} ${formatKpiWithin(id, evaluation.kpis[id].target, room - 2, false, evaluation.currency)}`;
};

function Heading({children}: {children: ReactNode}) {
	return (
		<TonedText bold tone="accent">
			{children}
		</TonedText>
	);
}

/** Columns after the label: status 9, actual 13, target 14, difference 12, attainment 6 (+ previous 13 when wide), with gaps and margins. */
const fixedColumns = (wide: boolean): number => 2 + 9 + 1 + 13 + 1 + 14 + 1 + 12 + 1 + 6 + (wide ? 14 : 0) + 3;
const labelWidth = (width: number): number => Math.max(10, Math.min(26, width - fixedColumns(width >= 110)));

/** One KPI: status by symbol and colour, actual, target, difference, attainment, previous period. */
function KpiRow({
	id,
	evaluation,
	selected,
	width,
}: {
	id: KpiId;
	evaluation: Evaluation;
	selected: boolean;
	width: number;
}) {
	const kpi = evaluation.kpis[id];
	const wide = width >= 110;
	const label = labelWidth(width);
	const attainment = formatAttainment(kpi.attainment);
	const cells = [
		fitCell(kpiRowLabel(id, kpi.actual), label),
		fitCell(formatKpiWithin(id, kpi.actual, 13, false, evaluation.currency), 13, 'right'),
		fitCell(targetWithin(id, evaluation, 14), 14, 'right'),
		fitCell(formatKpiWithin(id, kpi.difference, 12, true, evaluation.currency), 12, 'right'),
		fitCell(attainment, 6, 'right'),
		wide ? fitCell(formatKpiWithin(id, kpi.previous, 13, false, evaluation.currency), 13, 'right') : '',
	];
	return (
		<Text inverse={selected} wrap="truncate">
			{selected ? '› ' : '  '}
			<TonedText tone={statusTone[kpi.status]} inverse={selected}>
				{statusSymbol[kpi.status]} {fitCell(statusWords(kpi.status), 7)}
			</TonedText>{' '}
			{cells.join(' ')}
		</Text>
	);
}

type PanelRow = {kind: 'title'; title: string} | {kind: 'kpi'; id: KpiId; index: number};

const panelRows = (shown: readonly Panel[]): PanelRow[] =>
	shown.flatMap((panel): PanelRow[] => [
		{kind: 'title', title: panel.title},
		...panel.ids.map((id): PanelRow => ({kind: 'kpi', id, index: kpiOrder.indexOf(id)})),
	]);

/** One column of panels, windowed around the cursor when it is in this column (else from its top). */
function PanelColumn({
	rows,
	evaluation,
	assessment,
	width,
	size,
}: {
	rows: readonly PanelRow[];
	evaluation: Evaluation;
	assessment: AssessmentState;
	width: number;
	size: number;
}) {
	const cursorRow = rows.findIndex((row) => row.kind === 'kpi' && row.index === assessment.cursor);
	const start = cursorRow < 0 ? 0 : windowStart(cursorRow, rows.length, size);
	const wide = width >= 110;
	const label = labelWidth(width);
	const header = `${' '.repeat(12)}${fitCell(t('views.assessment.kpi'), label)} ${fitCell(t('views.assessment.actual'), 13, 'right')} ${fitCell(t('views.assessment.target'), 14, 'right')} ${fitCell(t('views.assessment.difference'), 12, 'right')} ${fitCell(t('views.assessment.attain'), 6, 'right')}${wide ? ` ${fitCell(t('views.assessment.previous'), 13, 'right')}` : ''}`;
	return (
		<Box flexDirection="column" width={width}>
			<TonedText tone="muted">{truncate(header, width)}</TonedText>
			{rows
				.slice(start, start + size)
				.map((row) =>
					row.kind === 'title' ? (
						<Heading key={row.title}>{row.title}</Heading>
					) : (
						<KpiRow
							key={row.id}
							id={row.id}
							evaluation={evaluation}
							selected={row.index === assessment.cursor}
							width={width}
						/>
					),
				)}
		</Box>
	);
}

/** Two columns of panels need this much room: two rows of KPIs without their previous period, and a gap. */
const twoColumnsFrom = 160;

/**
 * The panels: one column, windowed around the cursor; on a screen wide enough for two, the effect
 * panels on the left and the rest on the right, when one column would not show them all.
 */
function Panels({evaluation, assessment, width, height}: Omit<Props, 'trend' | 'context' | 'toDate'>) {
	const size = Math.max(1, height - 1);
	const all = panelRows(panels);
	if (width < twoColumnsFrom || all.length <= size)
		return <PanelColumn rows={all} evaluation={evaluation} assessment={assessment} width={width} size={size} />;
	const column = Math.floor((width - 3) / 2);
	return (
		<Box flexDirection="row" gap={2}>
			{[panels.slice(0, firstPanelOfSecondColumn), panels.slice(firstPanelOfSecondColumn)].map((shown) => (
				<PanelColumn
					key={shown[0]!.title}
					rows={panelRows(shown)}
					evaluation={evaluation}
					assessment={assessment}
					width={column}
					size={size}
				/>
			))}
		</Box>
	);
}

/** A record in one line, as its own list shows it: the first columns of its screen. */
const recordLine = (entity: Trend['behind']['entity'], id: string, context: ViewContext): string => {
	// A kind of record whose screen this console does not have yet: its id.
	const screen = screenFor(entity) as ReturnType<typeof screenFor> | undefined;
	if (!screen) return id;
	const record = screen.find(id, context);
	if (!record) return id;
	// The most important columns first, so a narrow terminal cuts the least useful ones.
	return [...screen.columns]
		.sort((a, b) => a.priority - b.priority)
		.slice(0, 4)
		.map((column) => column.cell(record, context))
		.filter(Boolean)
		.join('  ');
};

function TrendView({
	trend: given,
	evaluation,
	assessment,
	context,
	width,
	height,
}: Omit<Props, 'trend' | 'toDate'> & {trend: Trend}) {
	let trend = given;
	const theme = useTheme();
	const kpi = evaluation.kpis[trend.id];
	if (kpiCatalog[trend.id].group === 'quality' || kpiCatalog[trend.id].group === 'function') {
		// Measured as of now: there is no history to draw, only the records behind the number.
		trend = {...trend, points: []};
	}
	const chartHeight = Math.max(3, Math.min(12, Math.floor(height / 2)));
	const ansi = (color: string | undefined) =>
		color ? (asciichart as unknown as Record<string, string>)[color] : undefined;
	const lines = trendChart({
		values: trend.points.map((point) => point.value),
		forecast: trend.forecast,
		target: kpi.target,
		labels: trend.points.map((point) => periodName(point.period)),
		width,
		height: chartHeight,
		format: (value) => formatKpi(trend.id, value, false, evaluation.currency),
		colors: {line: ansi(theme.colors.accent), target: ansi(theme.colors.warn)},
	});
	const listSize = Math.max(1, height - lines.length - 4);
	const start = windowStart(assessment.recordCursor, trend.behind.ids.length, listSize);
	return (
		<Box flexDirection="column">
			<Heading>
				{truncate(
					trend.forecast.length > 0
						? t('views.assessment.trendTitleForecast', {
								title: kpiTitle(trend.id, kpi.actual),
								count: trend.points.length,
							})
						: t('views.assessment.trendTitle', {title: kpiTitle(trend.id, kpi.actual), count: trend.points.length}),
					width - 2,
				)}
			</Heading>
			{lines.map((line, index) => (
				<Text key={index} wrap="truncate">
					{line}
				</Text>
			))}
			<TonedText tone="muted">
				{truncate(
					t(
						trend.points.some((point) => point.value === null)
							? 'views.assessment.legendGaps'
							: 'views.assessment.legend',
						{
							kpi: inSentence(kpiCatalog[trend.id].label),
							target: target(trend.id, evaluation),
						},
					),
					width - 2,
				)}
			</TonedText>
			<TonedText bold>
				{truncate(
					t(trend.behind.ids.length > 0 ? 'views.assessment.behindOpens' : 'views.assessment.behind', {
						period: periodName(evaluation.period),
						count: trend.behind.ids.length,
						caption: trend.behind.caption,
					}),
					width - 2,
				)}
			</TonedText>
			{trend.behind.ids.slice(start, start + listSize).map((id, index) => (
				<Text key={id} inverse={start + index === assessment.recordCursor} wrap="truncate">
					{start + index === assessment.recordCursor ? '› ' : '  '}
					{truncate(recordLine(entityAt(trend.behind, start + index), id, context), width - 4)}
				</Text>
			))}
		</Box>
	);
}

function CompareView({evaluation, assessment, width, height}: Omit<Props, 'trend' | 'context' | 'toDate'>) {
	const comparison = evaluation.beforeAfter;
	if (!comparison) {
		return (
			<Box flexDirection="column">
				<Heading>{t('views.compare.title')}</Heading>
				<Text wrap="wrap">{t('views.compare.noGoLive')}</Text>
			</Box>
		);
	}
	const ids = comparedIds;
	const size = Math.max(1, height - 2);
	const start = windowStart(assessment.recordCursor, ids.length, size);
	const label = Math.max(12, Math.min(26, width - 48));
	return (
		<Box flexDirection="column">
			<Heading>
				{truncate(t('views.compare.heading', {months: comparison.months, date: comparison.goLive}), width - 2)}
			</Heading>
			<TonedText tone="muted">{`  ${fitCell(t('views.assessment.kpi'), label)} ${fitCell(t('views.compare.before'), 13, 'right')} ${fitCell(t('views.compare.after'), 13, 'right')} ${fitCell(t('views.compare.change'), 13, 'right')}`}</TonedText>
			{ids.slice(start, start + size).map((id, index) => {
				const row = comparison.kpis[id];
				const better =
					row.change === null || row.change === 0
						? 'text'
						: row.change > 0 === (kpiCatalog[id].better === 'higher')
							? 'ok'
							: 'bad';
				const selected = start + index === assessment.recordCursor;
				return (
					<Text key={id} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						{fitCell(kpiCatalog[id].label, label)}{' '}
						{fitCell(formatKpiWithin(id, row.before, 13, false, evaluation.currency), 13, 'right')}{' '}
						{fitCell(formatKpiWithin(id, row.after, 13, false, evaluation.currency), 13, 'right')}{' '}
						<TonedText tone={better} inverse={selected}>
							{fitCell(formatKpiWithin(id, row.change, 13, true, evaluation.currency), 13, 'right')}{' '}
							{better === 'ok' ? t('views.compare.better') : better === 'bad' ? t('views.compare.worse') : ''}
						</TonedText>
					</Text>
				);
			})}
		</Box>
	);
}

function AlertsView({evaluation, assessment, context, width, height}: Omit<Props, 'trend' | 'toDate'>) {
	const rows = alertRows(evaluation);
	if (rows.length === 0) return <Heading>{t('views.alerts.none')}</Heading>;
	const size = Math.max(1, height - 1);
	const start = windowStart(assessment.recordCursor, rows.length, size);
	return (
		<Box flexDirection="column">
			<Heading>{t('views.alerts.heading', {count: evaluation.alerts.length})}</Heading>
			{rows.slice(start, start + size).map((row, index) => {
				const selected = start + index === assessment.recordCursor;
				if (!row.record) {
					return (
						<TonedText
							key={`${row.alert.rule}-${start + index}`}
							bold
							tone={row.alert.severity === 'bad' ? 'bad' : 'warn'}
							inverse={selected}
						>
							{truncate(
								`${selected ? '›' : ' '}${t('views.alerts.line', {symbol: row.alert.severity === 'bad' ? '✗' : '!', message: row.alert.message, rule: row.alert.rule})}`,
								width - 2,
							)}
						</TonedText>
					);
				}
				return (
					<Text key={`${row.record.id}-${start + index}`} inverse={selected} wrap="truncate">
						{selected ? '  › ' : '    '}
						{truncate(recordLine(row.record.entity, row.record.id, context), width - 6)}
					</Text>
				);
			})}
		</Box>
	);
}

const markTone = {met: 'ok', partial: 'warn', unmet: 'bad'} as const;
const markSymbol = {met: '✓', partial: '~', unmet: '✗'} as const;
/** A mark with its status in words (`~ partial`, `~ 部分满足`). */
const markText = (status: keyof typeof markSymbol): string => `${markSymbol[status]} ${requirementStatusName(status)}`;
/** The mark column: 9 cells in English, as wide as the longest mark where its words are wider (Chinese). */
const markWidth = (): number =>
	Math.max(9, ...(['met', 'partial', 'unmet'] as const).map((status) => displayWidth(markText(status))));

/** The functional checklist: each requirement's mark and note, by area and importance. */
function RequirementsView({evaluation, assessment, width, height}: Omit<Props, 'trend' | 'context' | 'toDate'>) {
	const rows = evaluation.requirements;
	const size = Math.max(1, height - 2);
	const start = windowStart(assessment.recordCursor, rows.length, size);
	const coverage = evaluation.kpis.requirements_coverage;
	const mark = markWidth();
	const text = Math.max(16, width - 37 - mark);
	return (
		<Box flexDirection="column">
			<Heading>
				{truncate(
					t('views.requirements.heading', {
						coverage: formatKpi('requirements_coverage', coverage.actual),
						target: target('requirements_coverage', evaluation),
					}),
					width - 2,
				)}
			</Heading>
			<TonedText tone="muted">{`  ${fitCell(t('views.requirements.mark'), mark)} ${fitCell(t('views.requirements.weight'), 7)} ${fitCell(t('views.requirements.area'), 22)} ${t('views.requirements.requirement')}`}</TonedText>
			{rows.slice(start, start + size).map((requirement, index) => {
				const selected = start + index === assessment.recordCursor;
				return (
					<Text key={requirement.id} inverse={selected} wrap="truncate">
						{selected ? '› ' : '  '}
						<TonedText tone={markTone[requirement.status]} inverse={selected}>
							{fitCell(markText(requirement.status), mark)}
						</TonedText>{' '}
						{fitCell(importanceName(requirement.importance), 7)} {fitCell(areaName(requirement.area), 22)}{' '}
						{truncate(
							`${requirement.text}${requirement.note ? ` — ${requirement.note}` : ''}${requirement.overridden && requirement.derived !== null ? t('views.requirements.derived', {derived: requirementStatusName(requirement.derived)}) : ''}`,
							text,
						)}
					</Text>
				);
			})}
		</Box>
	);
}

/** The assessment screen: the CRM evaluated on effect, performance and function, against its targets. */
export function AssessmentView(props: Props) {
	const {evaluation, assessment, width, height, toDate} = props;
	const statuses = kpiOrder.map((id) => evaluation.kpis[id].status);
	const count = (status: KpiStatus) => statuses.filter((candidate) => candidate === status).length;
	const period = t(toDate ? 'views.assessment.periodToDate' : 'views.assessment.period', {
		key: periodName(evaluation.period),
		kind: periodKindWords(assessment.kind),
	});
	const counts = {
		period,
		met: count('met'),
		near: count('near'),
		missed: count('missed'),
		// i18n-exempt: a KPI status value (data), counted; its words come from the catalog
		noData: count('no data'),
		alerts: evaluation.alerts.length,
	};
	const summary =
		width >= 100 ? t('views.assessment.summaryWide', counts) : t('views.assessment.summaryNarrow', counts);
	const body = height - 1;
	let view: ReactNode;
	if (assessment.view === 'trend' && props.trend?.id === 'roi') view = <RoiCostsView {...props} height={body} />;
	else if (assessment.view === 'trend' && props.trend)
		view = <TrendView {...props} trend={props.trend} height={body} />;
	else if (props.analysis) view = <AnalysisView {...props} analysis={props.analysis} height={body} />;
	else if (assessment.view === 'compare') view = <CompareView {...props} height={body} />;
	else if (assessment.view === 'alerts') view = <AlertsView {...props} height={body} />;
	else if (assessment.view === 'requirements') view = <RequirementsView {...props} height={body} />;
	else view = <Panels {...props} height={body} />;
	return (
		<Box flexDirection="column" width={width} height={height} paddingLeft={1}>
			<TonedText bold>{truncate(summary, width - 2)}</TonedText>
			{view}
		</Box>
	);
}
