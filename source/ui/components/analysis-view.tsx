import type {Evaluation} from '../../assessment/evaluation.js';
import type {ViewContext} from '../screens/screen-definition.js';
import type {AnalysisShown} from '../state/analysis-views.js';
import type {AssessmentState} from '../state/app-types.js';
import {CustomerValueView} from './customer-value-view.js';
import {FunnelView} from './funnel-view.js';
import {StageTimesView} from './stage-times-view.js';
import {StuckDealsView} from './stuck-deals-view.js';

type Props = {
	analysis: AnalysisShown;
	evaluation: Evaluation;
	assessment: AssessmentState;
	context: ViewContext;
	width: number;
	height: number;
	toDate: boolean;
};

/** Issue 17's views on the assessment screen: the funnel, stage times, a stage's slowest deals, customer value. */
export function AnalysisView({analysis, evaluation, assessment, context, width, height, toDate}: Props) {
	const cursor = assessment.recordCursor;
	switch (analysis.kind) {
		case 'funnel':
			return <FunnelView shown={analysis} width={width} toDate={toDate} />;
		case 'stages':
			return <StageTimesView shown={analysis} evaluation={evaluation} cursor={cursor} width={width} toDate={toDate} />;
		case 'stuck':
			return <StuckDealsView shown={analysis} context={context} cursor={cursor} width={width} height={height} />;
		default:
			return <CustomerValueView shown={analysis} currency={evaluation.currency} cursor={cursor} width={width} />;
	}
}
