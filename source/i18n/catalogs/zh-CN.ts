import type {Catalog} from '../catalog.js';
import {assess} from './zh-CN/assess.js';
import {cli} from './zh-CN/cli.js';
import {dataKey} from './zh-CN/cli-sealed.js';
import {domain} from './zh-CN/domain.js';
import {format} from './zh-CN/format.js';
import {lists} from './zh-CN/lists.js';
import {state} from './zh-CN/state.js';
import {store} from './zh-CN/store.js';
import {sealed} from './zh-CN/store-sealed.js';
import {views} from './zh-CN/views.js';

/** The console's words in Simplified Chinese: every key of the English catalog, no more (the compiler holds it to it). */
export const zhCN: Catalog = {
	screens: {
		customers: '客户',
		opportunities: '商机',
		tickets: '工单',
		feedback: '反馈',
		assess: '评估',
		log: '日志',
		campaigns: '营销活动',
		orders: '订单',
		followups: '回访',
	},
	scopes: {
		list: '列表',
		detail: '详情',
		board: '销售看板',
		assessment: '评估',
		duplicates: '疑似重复',
		merge: '合并',
		frequency: '频次视图',
		filter: '筛选（输入中）',
		form: '表单',
		picker: '选择器（输入可缩小范围）',
		confirm: '确认',
		prompt: '回复或备注（输入中）',
		conflict: '已被他人修改',
		report: '报告',
		command: '命令行（输入中）',
		help: '帮助',
		importFile: '导入：文件（输入中）',
		importChoice: '导入：映射',
		importPreview: '导入：预览',
		importRunning: '导入：进行中',
		importDone: '导入：汇总',
		global: '全局',
	},
	help: {
		title: '按键 — {{screen}}，{{where}}',
		sortLetters: '排序字母（Shift+字母）',
		editing: '编辑文字',
		editingKeys: '←/→ 移动光标 · Home/End（Ctrl+A/Ctrl+E）· Backspace/Delete · Ctrl+U 清空 · Ctrl+W 删除一个词',
		formLists:
			'列表字段（阶段、状态……）：←/→ 或空格切换取值，或输入其首字母。日期：2026-03-01、today、tomorrow、+3d、-2w、+1m。',
	},
	marks: {
		count_one: '已标记 {{count, number}} 行',
		count_other: '已标记 {{count, number}} 行',
	},
	lang: {
		switched: '语言：简体中文。（:lang en 切换为英文。）',
		unknown: '未知语言“{{name}}”：:lang 可用 {{languages}}。',
	},
	assess,
	store,
	sealed,
	dataKey,
	cli,
	domain,
	state,
	lists,
	views,
	format,
};
