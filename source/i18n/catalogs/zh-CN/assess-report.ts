import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of `crm report`'s Markdown: its sections, tables and sentences, the costs, the analysis and the operators' experience; the command's refusals. */
export const report: Catalog['assess']['report'] = {
	title: 'CRM 评估 — {{period}}',
	titleToDate: 'CRM 评估 — {{period}}（截至目前）',
	period: '期间 {{start}} 至 {{end}}（UTC），与{{previous}}对比。数据：`{{source}}`。生成于 {{generatedAt}}。',
	periodRunning:
		'期间 {{start}} 至 {{end}}（UTC），仍在进行中：数据截至 {{today}}，与{{previous}}对比。数据：`{{source}}`。生成于 {{generatedAt}}。',
	money: '金额单位为 {{currency}}；没有汇率的币种金额只计数，不求和（KPI.md *Money*）。',
	moneyAssumed:
		'金额单位为 {{currency}}（假定：设置早于汇率功能且未指定本位币，在设置汇率之前没有其他汇率）；没有汇率的币种金额只计数，不求和（KPI.md *Money*）。',
	counts:
		'{{total}} 项指标中：**{{met}} 项达标，{{near}} 项接近，{{missed}} 项未达标，{{noData}} 项无数据**（定义见 KPI.md）。',
	coverage: '需求覆盖率 {{actual}}，目标值 {{target}}（{{status}}）。',
	checklistHeader: '| 领域 | 需求 | 重要性 | 状态 | 备注 |',
	kpiHeader: '| 指标 | 实际值 | 目标值 | 差异 | 达成率 | 状态 | 上期 |',
	beforeAfter: '上线前后对比',
	noGoLive: '未设置上线日期（设置文件中的 `assessment.goLive`），因此无可对比。',
	beforeAfterWindow: '上线日期 {{goLive}} 前后各 {{months}} 个月。',
	beforeAfterHeader: '| 指标 | 上线前 | 上线后 | 变化 |',
	reasons: '按原因统计的赢单与丢单',
	wonNone: '赢单：{{period}}没有商机。',
	lostNone: '丢单：{{period}}没有商机。',
	wonHeader: '| 赢单原因 | 商机数 | 占比 | 金额 |',
	lostHeader: '| 丢单原因 | 商机数 | 占比 | 金额 |',
	noReason: '（未填写原因）',
	forecast: '预测',
	noForecast: '历史数据太少，无法预测（至少需要 3 期赢单收入）。',
	forecastBasis: '赢单收入，按 {{count}} 期的线性趋势（{{periods}}）：',
	alerts: '警报',
	none: '无。',
	alert: '{{message}}（规则：{{rule}}）',
	atRisk: '有流失风险的客户（{{count}}）：',
	atRiskMore: '……另有 {{count}} 个（JSON 报告列出全部）',
	actions: '建议措施',
	allMet: '所有有数据的指标均已达标或接近达标：继续保持。',
	action: '{{action}}（未达标：{{kpis}}）',
	separator: '、',
	campaigns: '营销活动',
	noCampaigns: '还没有营销活动。',
	campaignsIntro: '每个营销活动的全周期数据；金额单位为 {{currency}}。ROI =（毛利率 × 收入 − 成本）/ 成本。',
	campaignsHeader: '| 营销活动 | 渠道 | 状态 | 开始 | 线索 | 商机 | 赢单 | 收入 | 成本 | 单条线索成本 | 转化率 | ROI |',
	withoutRate: '{{money}}（{{count}} 条无汇率）',
	noRateFor: '—（{{currency}} 没有汇率）',
};

export const costs: Catalog['assess']['costs'] = {
	advice:
		'添加成本：`crm settings cost add "2026-03-01 software 45,000 Licences"`（一次性）、`crm settings cost add --monthly "2026-03.. hosting 300 Cloud VM"`（每月），或在控制台的评估页面按 C 键。',
	title: '成本与回报',
	noGoLive:
		'未设置上线日期（设置文件中的 `assessment.goLive`，或在评估页面按 o 键），因此没有统计成本与回报的时间窗口。',
	window: '上线日期 {{goLive}} 之后的时间窗口 {{start}} 至 {{end}}；金额单位为 {{currency}}。',
	noCosts: '尚未录入成本，因此 ROI 没有数值（KPI.md：成本为 0 时为 null）。{{advice}}',
	header: '| 类型 | 类别 | 窗口内合计 |',
	beforeCategories: '类别功能之前的成本',
	implementation: '实施',
	operation: '运营',
	implementationTotal: '| **实施** | 窗口内的一次性成本 | **{{money}}** |',
	operationTotal: '| **运营** | 月度成本 × 窗口内月数 | **{{money}}** |',
	total: '| **合计** | | **{{money}}** |',
	beforeWindow: '窗口之前（上线前）的成本：{{money}}，计入回本期，不计入 ROI。',
	benefit: '收益：毛利率 {{margin}} × 赢单收入 {{revenue}} = **{{benefit}}**。',
	roi: 'ROI：（收益 − 成本）/ 成本 = **{{roi}}**。',
	payback:
		'回本月份：**{{month}}**（即上线以来的毛利率 × 赢单收入在月末首次超过截至当时全部成本的月份，上线前的成本也计入）。',
	notYet: '尚未回本',
};

