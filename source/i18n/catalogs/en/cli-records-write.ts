/** English words of the record commands that change records, `crm <entity> add|update|delete` and `crm undo` (part of `cli`). */
export const cliRecordsWrite = {
	recordsWrite: {
		add: 'add one {{entity}} record: fields as --set field=value or a JSON object with --stdin, typed as in the console’s form',
		update: 'change fields of one {{entity}} record, named by its id, its external id or its exact name',
		delete: 'delete one {{entity}} record, named by its id, its external id or its exact name',
		undo: 'undo your last change, as u does in the console',
		set: 'a field and its value as typed in the form (today, +3d, 12,500.50, a customer’s name) (repeatable)',
		stdin: 'read the fields as one JSON object from stdin (--set overrides them)',
		ifVersion: 'refuse unless the record is still at this version',
		operator: 'who makes the change, for the change log (default: your OS user)',
		readonly: 'refuse to change anything, as the console’s --readonly does',
		setShape: '--set {{pair}}: write it as field=value.',
		stdinNotJson: '--stdin: the input is not JSON ({{problem}}).',
		stdinTerminal: '--stdin: stdin is a terminal; pipe one JSON object of fields into crm.',
		stdinNotObject: '--stdin: give one JSON object of fields, such as {"name": "Acme"}.',
		fieldsHelp: '\nFields: {{fields}}.\nlines.N is an order’s line N (0 the first), as 2 x Seat licence @ 1,200.',
		fieldsHelpPlain: '\nFields: {{fields}}.',
		unknownField: '{{field}}: there is no such field. The fields are {{fields}}.',
		invalid: '{{field}}: {{message}}',
		notText: '{{given}} does not fit here; give the value as text, as typed in the form',
		linesAsText: 'give each line as text, as typed in the form (2 x Seat licence @ 1,200)',
		hidden:
			'not taken with the other values: the form shows it only with some of them (a lost reason when the stage is lost, a due date for a follow-up)',
		nothingToSet: 'Nothing to change: give fields with --set field=value or --stdin.',
		stale: 'The {{entity}} {{id}} is at version {{version}}, not {{given}}: someone changed it since. Read it again.',
		force: 'delete it even where other records name it (they stay, pointing at nothing)',
		dependents:
			'The {{entity}} “{{label}}” has {{what}}: deleted, it would leave them pointing at nothing. --force deletes it anyway (crm undo brings it back).',
		deleted: 'Deleted {{entity}} “{{label}}” ({{id}}).',
	},
} as const;
