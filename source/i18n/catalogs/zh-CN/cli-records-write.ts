import type {Catalog} from '../../catalog.js';
import type {cliRecordsWrite as english} from '../en/cli-records-write.js';

/** Simplified Chinese words of the record commands that change records, `crm <entity> add|update|delete` and `crm undo` (part of `cli`). */
export const cliRecordsWrite: Pick<Catalog['cli'], keyof typeof english> = {
	recordsWrite: {
		add: '新建{{entity}}：字段用 --set 字段=值 给出，或用 --stdin 读入一个 JSON 对象，写法与控制台表单相同',
		update: '修改一条{{entity}}的字段：用其 ID、外部 ID 或完整名称指定',
		delete: '删除一条{{entity}}：用其 ID、外部 ID 或完整名称指定',
		undo: '撤销你的上一次修改，与控制台中按 u 相同',
		set: '一个字段及其值，写法与表单相同（today、+3d、12,500.50、客户名称）（可重复）',
		stdin: '从标准输入读入一个 JSON 对象作为字段（--set 会覆盖其中的值）',
		ifVersion: '记录不是这个版本时拒绝修改',
		operator: '记入修改日志的操作员（默认：当前系统用户）',
		readonly: '只读：拒绝任何修改，与控制台的 --readonly 相同',
		setShape: '--set {{pair}}：请写成 字段=值。',
		stdinNotJson: '--stdin：输入不是 JSON（{{problem}}）。',
		stdinTerminal: '--stdin：标准输入是终端；请用管道把一个字段的 JSON 对象传给 crm。',
		stdinNotObject: '--stdin：请给出一个字段的 JSON 对象，例如 {"name": "Acme"}。',
		fieldsHelp: '\n字段：{{fields}}。\nlines.N 是订单的第 N 行（0 为第一行），写法如 2 x Seat licence @ 1,200。',
		fieldsHelpPlain: '\n字段：{{fields}}。',
		unknownField: '{{field}}：没有这个字段。可用的字段有：{{fields}}。',
		invalid: '{{field}}：{{message}}',
		notText: '{{given}} 不适用于此字段；请按表单中的写法以文本给出',
		linesAsText: '每一行请按表单中的写法以文本给出（2 x Seat licence @ 1,200）',
		hidden: '与其他字段的值不相配：表单只在某些情况下显示此字段（阶段为丢单时才有丢单原因，回访才有到期日）',
		nothingToSet: '没有要修改的内容：请用 --set 字段=值 或 --stdin 给出字段。',
		stale: '{{entity}} {{id}} 当前是第 {{version}} 版，不是第 {{given}} 版：已有人修改过。请重新读取。',
		force: '即使有其他记录引用它也删除（那些记录保留，但指向一条不存在的记录）',
		dependents:
			'{{entity}}“{{label}}”还有{{what}}：删除后它们将指向一条不存在的记录。加 --force 仍然删除（crm undo 可恢复）。',
		deleted: '已删除{{entity}}“{{label}}”（{{id}}）。',
	},
};
