import type {Catalog} from '../../catalog.js';
import type {cliCompletion as english} from '../en/cli-completion.js';

/** Simplified Chinese words of `crm help <command>` and `crm completion bash|zsh` (part of `cli`). */
export const cliCompletion: Pick<Catalog['cli'], keyof typeof english> = {
	helpCommand: {
		description: '显示某个命令的帮助，与该命令的 --help 相同（如 crm help customers list）',
		command: '命令及其子命令（如 customers list）；不填则显示 crm 本身的帮助',
		unknown: '{{line}} 下没有名为“{{name}}”的命令。可用的命令：{{names}}。',
		none: '无',
	},
	completion: {
		description: '输出 bash 或 zsh 的命令补全脚本（source <(crm completion bash)）',
		shell: 'shell 类型：bash 或 zsh',
		unknownShell: '不支持为 shell“{{shell}}”生成补全脚本：请指定 {{shells}} 之一。',
	},
};
