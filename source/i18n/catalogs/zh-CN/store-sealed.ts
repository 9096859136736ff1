import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of sealed (encrypted) files, lines and their keys (issue 22). */
export const sealed: Catalog['sealed'] = {
	unnamed: '加密数据',
	wrongKey:
		'{{file}} 是用密钥 {{fileId}} 加密的，而不是所给的密钥（{{givenId}}）：请提供加密时所用的密钥文件（CRM_KEY_FILE）或口令。',
	keyNeeded:
		'{{file}} 已加密（密钥 {{fileId}}），但没有提供它的密钥：请用 --key-file PATH 或 CRM_KEY_FILE=PATH 指定密钥文件。',
	damaged:
		'{{file}} 已损坏（{{part}}校验未通过：加密之后被改动或损坏），其中内容均不可信：请恢复备份（`crm doctor --restore`）。',
	truncated: '{{file}} 不完整：在最后一块之前就结束了（复制或写入中途中断？）；请恢复备份（`crm doctor --restore`）。',
	unsupported: '{{file}} 的加密格式不为此版本的 crm 所识别：请用更新版本的 crm 打开。',
	notSealed: '{{file}} 不是加密文件（开头不是 CRMSEAL1）：请提供加密文件，或按普通文件打开。',
	badKeyFile:
		'密钥文件 {{file}} 中没有有效的密钥：它应为一行，含 44 个 base64 字符或 64 个十六进制字符。请检查 CRM_KEY_FILE 是否指向正确的文件。',
	looseKeyFile: '密钥文件 {{file}} 可被其他用户读取或写入（权限 {{mode}}）：请运行 `chmod 600 {{file}}` 后重试。',
	keyFileMissing: '密钥文件 {{file}} 不存在：请检查 CRM_KEY_FILE 中的路径。',
	keyFileFolder: '密钥文件 {{file}} 是一个文件夹：CRM_KEY_FILE 必须指向密钥文件本身。',
	keyFileUnreadable: '无法读取密钥文件 {{file}}（{{reason}}）：请检查它的所有者和权限。',
	keyFileUnwritable: '无法创建密钥文件 {{file}}（{{reason}}）：请确认它所在的文件夹存在，且你有写入权限。',
	exists: '{{file}} 已存在，未作改动（crm 从不覆盖密钥文件）：请换一个路径，或先把该文件移走。',
	emptyPassphrase: '口令为空：请输入口令（crm 不用空口令加密）。',
	part: {
		header: '文件头',
		chunk: '第 {{number}} 块',
		line: '一行加密记录',
	},
};
