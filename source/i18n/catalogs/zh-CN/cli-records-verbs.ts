import type {Catalog} from '../../catalog.js';
import type {cliRecordsVerbs as english} from '../en/cli-records-verbs.js';

/** Simplified Chinese words of the workflow verbs by command, `crm deal won`, `crm ticket reply`… (part of `cli`). */
export const cliRecordsVerbs: Pick<Catalog['cli'], keyof typeof english> = {
	verbs: {
		won: '将商机标记为赢单，并给出设置中的一个赢单原因（--reason），同控制台的 w',
		lost: '将商机标记为输单，并给出设置中的一个输单原因（--reason），同控制台的 x',
		stage: '将商机移到某个阶段（{{stages}}）；赢单和输单须带 --reason',
		stageArgument: '阶段，名称与控制台一致',
		dealAdvance: '将商机推进一个阶段，同看板上的 >',
		dealBack: '将商机退回一个阶段（已关闭的商机重新打开到谈判阶段），同看板上的 <',
		reply: '回复工单的客户，同控制台的 r（第一次回复计为首次响应）',
		replyArgument: '回复内容',
		resolve: '将工单标记为已解决',
		ticketAdvance: '将工单推进一个状态（open → pending → resolved → closed）',
		ticketBack: '重新打开工单',
		done: '将回访标记为现在已完成，同控制台的 x',
		pay: '将订单标记为已付款（付款日期为今天）',
		orderAdvance: '将订单推进一个状态（draft → confirmed → fulfilled → paid）',
		orderCancel: '取消订单（已付款的订单不能取消）',
		complete: '将营销活动标记为已完成',
		campaignAdvance: '将营销活动推进一个状态（planned → active → completed）',
		campaignCancel: '取消营销活动（已完成的活动不能取消）',
		reason: '原因：设置中的原因之一（不区分大小写）',
		ifVersion: '仅当记录仍为此版本（即 show 显示的版本）时才修改，否则拒绝',
		stale:
			'“{{ref}}”当前为第 {{version}} 版，不是第 {{given}} 版（--if-version）：未做任何修改。可用 show 查看它现在的内容。',
		wonReasonNeeded: '赢单须说明原因：--reason，取值为以下之一：{{reasons}}。',
		lostReasonNeeded: '输单须说明原因：--reason，取值为以下之一：{{reasons}}。',
		reasonUnknown: '--reason“{{reason}}”不在设置的原因中：{{reasons}}。',
		changeReason: '{{problem}}要修改原因：crm deal update {{id}} --set {{field}}=原因。',
		stageUnknown: '“{{stage}}”不是商机的阶段：{{stages}}。',
		replyEmpty: '回复内容不能为空。',
		notFollowUp: '该活动是 {{kind}}，不是回访：只有回访可以标记为完成。',
	},
};
