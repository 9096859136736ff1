import type {ReactNode} from 'react';
import {isToDate} from '../../assessment/evaluation.js';
import {recordCount} from '../../domain/dataset.js';
import {t} from '../../i18n/i18n.js';
import {wrapText} from '../layout/cell-text.js';
import {frameLayout} from '../layout/frame-layout.js';
import {maskOverlay} from '../masking.js';
import {ratesIn} from '../screens/screen-definition.js';
import {screenFor} from '../screens/screen-registry.js';
import {currentAnalysis, isAnalysisView} from '../state/analysis-views.js';
import type {AppState} from '../state/app-types.js';
import {currentEvaluation, currentTrend, shownPeriod, staleEvaluation} from '../state/assessment.js';
import {boardColumns} from '../state/board.js';
import {formErrors} from '../state/form-actions.js';
import {loadedPercent} from '../state/loading.js';
import {marksOf} from '../state/marks.js';
import {duplicateGroups, sharingAnEmail} from '../state/merge-actions.js';
import {pickerRows} from '../state/picker-rows.js';
import {shownRowsOf, viewContext} from '../state/selection.js';
import {type Layer, topLayer} from '../state/top-layer.js';
import {detailRows, helpRows, reportRows} from '../state/view-rows.js';
import {fileOrder} from '../state/visible-rows.js';
import {AssessmentView} from './assessment-view.js';
import {BoardView} from './board-view.js';
import {DataTable} from './data-table.js';
import {DuplicatesView, MergeView} from './duplicates-view.js';
import {FormView} from './form-view.js';
import {FrequencyView} from './frequency-view.js';
import {ImportView} from './import-view.js';
import {OverlayView} from './overlay-view.js';
import {SurveyView} from './survey-view.js';
import {TextView} from './text-view.js';

type Shown = {state: AppState; layout: ReturnType<typeof frameLayout>; width: number; counting: boolean};

/** The layer drawn: the top one, or the list when a merge or a detail has lost what it showed. */
export const shownLayer = (state: AppState): Layer => {
	const layer = topLayer(state);
	if ((layer === 'merge' && !state.duplicates.merge) || (layer === 'detail' && !state.detail)) return 'list';
	return layer;
};

const helpBody = ({state, layout, width}: Shown) => (
	<TextView rows={helpRows(state, width - 2)} scroll={state.help.scroll} width={width} height={layout.body} />
);

const overlayBody = ({state, layout, width}: Shown) => {
	const overlay = state.overlay!;
	return (
		<OverlayView
			overlay={state.mask ? maskOverlay(overlay, state.dataset.customers) : overlay}
			pickerRows={overlay.kind === 'picker' ? pickerRows(state, overlay) : []}
			width={width}
			height={layout.body}
		/>
	);
};

const importBody = ({state, layout, width}: Shown) => (
	<ImportView
		wizard={state.importing!}
		mode={state.mode}
		dataset={state.dataset}
		now={state.now}
		width={width}
		height={layout.body}
		mask={state.mask}
	/>
);

const assessmentBody = ({state, layout, width, counting}: Shown) => {
	// Part of the data is no ground for a KPI: the assessment waits until every record is read.
	if (state.loading) {
		const text = t('views.assessment.loading', {
			percent: loadedPercent(state.loading),
			records: state.loading.done.toLocaleString('en-US'),
		});
		const rows = wrapText(text, width - 2).map((line) => ({text: line, tone: 'muted' as const}));
		return <TextView rows={rows} scroll={0} width={width} height={layout.body} />;
	}
	const evaluation = counting ? staleEvaluation(state) : currentEvaluation(state);
	const trend = !counting && state.assessment.view === 'trend' ? currentTrend(state) : null;
	// The trend and the analysis views are counted for what they show: none is drawn from a stale count.
	const analysis = counting ? null : currentAnalysis(state, shownPeriod(state));
	const ownCount = state.assessment.view === 'trend' || isAnalysisView(state.assessment.view);
	if (evaluation && (!counting || !ownCount))
		return (
			<AssessmentView
				evaluation={evaluation}
				trend={trend}
				analysis={analysis}
				assessment={state.assessment}
				context={viewContext(state)}
				width={width}
				height={layout.body}
				toDate={isToDate(evaluation.period, state.now)}
			/>
		);
	const text = t('views.assessment.counting', {
		period: state.assessment.periodKey,
		records: recordCount(state.dataset).toLocaleString('en-US'),
	});
	return <TextView rows={[{text, tone: 'muted'}]} scroll={0} width={width} height={layout.body} />;
};

