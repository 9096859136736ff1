/** English words of `crm report`'s Markdown: its sections, tables and sentences, the costs, the analysis and the operators' experience; the command's refusals. */
export const report = {
	title: 'CRM evaluation — {{period}}',
	titleToDate: 'CRM evaluation — {{period}} (to date)',
	period:
		'Period {{start}} to {{end}} (UTC), compared with {{previous}}. Data: `{{source}}`. Generated {{generatedAt}}.',
	periodRunning:
		'Period {{start}} to {{end}} (UTC), still running: figures to {{today}}, compared with {{previous}}. Data: `{{source}}`. Generated {{generatedAt}}.',
	money: 'Money in {{currency}}; an amount in a currency without a rate is counted, not summed (KPI.md *Money*).',
	moneyAssumed:
		'Money in {{currency}} (assumed: the settings predate rates and name no base currency, so there are no other rates until they are set); an amount in a currency without a rate is counted, not summed (KPI.md *Money*).',
	counts:
		'**{{met}} met, {{near}} near, {{missed}} missed, {{noData}} without data** of {{total}} KPIs (definitions: KPI.md).',
	coverage: 'Requirements coverage {{actual}} against a target of {{target}} ({{status}}).',
	checklistHeader: '| Area | Requirement | Importance | Status | Note |',
	kpiHeader: '| KPI | Actual | Target | Difference | Attainment | Status | Previous |',
	beforeAfter: 'Before and after go-live',
	noGoLive: 'No go-live date is set (`assessment.goLive` in the settings file), so there is nothing to compare.',
	beforeAfterWindow: '{{months}} months before and after {{goLive}}.',
	beforeAfterHeader: '| KPI | Before | After | Change |',
	reasons: 'Won and lost deals by reason',
	wonNone: 'Won: no deals in {{period}}.',
	lostNone: 'Lost: no deals in {{period}}.',
	wonHeader: '| Won because | Deals | Share | Amount |',
	lostHeader: '| Lost because | Deals | Share | Amount |',
	noReason: '(no reason given)',
	forecast: 'Forecast',
	noForecast: 'Too little history for a forecast (at least 3 periods of won revenue are needed).',
	forecastBasis: 'Won revenue, by a linear trend over {{count}} periods ({{periods}}):',
	alerts: 'Alerts',
	none: 'None.',
	alert: '{{message}} (rule: {{rule}})',
	atRisk: 'Customers at risk of churn ({{count}}):',
	atRiskMore: '… and {{count}} more (the JSON report lists all)',
	actions: 'Recommended actions',
	allMet: 'Every KPI with data met or nearly met its target: keep going.',
	action: '{{action}} ({{kpis}} missed.)',
	separator: ', ',
	campaigns: 'Campaigns',
	noCampaigns: 'No campaigns yet.',
	campaignsIntro: 'Each campaign over its whole life; money in {{currency}}. ROI = (margin × revenue − cost) / cost.',
	campaignsHeader:
		'| Campaign | Channel | Status | Start | Leads | Deals | Won | Revenue | Cost | Cost per lead | Conversion | ROI |',
	withoutRate: '{{money}} ({{count}} without a rate)',
	noRateFor: '— (no rate for {{currency}})',
} as const;

export const costs = {
	advice:
		'Add them with `crm settings cost add "2026-03-01 software 45,000 Licences"` (a one-off), `crm settings cost add --monthly "2026-03.. hosting 300 Cloud VM"` (per month), or in the console: the assessment screen, key C.',
	title: 'Costs and return',
	noGoLive:
		'No go-live date is set (`assessment.goLive` in the settings file, or key o on the assessment screen), so there is no window to count costs and return over.',
	window: 'The {{start}} to {{end}} window after go-live on {{goLive}}; money in {{currency}}.',
	noCosts: 'No costs are entered, so ROI has no value (KPI.md: null when costs are 0). {{advice}}',
	header: '| Kind | Category | Over the window |',
	beforeCategories: 'from before categories',
	implementation: 'implementation',
	operation: 'operation',
	implementationTotal: '| **implementation** | one-off costs dated in the window | **{{money}}** |',
	operationTotal: '| **operation** | monthly costs × their months in the window | **{{money}}** |',
	total: '| **total** | | **{{money}}** |',
	beforeWindow: 'Dated before the window (before go-live): {{money}}, counted in the payback, not in ROI.',
	benefit: 'Benefit: margin {{margin}} × revenue won {{revenue}} = **{{benefit}}**.',
	roi: 'ROI: (benefit − costs) / costs = **{{roi}}**.',
	payback:
		'Payback month: **{{month}}** (the first month at whose end margin × revenue won since go-live exceeds every cost dated up to then, costs before go-live included).',
	notYet: 'not yet',
} as const;

