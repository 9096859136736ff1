/** English words of `crm encrypt` and `crm decrypt` (issue 22; part of `cli`). */
export const cliEncrypt = {
	encrypt: {
		description:
			'encrypt the data set (the data file, its journal, backups, settings, operator files and metrics log) under a key file or a passphrase; --rotate re-encrypts it under a new key',
		keyFile:
			'the key file to encrypt with, made (mode 600) when there is none (default: $CRM_KEY_FILE); with --rotate, the key file the set is under now',
		passphrase:
			'encrypt with a passphrase typed twice at the terminal instead of a key file (not for cron: a script cannot type it)',
		rotate:
			're-encrypt an encrypted set under a new key (--to-key-file or --passphrase); the old key opens nothing once it is done',
		toKeyFile: 'with --rotate: the new key file, made (mode 600) when there is none',
		what: 'encrypting or decrypting rewrites every file of the set',
		database:
			'crm encrypts data files, not databases: a PostgreSQL server encrypts its own storage, and the connection with sslmode=require or verify-full (see the README).',
		noData: '{{file}} does not exist: there is nothing to encrypt (crm seed makes a data file).',
		which: 'Say which key to encrypt with: --key-file PATH (made when there is none; or CRM_KEY_FILE) or --passphrase.',
		rotateWhich: 'Say the new key: --to-key-file PATH (made when there is none) or --passphrase.',
		toKeyFileAlone:
			'--to-key-file names the new key of a rotation: use it with --rotate (to encrypt a plain set, give --key-file).',
		twoKeys: 'Give one new key: a key file or --passphrase, not both.',
		passphraseNeedsTerminal:
			'--passphrase asks for the passphrase at a terminal, and there is none here: use a key file (--key-file PATH).',
		already: '{{file}} is encrypted already (key {{keyId}}): to change its key, run crm encrypt --rotate.',
		notEncrypted: '{{file}} is not encrypted: there is nothing to decrypt or rotate (crm encrypt encrypts it).',
		underPassphrase: 'a passphrase',
		underKeyFile: 'the key file {{path}}',
		madeKeyFile:
			'Made the key file {{path}} (mode 600). Keep a copy of it apart from the data: without it nothing of the data can be read.',
		fileWritten: '  {{path}}',
		encrypted:
			'{{file}} is encrypted under key {{keyId}} ({{how}}): {{count}} files written, {{already}} already so. Every command now needs that key.',
		rotated:
			'{{file}} is re-encrypted under key {{keyId}} ({{how}}): {{count}} files written, {{already}} already so. The old key opens none of them now.',
	},
	decrypt: {
		description:
			'turn an encrypted data set back into plain files (anyone who may read the files can then read the customers)',
		decrypted:
			'{{file}} is decrypted: {{count}} files written in plain, {{already}} already so. Anyone who may read these files can read the customers now.',
	},
} as const;
