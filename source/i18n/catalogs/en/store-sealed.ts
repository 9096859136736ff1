/** English words of sealed (encrypted) files, lines and their keys (issue 22). */
export const sealed = {
	unnamed: 'the sealed data',
	wrongKey:
		'{{file}} is sealed with key {{fileId}}, not with the key given ({{givenId}}): give the key file (CRM_KEY_FILE) or the passphrase it was sealed with.',
	keyNeeded:
		'{{file}} is encrypted (key {{fileId}}) and no key was given for it: give its key file with --key-file PATH or CRM_KEY_FILE=PATH.',
	damaged:
		'{{file}} is damaged ({{part}} fails its check: changed or corrupted since it was sealed), so nothing of it can be trusted: restore a backup (`crm doctor --restore`).',
	truncated:
		'{{file}} is cut short: it ends before its last chunk (a copy or a write stopped half-way?); restore a backup (`crm doctor --restore`).',
	unsupported: '{{file}} is sealed in a format this version of crm does not know: open it with a newer crm.',
	notSealed:
		'{{file}} is not a sealed file (it does not start with CRMSEAL1): give the sealed file, or open it as a plain one.',
	badKeyFile:
		'The key file {{file}} does not hold a key: it must be one line of 44 base64 or 64 hex characters. Check that CRM_KEY_FILE names the right file.',
	looseKeyFile:
		'The key file {{file}} may be read or written by others (mode {{mode}}): run `chmod 600 {{file}}`, then try again.',
	keyFileMissing: 'The key file {{file}} does not exist: check the path in CRM_KEY_FILE.',
	keyFileFolder: 'The key file {{file}} is a folder: CRM_KEY_FILE must name the key file itself.',
	keyFileUnreadable: 'The key file {{file}} cannot be read ({{reason}}): check its owner and permissions.',
	keyFileUnwritable:
		'Cannot create the key file {{file}} ({{reason}}): check that its folder exists and that you may write in it.',
	exists:
		'{{file}} already exists and is left as it is (crm never overwrites a key file): choose another path, or move that file away first.',
	emptyPassphrase: 'The passphrase is empty: type a passphrase (crm does not seal with an empty one).',
	part: {
		header: 'its header',
		chunk: 'chunk {{number}}',
		line: 'a sealed line',
	},
} as const;