export const analysis = {
	funnel: 'Funnel',
	funnelIntro:
		'The deals created in {{period}} and how far each got: a deal reached a stage when its history holds that stage or a later open one; a won deal reached every stage. Drop: of the deals that reached the stage before, the share that did not reach this one.',
	funnelHeader:
		'| Stage | Deals ({{period}}) | Share | Drop from the stage before | Deals ({{previous}}) | Share ({{previous}}) |',
	created_one:
		'{{count}} deal created in {{period}}; {{unlogged}} of them without a logged stage history (imported, or made outside the console): each counted by the stage it has (KPI.md). In {{previous}}: {{previousCreated}}, {{previousUnlogged}} without.',
	created_other:
		'{{count}} deals created in {{period}}; {{unlogged}} of them without a logged stage history (imported, or made outside the console): each counted by the stage it has (KPI.md). In {{previous}}: {{previousCreated}}, {{previousUnlogged}} without.',
	deals_one: '{{count}} deal',
	deals_other: '{{count}} deals',
	stageTimes: 'Stage times',
	stageTimesIntro:
		"Mean days of the visits to each open stage that ended in {{period}}, from entering the stage to the next stage change; only visits that began with a change logged in the console, or with a deal created in it, count (an imported deal's time in its first stage is unknown).",
	stageTimesHeader: '| Stage | Mean days ({{period}}) | Visits | Target | Status | Mean days ({{previous}}) |',
	customerValue: 'Customer value (RFM)',
	customerValueIntroRunning:
		"As of {{asOf}} (now: the period is still running), purchases in the year before ({{days}} days): won deals by their close date and booked orders not linked to one. Each customer is scored 1–5 on recency, frequency and money by rank (KPI.md); the segment is not the customer's own segment field. Of the {{total}} customers on file then; revenue in {{currency}}.",
	customerValueIntro:
		"As of {{asOf}} (the end of {{period}}), purchases in the year before ({{days}} days): won deals by their close date and booked orders not linked to one. Each customer is scored 1–5 on recency, frequency and money by rank (KPI.md); the segment is not the customer's own segment field. Of the {{total}} customers on file then; revenue in {{currency}}.",
	customerValueHeader: '| Segment | Customers | Share of customers | Revenue | Share of revenue |',
	unpriced_one:
		'{{count}} purchase in a currency without a rate: counted in frequency, left out of the revenue (KPI.md *Money*).',
	unpriced_other:
		'{{count}} purchases in a currency without a rate: counted in frequency, left out of the revenue (KPI.md *Money*).',
} as const;

export const experience = {
	noComments: 'No comments in this period.',
	commentsIntro:
		'Comments, grouped by each response’s lowest-rated question: of its 13 items the one with the lowest contribution (0–4; for the negatively worded SUS items 2, 4, 6, 8 and 10 that is the highest rating), ties to the earlier item.',
	noResponses: 'No survey responses in {{period}}.',
	summary_one:
		'{{count}} survey response in {{period}}. Mean SUS score {{score}}, on 0–100. Mean ratings, 1–5: easy to operate {{ease}}, fits the work {{fit}}, data accurate {{accuracy}}.',
	summary_other:
		'{{count}} survey responses in {{period}}. Mean SUS score {{score}}, on 0–100. Mean ratings, 1–5: easy to operate {{ease}}, fits the work {{fit}}, data accurate {{accuracy}}.',
	scoreWithBand: '{{score}} ({{band}})',
} as const;

export const command = {
	failOn:
		'--fail-on {{value}} is not a status to fail on: use missed (any KPI missed) or near (any KPI near or missed).',
	period: '--period {{value}} {{reason}}.',
	format: '--format {{value}} is not supported: use md or json.',
	noFile: '{{file}} does not exist: there is nothing to report on.',
	failing: '{{kpi}} ({{status}})',
} as const;
