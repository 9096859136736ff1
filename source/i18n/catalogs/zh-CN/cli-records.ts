import type {Catalog} from '../../catalog.js';
import type {cliRecords as english} from '../en/cli-records.js';

/** Simplified Chinese words of the record commands, `crm <entity> list|show` (part of `cli`). */
export const cliRecords: Pick<Catalog['cli'], keyof typeof english> = {
	records: {
		description: '用命令列出、查看、新建、修改和删除{{entity}}',
		alsoNamed: '{{description}}（也可写作：{{names}}）',
		list: '列出符合条件的{{entity}}：在终端中显示为表格，否则输出 JSON',
		show: '查看指定的{{entity}}：用其 ID、外部 ID 或完整名称指定',
		filter:
			'只列出每个词都出现在某个字段中的记录（字段:值 表示只在该字段中；客户还可用 value:at-risk），与控制台中的 / 相同',
		where: '只列出该字段恰好等于此值的记录，不区分大小写；列表字段（标签）只要其中一项相等即可（可重复使用）',
		sort: '按字段排序（-字段：降序）：数字按大小，空值排在最后',
		desc: '降序排列',
		limit: '排序后最多列出这么多条记录',
		json: '输出 JSON，即完整的存储记录（输出不是终端时的默认格式）',
		csv: '输出 CSV，与 crm export 一样防止单元格被电子表格当作公式执行',
		table: '输出表格，按终端宽度截断（在终端中的默认格式）',
		fields: '只输出这些字段，按给定顺序，用逗号分隔',
		readonly: '只读：这些命令本来就只读取，从不写入',
		ref: '记录的 ID，其次是外部 ID，再次是完整名称（不区分大小写）',
		refById: '记录的 ID 或外部 ID',
		none: '没有记录。',
		unknownField: '{{option}} {{field}}：没有这个字段。可用的字段有 {{fields}}。',
		noFields: '--fields 没有指定任何字段：请从 {{fields}} 中选择。',
		whereShape: '--where {{pair}}：请写成 字段=值。',
		oneFormat: '{{formats}}：只能选择一种输出格式。',
		notFound: '没有 ID、外部 ID 或名称为“{{ref}}”的{{entity}}。',
		notFoundById: '没有 ID 或外部 ID 为“{{ref}}”的{{entity}}。',
		ambiguousName: '{{entity}}中有 {{n}} 条记录名为“{{ref}}”：{{candidates}}{{more}}。请用 ID 指定其中一条。',
		ambiguousExternal:
			'{{entity}}中有 {{n}} 条记录的外部 ID 均为“{{ref}}”：{{candidates}}{{more}}。请用 ID 指定其中一条。',
		candidate: '{{id}}（{{name}}）',
		separator: '、',
		more: '，另有 {{n}} 条',
		entities: '按命令操作记录：crm <实体> list|show，实体可以是 {{entities}}。',
	},
};
