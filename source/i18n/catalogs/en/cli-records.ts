/** English words of the record commands, `crm <entity> list|show` (part of `cli`). */
export const cliRecords = {
	records: {
		description: 'list, show, add, change and delete {{entity}} records by command',
		alsoNamed: '{{description}} (also: {{names}})',
		list: 'list the {{entity}} records that match: a table on a terminal, else JSON',
		show: 'show one {{entity}} record, named by its id, its external id or its exact name',
		filter:
			'only records where every word appears in some field (field:value: in that field; customers also value:at-risk), as / in the console',
		where:
			'only records whose field is exactly the value, case ignored; a list (tags) when one of its items is (repeatable)',
		sort: 'sort by a field (-field: descending): numbers by value, blanks last',
		desc: 'sort descending',
		limit: 'at most this many records, after sorting',
		json: 'as JSON, the stored records whole (the default when the output is not a terminal)',
		csv: 'as CSV, cells guarded against spreadsheet formulas as crm export writes them',
		table: 'as a table, cut to the terminal’s width (the default on a terminal)',
		fields: 'only these fields, in this order, comma-separated',
		readonly: 'read only: these commands read and never write anyway',
		ref: 'the record’s id, else its external id, else its exact name (case ignored)',
		refById: 'the record’s id or its external id',
		none: 'No records.',
		unknownField: '{{option}} {{field}}: there is no such field. The fields are {{fields}}.',
		noFields: '--fields names no field: name some of {{fields}}.',
		whereShape: '--where {{pair}}: write it as field=value.',
		oneFormat: '{{formats}}: choose one output format.',
		notFound: 'No {{entity}} has the id, external id or name "{{ref}}".',
		notFoundById: 'No {{entity}} has the id or external id "{{ref}}".',
		ambiguousName: '{{n}} {{entity}} records are named "{{ref}}": {{candidates}}{{more}}. Name one by its id.',
		ambiguousExternal:
			'{{n}} {{entity}} records have the external id "{{ref}}": {{candidates}}{{more}}. Name one by its id.',
		candidate: '{{id}} ({{name}})',
		separator: ', ',
		more: ' and {{n}} more',
		entities: 'Records by command: crm <entity> list|show, the entity one of {{entities}}.',
	},
} as const;