export const analysis: Catalog['assess']['analysis'] = {
	funnel: '销售漏斗',
	funnelIntro:
		'{{period}}新建的商机及其推进程度：商机的阶段历史中有某阶段或其后的未结阶段，即视为到达该阶段；赢单的商机到达所有阶段。流失：到达上一阶段的商机中未到达本阶段的比例。',
	funnelHeader: '| 阶段 | 商机（{{period}}） | 占比 | 较上一阶段流失 | 商机（{{previous}}） | 占比（{{previous}}） |',
	created_one:
		'{{period}}新建 {{count}} 个商机；其中 {{unlogged}} 个没有记录阶段历史（导入的，或在控制台之外创建的）：按其当前阶段计数（KPI.md）。{{previous}}：{{previousCreated}}，{{previousUnlogged}} 个没有。',
	created_other:
		'{{period}}新建 {{count}} 个商机；其中 {{unlogged}} 个没有记录阶段历史（导入的，或在控制台之外创建的）：按其当前阶段计数（KPI.md）。{{previous}}：{{previousCreated}}，{{previousUnlogged}} 个没有。',
	deals_one: '{{count}} 个商机',
	deals_other: '{{count}} 个商机',
	stageTimes: '阶段时长',
	stageTimesIntro:
		'在{{period}}结束的各未结阶段停留的平均天数，从进入该阶段到下一次阶段变更；只计算始于控制台记录的变更或在控制台中新建商机的停留（导入商机在首个阶段的时长未知）。',
	stageTimesHeader: '| 阶段 | 平均天数（{{period}}） | 停留次数 | 目标值 | 状态 | 平均天数（{{previous}}） |',
	customerValue: '客户价值（RFM）',
	customerValueIntroRunning:
		'截至 {{asOf}}（当前：本期仍在进行中），统计此前一年（{{days}} 天）内的购买：按成交日期计的赢单商机，以及未关联商机的已下订单。每个客户按排名在最近购买、购买频次和金额上各得 1–5 分（KPI.md）；此处的分群不是客户自身的客群字段。共 {{total}} 个当时在册的客户；收入单位为 {{currency}}。',
	customerValueIntro:
		'截至 {{asOf}}（{{period}}期末），统计此前一年（{{days}} 天）内的购买：按成交日期计的赢单商机，以及未关联商机的已下订单。每个客户按排名在最近购买、购买频次和金额上各得 1–5 分（KPI.md）；此处的分群不是客户自身的客群字段。共 {{total}} 个当时在册的客户；收入单位为 {{currency}}。',
	customerValueHeader: '| 分群 | 客户数 | 客户占比 | 收入 | 收入占比 |',
	unpriced_one: '{{count}} 笔购买的币种没有汇率：计入购买频次，不计入收入（KPI.md *Money*）。',
	unpriced_other: '{{count}} 笔购买的币种没有汇率：计入购买频次，不计入收入（KPI.md *Money*）。',
};

export const experience: Catalog['assess']['experience'] = {
	noComments: '本期没有意见。',
	commentsIntro:
		'意见按每份答复评分最低的问题分组：13 项中贡献分最低的一项（0–4；对反向表述的 SUS 第 2、4、6、8、10 项而言即评分最高的一项），并列时取靠前的一项。',
	noResponses: '{{period}}没有问卷答复。',
	summary_one:
		'{{period}}共 {{count}} 份问卷答复。SUS 平均得分 {{score}}（0–100）。平均评分（1–5）：易于操作 {{ease}}，契合工作 {{fit}}，数据准确 {{accuracy}}。',
	summary_other:
		'{{period}}共 {{count}} 份问卷答复。SUS 平均得分 {{score}}（0–100）。平均评分（1–5）：易于操作 {{ease}}，契合工作 {{fit}}，数据准确 {{accuracy}}。',
	scoreWithBand: '{{score}}（{{band}}）',
};

export const command: Catalog['assess']['command'] = {
	failOn: '--fail-on {{value}} 不是可用的失败状态：请用 missed（有指标未达标）或 near（有指标接近或未达标）。',
	period: '--period {{value}} {{reason}}。',
	format: '不支持 --format {{value}}：请用 md 或 json。',
	noFile: '{{file}} 不存在：没有可报告的内容。',
	failing: '{{kpi}}（{{status}}）',
};
