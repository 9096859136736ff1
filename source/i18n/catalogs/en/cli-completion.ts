/** English words of `crm help <command>` and `crm completion bash|zsh` (part of `cli`). */
export const cliCompletion = {
	helpCommand: {
		description: 'show the help of a command, as its --help does (crm help customers list)',
		command: 'the command, then its subcommand (customers list); none: the help of crm itself',
		unknown: '{{line}} has no command "{{name}}". Its commands: {{names}}.',
		none: 'none',
	},
	completion: {
		description: 'print the completion script for bash or zsh (source <(crm completion bash))',
		shell: 'the shell: bash or zsh',
		unknownShell: 'there is no completion for the shell "{{shell}}": name one of {{shells}}.',
	},
} as const;
