/** `crm encrypt` 与 `crm decrypt` 的中文（issue 22；属于 `cli`）。 */
export const cliEncrypt = {
	encrypt: {
		description:
			'用密钥文件或口令加密数据集（数据文件及其日志、备份、设置、操作员文件和指标日志）；--rotate 用新密钥重新加密',
		keyFile:
			'用于加密的密钥文件，不存在时自动创建（权限 600）（默认：$CRM_KEY_FILE）；与 --rotate 一起用时，指数据集当前使用的密钥文件',
		passphrase: '改用在终端输入两次的口令加密，而不用密钥文件（不适合 cron：脚本无法输入口令）',
		rotate: '用新密钥（--to-key-file 或 --passphrase）重新加密已加密的数据集；完成后旧密钥再也打不开任何文件',
		toKeyFile: '与 --rotate 一起用：新的密钥文件，不存在时自动创建（权限 600）',
		what: '加密或解密会重写数据集的每个文件',
		database:
			'crm 只加密数据文件，不加密数据库：PostgreSQL 服务器自行加密其存储，连接请用 sslmode=require 或 verify-full 加密（见 README）。',
		noData: '{{file}} 不存在：没有可加密的数据（可用 crm seed 生成数据文件）。',
		which: '请指定加密用的密钥：--key-file PATH（不存在时自动创建；或设置 CRM_KEY_FILE）或 --passphrase。',
		rotateWhich: '请指定新密钥：--to-key-file PATH（不存在时自动创建）或 --passphrase。',
		toKeyFileAlone: '--to-key-file 指的是轮换时的新密钥，请与 --rotate 一起使用（加密未加密的数据集请用 --key-file）。',
		twoKeys: '新密钥只能给一个：密钥文件或 --passphrase，不能同时给。',
		passphraseNeedsTerminal: '--passphrase 需要在终端输入口令，但这里没有终端：请改用密钥文件（--key-file PATH）。',
		already: '{{file}} 已经加密（密钥 {{keyId}}）：如需更换密钥，请运行 crm encrypt --rotate。',
		notEncrypted: '{{file}} 没有加密：无需解密或轮换（可用 crm encrypt 加密）。',
		underPassphrase: '口令',
		underKeyFile: '密钥文件 {{path}}',
		madeKeyFile: '已创建密钥文件 {{path}}（权限 600）。请把它另外备份，与数据分开保存：没有它，数据将无法读取。',
		fileWritten: '  {{path}}',
		encrypted:
			'{{file}} 已用密钥 {{keyId}}（{{how}}）加密：写入 {{count}} 个文件，{{already}} 个原本已是如此。今后每条命令都需要这个密钥。',
		rotated:
			'{{file}} 已用密钥 {{keyId}}（{{how}}）重新加密：写入 {{count}} 个文件，{{already}} 个原本已是如此。旧密钥现在打不开其中任何文件。',
	},
	decrypt: {
		description: '把加密的数据集还原为普通文件（之后凡能读取这些文件的人都能看到客户资料）',
		decrypted:
			'{{file}} 已解密：以明文写入 {{count}} 个文件，{{already}} 个原本已是如此。现在凡能读取这些文件的人都能看到客户资料。',
	},
} as const;
