import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of the key of a sealed file as a command gets it: a key file, or a passphrase typed at a terminal (issue 22). */
export const dataKey: Catalog['dataKey'] = {
	keyNeeded:
		'{{file}} 是用密钥文件加密的（密钥 {{keyId}}）：请用 CRM_KEY_FILE=路径 或 --key-file 路径 提供该密钥文件。',
	keyFileForPassphrase:
		'{{file}} 是用口令加密的（密钥 {{keyId}}），不是用所给的密钥文件：请在终端中运行该命令并输入口令。',
	needsTerminal:
		'{{file}} 是用口令加密的，口令只能在终端中输入：请在终端中运行 crm，或为脚本改用密钥文件重新加密（crm encrypt --rotate --to-key-file 路径）。',
	passphraseFor: '{{file}} 的口令：',
	emptyTry: '口令为空：请输入口令，或按 Ctrl+C 停止。',
	wrongTry_one: '这不是 {{file}} 的口令（密钥 {{keyId}}）：请重试（还可尝试 {{count}} 次）。',
	wrongTry_other: '这不是 {{file}} 的口令（密钥 {{keyId}}）：请重试（还可尝试 {{count}} 次）。',
	wrongPassphrase:
		'未打开 {{file}}：已输入三次口令，都不是加密时所用的口令（密钥 {{keyId}}）。请用正确的口令重新运行该命令。',
	newPassphrase: '{{file}} 的新口令：',
	newPassphraseAgain: '请再输入一次同一口令：',
	differTry: '两次输入的口令不一致：请重新输入。',
	passphrasesDiffer: '未为 {{file}} 设置口令：三次输入中，两次口令都不一致或为空。请重新运行该命令。',
	stopped: '已在输入 {{file}} 的口令时停止（Ctrl+C 或信号）。',
	notTyped: '没有为 {{file}} 输入口令（Ctrl+D，或输入已结束）。',
};
