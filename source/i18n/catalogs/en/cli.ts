import {cliCommands} from './cli-commands.js';
import {cliCompletion} from './cli-completion.js';
import {cliEncrypt} from './cli-encrypt.js';
import {cliRecords} from './cli-records.js';
import {cliRecordsVerbs} from './cli-records-verbs.js';
import {cliRecordsWrite} from './cli-records-write.js';

/** English words of the command line: `--help` of every command, usage errors, and the import, export and settings commands. */
export const cli = {
	help: {
		usage: 'Usage:',
		options: 'Options:',
		commands: 'Commands:',
		arguments: 'Arguments:',
		globalOptions: 'Global Options:',
		helpOption: 'show this help',
		helpCommand: 'display help for command',
		afterError: '(crm --help lists every option)',
		default: 'default: {{value}}',
		choices: 'choices: {{values}}',
		preset: 'preset: {{value}}',
		env: 'env: {{name}}',
		extra: '{{description}} ({{extra}})',
		extraOnly: '({{extra}})',
		separator: ', ',
	},
	commander: {
		unknownOption: "error: unknown option '{{flag}}'",
		unknownCommand: "error: unknown command '{{name}}'",
		didYouMean: '(Did you mean {{name}}?)',
		didYouMeanOneOf: '(Did you mean one of {{names}}?)',
		missingArgument: "error: missing required argument '{{name}}'",
		optionMissingArgument: "error: option '{{flags}}' argument missing",
		requiredOption: "error: required option '{{flags}}' not specified",
		invalidOption: "error: option '{{flags}}' argument '{{value}}' is invalid. {{reason}}",
		invalidArgument: "error: command-argument value '{{value}}' is invalid for argument '{{name}}'. {{reason}}",
		tooMany_one: 'error: too many arguments. Expected {{count}} argument but got {{got}}.',
		tooMany_other: 'error: too many arguments. Expected {{count}} arguments but got {{got}}.',
		tooManyFor_one: "error: too many arguments for '{{name}}'. Expected {{count}} argument but got {{got}}.",
		tooManyFor_other: "error: too many arguments for '{{name}}'. Expected {{count}} arguments but got {{got}}.",
	},
	fail: 'crm: {{message}}',
	arguments: {
		count: 'expected a whole number of 0 or more.',
		language: '{{value}} is not a language of crm: en or zh-CN.',
		day: '{{value}} {{problem}}.',
	},
	options: {
		data: 'data file (default: $CRM_DATA, else the default data file)',
		operatorChange: 'who makes the change (default: your OS user name)',
		readonlyRefuses: 'write nothing (refuses)',
		lang: 'the language of the command’s words: en or zh-CN (default: $CRM_LANG, the settings’, the locale’s)',
		keyFile:
			'the key file of an encrypted data set (default: $CRM_KEY_FILE); a passphrase is asked at the terminal instead',
	},
	program: {
		description: 'A keyboard-driven CRM for the terminal. Without a command it starts the console.',
		version: 'print the version',
		data: 'data file (default: $CRM_DATA, else ~/.local/share/crm-console/crm.json)',
		demo: 'open the demo dataset (generated on first use into data/local/)',
		operator: 'who makes the changes, for the change log (default: your OS user name)',
		readonly: 'look, change nothing: every key that would change data is hidden and the store refuses changes',
		mask: 'mask customers’ names, emails and phones on every screen (for screen sharing and recordings); the file keeps the real ones',
		lang: 'the console’s language: en or zh-CN (default: $CRM_LANG, the settings’, the locale’s)',
		keyFile:
			'the key file of an encrypted data set (default: $CRM_KEY_FILE); a passphrase is asked at the terminal instead',
	},
	optionsBeforeCommand: {
		help: 'Options may come before or after the command: crm --data team.json report is crm report --data team.json.',
		notTaken:
			'{{flag}} was given before the command, but {{line}} does not take it ({{line}} --help lists what it takes); nothing was done.',
		twice:
			'{{flag}} was given twice with different values: {{before}} before {{line}}, {{after}} after it; give it once. Nothing was done.',
	},
	exitCodes:
		'Exit codes: 0 done; 1 refused (a role, --readonly, a conflict, no --force, a record not found or named ambiguously) or a check failed (rows rejected, an audit or doctor finding, report --fail-on); 2 a usage mistake or a data file or CSV that cannot be read or written; 130/143 an import stopped by Ctrl+C/SIGTERM, nothing saved.',
	readonly: {refused: '--readonly: {{what}}, so it did nothing.'},
	console: {
		needsTerminal:
			'the console needs an interactive terminal, but standard input is not one. For scripts use the subcommands (crm --help).',
		newDataFile: 'New data file: {{file}} does not exist yet and will be created on the first save.',
		newDatabase: 'New CRM: {{file}} holds no records yet; the first save starts it.',
	},
	operator: {
		noName:
			'roles are set for this file, but uid {{uid}} has no user name on this system (no passwd entry), so crm cannot tell who you are. Run it as a named user.',
		notAdmin:
			'--operator {{name}}: roles are set for this file, so you act as yourself ({{self}}, {{role}}); only an admin may act under another name.',
		control: '--operator “{{name}}” {{problem}}.',
		tooLong: '--operator: a name of at most 80 characters, please.',
	},
	system: {
		EISDIR: 'is a folder, not a file',
		ENOTDIR: 'has a part that is a file, not a folder',
		ENOENT: 'does not exist',
		EACCES: 'may not be used by you (permission denied)',
		EPERM: 'may not be changed (operation not permitted)',
		EROFS: 'is on a read-only file system',
		ENOSPC: 'could not be written: the disk is full',
		EDQUOT: 'could not be written: the disk quota is used up',
		EEXIST: 'exists already',
		ELOOP: 'is a loop of symbolic links',
		ENAMETOOLONG: 'is a name too long for the file system',
		EBUSY: 'is busy (in use)',
		EIO: 'could not be read or written (a disk error)',
		fileNotFolder: 'is a file, not a folder',
		noPath:
			'a file operation was refused ({{code}} on {{syscall}}) and the system did not say on which path: it {{problem}}.',
		where: '{{code}} on {{syscall}}',
		whereTo: '{{code}} on {{syscall}} to {{dest}}',
		refused: '{{path}} {{problem}} ({{where}}).',
		unusable: '{{path}} could not be used ({{message}}) ({{where}}).',
	},
	seed: {
		description: 'write a generated, realistic demo dataset (deterministic for a given seed and date)',
		data: 'data file to write (default: $CRM_DATA, else the default data file)',
		seed: 'seed of the generator',
		customers: 'number of customers',
		opportunities: 'number of opportunities',
		tickets: 'number of tickets',
		feedback: 'number of feedback entries',
		months: 'months of history',
		now: 'the day the history ends (default: today, UTC)',
		force: 'replace an existing file (one that holds data: an admin of it only; it is kept as a backup first)',
		operator: 'who seeds (default: your OS user name)',
	},
	report: {
		description:
			'the evaluation of a period: every KPI of KPI.md against its target, before/after, forecast, alerts, actions',
		period: 'a month 2026-03, a quarter 2026-Q1 or a year 2026 (default: the last complete month)',
		format: 'md or json',
		mask: 'mask customers’ names and emails (the churn-risk list) for a report shown or sent on',
		failOn: 'exit 1 when any KPI is at or below this status: missed, or near (near or missed); no data fails nothing',
		failingMissed_one: 'crm report: {{count, number}} KPI missed: {{kpis}}.',
		failingMissed_other: 'crm report: {{count, number}} KPIs missed: {{kpis}}.',
		failingNear_one: 'crm report: {{count, number}} KPI near or missed: {{kpis}}.',
		failingNear_other: 'crm report: {{count, number}} KPIs near or missed: {{kpis}}.',
	},
	access: {
		description: 'who may do what: list the roles, or (as an admin) set or remove one',
		action: 'set or remove',
		operatorArgument: 'the operator (their OS user name)',
		role: 'with set: {{roles}}',
		readonly: 'change nothing (set and remove are refused)',
		readonlyWhat: 'crm access set and remove change the roles',
	},
	doctor: {
		description:
			'check a data file (JSON, schema, records, ids, references, audit chain, backups) without changing it; --restore brings back a backup',
		restore: 'list the backups, or (as an admin) restore one by number (1 is the newest) or name',
		operator: 'who restores (default: your OS user name)',
		readonly: 'change nothing (a restore is refused; listing the backups is fine)',
		readonlyWhat: 'crm doctor --restore replaces the data file',
	},
	fold: {
		description:
			'fold the journal of recent saves into the data file now (a rewrite, after a backup): for cron, or before copying the file elsewhere',
		operator: 'who folds (default: your OS user name)',
		readonlyWhat: 'crm fold rewrites the data file',
		viewer: '{{operator}} (viewer) may not fold the journal: a viewer writes nothing.',
		nothing: '{{file}} holds every save already: there is no journal to fold.',
		folded_one:
			'Folded {{count, number}} journaled save ({{bytes, number}} bytes) into {{file}}; the journal is removed.',
		folded_other:
			'Folded {{count, number}} journaled saves ({{bytes, number}} bytes) into {{file}}; the journal is removed.',
	},
	audit: {
		description: 'the tamper-evident change log',
		verify:
			'check that no change-log entry was edited, removed, added or moved since it was written, and that every record is as the log left it',
		head: 'a head printed by an earlier verify and kept elsewhere: also check that the log still continues it',
	},
	schema: {
		hours: 'must be a number of hours',
		positive: 'must be more than 0',
		atMostYear: 'must be at most a year',
		number: 'must be a number',
		direction: 'must be higher or lower',
		notNegative: 'must not be negative',
		requirementStatus: 'must be met, partial or unmet',
		kpiId: 'is not a KPI id of KPI.md',
		oneReason: 'must list at least one reason',
		currencyCodes: 'must be three-letter codes like USD',
		notEmpty: 'must not be empty',
		atMost120: 'must be at most 120 characters',
		wholeDays: 'must be a whole number of days',
		notNegativeNever: 'must not be negative (0: never offered)',
		atMost365: 'must be at most 365',
		language: 'must be en or zh-CN',
		whole: 'must be a whole number',
		atMost1000: 'must be at most 1000',
		bytes: 'must be a number of bytes',
		atMost10: 'must be at most 10',
	},
	keys: {
		description: 'list every key of the console',
		markdown: 'as the Markdown table the README shows',
	},
	...cliCommands,
	...cliEncrypt,
	...cliRecords,
	...cliRecordsWrite,
	...cliRecordsVerbs,
	...cliCompletion,
} as const;
