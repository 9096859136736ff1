/** English words of the key of a sealed file as a command gets it: a key file, or a passphrase typed at a terminal (issue 22). */
export const dataKey = {
	keyNeeded: '{{file}} is sealed with a key file (key {{keyId}}): give it with CRM_KEY_FILE=PATH or --key-file PATH.',
	keyFileForPassphrase:
		'{{file}} is sealed with a passphrase (key {{keyId}}), not with the key file given: run the command at a terminal and type the passphrase there.',
	needsTerminal:
		'{{file}} is sealed with a passphrase, which only a terminal can type: run crm at a terminal, or re-seal it under a key file for scripts (crm encrypt --rotate --to-key-file PATH).',
	passphraseFor: 'Passphrase for {{file}}:',
	emptyTry: 'The passphrase is empty: type it, or press Ctrl+C to stop.',
	wrongTry_one: 'That is not the passphrase of {{file}} (key {{keyId}}): try again ({{count}} try left).',
	wrongTry_other: 'That is not the passphrase of {{file}} (key {{keyId}}): try again ({{count}} tries left).',
	wrongPassphrase:
		'{{file}} was not opened: three passphrases typed, none of them the one it is sealed with (key {{keyId}}). Run the command again with the right one.',
	newPassphrase: 'New passphrase for {{file}}:',
	newPassphraseAgain: 'The same passphrase again:',
	differTry: 'The two passphrases differ: type them again.',
	passphrasesDiffer:
		'No passphrase was set for {{file}}: three times the two typed differed or were empty. Run the command again.',
	stopped: 'Stopped at the passphrase for {{file}} (Ctrl+C or a signal).',
	notTyped: 'No passphrase was typed for {{file}} (Ctrl+D, or the input ended).',
} as const;