const detailBody = ({state, layout, width}: Shown) => {
	const context = viewContext(state);
	const screen = screenFor(state.screen);
	const {id, scroll} = state.detail!;
	const record = screen.find(id, context);
	return (
		<TextView
			title={record ? screen.heading(record, context) : ''}
			rows={detailRows(state.screen, id, width - 2, context) ?? []}
			scroll={scroll}
			width={width}
			height={layout.body}
		/>
	);
};

const listBody = ({state, layout, width}: Shown) => (
	<DataTable
		entity={state.screen}
		rows={shownRowsOf(state)}
		list={state.loading ? {...state.lists[state.screen], sort: fileOrder} : state.lists[state.screen]}
		marks={marksOf(state)}
		width={width}
		height={layout.tableRows}
		context={viewContext(state)}
		readPercent={state.loading ? loadedPercent(state.loading) : undefined}
	/>
);

/** What each layer draws in the body of the frame. */
const bodies: Record<Layer, (shown: Shown) => ReactNode> = {
	help: helpBody,
	picker: overlayBody,
	confirm: overlayBody,
	prompt: overlayBody,
	conflict: overlayBody,
	command: overlayBody,
	form: ({state, layout, width}) =>
		state.form!.survey !== undefined ? (
			<SurveyView
				form={state.form!}
				errors={formErrors(state, state.form!)}
				operator={state.operator}
				width={width}
				height={layout.body}
				saving={state.request !== null}
			/>
		) : (
			<FormView
				form={state.form!}
				errors={formErrors(state, state.form!)}
				related={viewContext(state).related}
				width={width}
				height={layout.body}
				saving={state.request !== null}
				mask={state.mask}
			/>
		),
	importFile: importBody,
	importChoice: importBody,
	importPreview: importBody,
	importRunning: importBody,
	importDone: importBody,
	assessment: assessmentBody,
	duplicates: ({state, layout, width}) => (
		<DuplicatesView
			groups={duplicateGroups(state)}
			sharingAnEmail={sharingAnEmail(state)}
			customers={state.dataset.customers.length}
			cursor={state.duplicates.cursor}
			related={viewContext(state).related}
			width={width}
			height={layout.body}
		/>
	),
	merge: ({state, width}) => (
		<MergeView merge={state.duplicates.merge!} related={viewContext(state).related} width={width} />
	),
	board: ({state, layout, width}) => {
		const context = viewContext(state);
		return (
			<BoardView
				columns={boardColumns(context)}
				base={ratesIn(context).base}
				selected={state.board}
				related={context.related}
				width={width}
				height={layout.body}
			/>
		);
	},
	detail: detailBody,
	filter: listBody,
	list: listBody,
	frequency: ({state, layout, width}) => <FrequencyView state={state} width={width} height={layout.body} />,
	report: ({state, layout, width}) => {
		const shown = state.mask ? maskOverlay(state.overlay!, state.dataset.customers) : state.overlay!;
		const report = shown as Extract<AppState['overlay'], {kind: 'report'}>;
		return (
			<TextView
				title={report.title}
				rows={reportRows(report, width - 2)}
				scroll={report.scroll}
				width={width}
				height={layout.body}
			/>
		);
	},
};

/**
 * The body of the frame: what the layer on top shows. When a long notice takes the body's last `cut`
 * rows, a list keeps its selected row in the rows left; other views are cut at the bottom.
 */
export function MainView({state, counting, cut = 0}: {state: AppState; counting: boolean; cut?: number}) {
	const full = frameLayout(state.size);
	const layout = cut > 0 ? {...full, tableRows: Math.max(1, full.tableRows - cut)} : full;
	return bodies[shownLayer(state)]({state, layout, width: state.size.columns, counting});
}
