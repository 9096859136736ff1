import type {CompletionNode, ValueKind} from './completion.js';

/**
 * The scripts are static: the tree is written into them as `case` tables, so a TAB costs no start of
 * the program. The tables are the same text in bash and zsh; only the function that reads the line
 * and offers the words is each shell's own. Every word in them passed `plainWord`: quoting in single
 * quotes is enough.
 */

const quoted = (word: string): string => `'${word}'`;

/** A value's kind as the scripts read it: '' for none (a flag), `files`, `text`, or `words a b c`. */
const kindWord = (value: ValueKind | null): string => {
	if (value === null) return '';
	// i18n-exempt: a word of the script's own tables, not shown
	return value.kind === 'words' ? `words ${value.words.join(' ')}` : value.kind;
};

const entry = (pattern: string, body: string): string => `\t${pattern}) ${body} ;;`;

const table = (name: string, lines: string[], fallback: string): string =>
	[`${name}() {`, '\tcase "$1|$2" in', ...lines, entry('*', fallback), '\tesac', '}'].join('\n');

/** `_crm_node PATH`: its subcommands, their aliases, and its options, as words. */
const nodeTable = (prefix: string, nodes: readonly CompletionNode[]): string => {
	const lines = nodes.map((node) => {
		const commands = node.commands.map((sub) => sub.names[0]).filter((name) => name !== undefined);
		const aliases = node.commands.flatMap((sub) => sub.names.slice(1));
		const options = node.options.map((option) => option.flag);
		return entry(
			quoted(`${node.path}|`),
			`${prefix}_commands=${quoted(commands.join(' '))}; ${prefix}_aliases=${quoted(aliases.join(' '))}; ${prefix}_options=${quoted(options.join(' '))}`,
		);
	});
	return table(`${prefix}_node`, lines, `${prefix}_commands=''; ${prefix}_aliases=''; ${prefix}_options=''`);
};

/** `_crm_child PATH WORD`: the path of the subcommand WORD names (by its name or an alias), else ''. */
const childTable = (prefix: string, nodes: readonly CompletionNode[]): string => {
	const lines = nodes.flatMap((node) =>
		node.commands.map((sub) =>
			entry(sub.names.map((name) => quoted(`${node.path}|${name}`)).join('|'), `REPLY=${quoted(sub.path)}`),
		),
	);
	return table(`${prefix}_child`, lines, "REPLY=''");
};

/** `_crm_option_value PATH FLAG`: what the flag's value completes to ('' when it takes none). */
const optionTable = (prefix: string, nodes: readonly CompletionNode[]): string => {
	const lines = nodes.flatMap((node) =>
		node.options
			.filter((option) => option.value !== null)
			.map((option) => entry(quoted(`${node.path}|${option.flag}`), `REPLY=${quoted(kindWord(option.value))}`)),
	);
	return table(`${prefix}_option_value`, lines, "REPLY=''");
};

/** `_crm_argument_value PATH INDEX`: what the INDEXth word after the command completes to (a variadic last one, every word from it). */
const argumentTable = (prefix: string, nodes: readonly CompletionNode[]): string => {
	const lines = nodes.flatMap((node) =>
		node.arguments.map((argument, index) =>
			entry(
				argument.variadic ? `${quoted(`${node.path}|`)}*` : quoted(`${node.path}|${index}`),
				`REPLY=${quoted(kindWord(argument.value))}`,
			),
		),
	);
	return table(`${prefix}_argument_value`, lines, "REPLY='text'");
};

const every = (node: CompletionNode): CompletionNode[] => [node, ...node.commands.flatMap(every)];

const tables = (prefix: string, tree: CompletionNode): string => {
	const nodes = every(tree);
	return [nodeTable, childTable, optionTable, argumentTable].map((make) => make(prefix, nodes)).join('\n');
};

/**
 * Walks the words before the cursor as commander reads them: a subcommand's name (or alias) goes down
 * the tree, an option that takes a value skips it, any other word is the next argument. `i` starts at the
 * first word after the program's name, in the shell's own indexing.
 */
const walker = (prefix: string, words: string, splitsAtEquals: boolean): string => {
	// bash hands `--data=x` as three words, `--data`, `=` and `x`: the value then starts one word later.
	const skipValue = splitsAtEquals ? `{ i=$((i + 1)); [[ \${${words}[i]} == = ]] && i=$((i + 1)); }` : 'i=$((i + 1))';
	// i18n-exempt: shell code
	return `	while ((i < end)); do
		word=\${${words}[i]}
		case $word in
		--*=*) ;;
		-*) ${prefix}_option_value "$node" "$word"; [[ -n $REPLY ]] && ${skipValue} ;;
		*) ${prefix}_child "$node" "$word"
			if [[ -n $REPLY ]]; then node=$REPLY; count=0; target=''
			# An argument that names commands (crm help customers list) walks the tree beside it: '/' names none.
			else ${prefix}_argument_value "$node" "$count"
				[[ $REPLY == commands ]] && { ${prefix}_child "$target" "$word"; target=\${REPLY:-/}; }
				count=$((count + 1))
			fi ;;
		esac
		i=$((i + 1))
	done`;
};

const functionPrefix = (program: string): string => `_${program.replace(/[^A-Za-z0-9_]/g, '_')}`;

export const bashScript = (program: string, tree: CompletionNode): string => {
	const prefix = functionPrefix(program);
	// i18n-exempt: shell code (its comment for whoever reads the script)
	return `# ${program} completion for bash: source <(${program} completion bash)
${tables(prefix, tree)}
${prefix}_values() {
	case $1 in
	files) compopt -o filenames 2>/dev/null; local IFS=$'\\n'; COMPREPLY=($(compgen -f -- "$2")) ;;
	words\\ *) COMPREPLY=($(compgen -W "\${1#words }" -- "$2")) ;;
	*) COMPREPLY=() ;;
	esac
}
# The subcommands of a path; their aliases too once something is typed (an empty TAB lists each command once).
${prefix}_commands_of() {
	${prefix}_node "$1"
	if [[ -n $2 ]]; then COMPREPLY=($(compgen -W "$${prefix}_commands $${prefix}_aliases" -- "$2"))
	else COMPREPLY=($(compgen -W "$${prefix}_commands" -- "$2")); fi
}
${prefix}() {
	local cur=\${COMP_WORDS[COMP_CWORD]} end=$COMP_CWORD option='' node='' target='' count=0 i=1 word REPLY
	local ${prefix}_commands ${prefix}_aliases ${prefix}_options
	# bash splits --data=value at the '=' (COMP_WORDBREAKS): the option is then one or two words back.
	if [[ $cur == '=' && \${COMP_WORDS[end-1]} == -* ]]; then
		option=\${COMP_WORDS[end-1]}; cur=''; end=$((end - 1))
	elif [[ \${COMP_WORDS[end-1]} == '=' && \${COMP_WORDS[end-2]} == -* ]]; then
		option=\${COMP_WORDS[end-2]}; end=$((end - 2))
	elif [[ \${COMP_WORDS[end-1]} == -* ]]; then
		option=\${COMP_WORDS[end-1]}; end=$((end - 1))
	fi
${walker(prefix, 'COMP_WORDS', true)}
	if [[ -n $option ]]; then
		${prefix}_option_value "$node" "$option"
		if [[ -n $REPLY ]]; then ${prefix}_values "$REPLY" "$cur"; return 0; fi
	fi
	${prefix}_node "$node"
	if [[ $cur == -* ]]; then COMPREPLY=($(compgen -W "$${prefix}_options" -- "$cur")); return 0; fi
	# A word that named no subcommand ends the walk down: nothing more is a command there.
	if [[ -n $${prefix}_commands ]]; then
		((count == 0)) && ${prefix}_commands_of "$node" "$cur"
		return 0
	fi
	${prefix}_argument_value "$node" "$count"
	if [[ $REPLY == commands ]]; then ${prefix}_commands_of "$target" "$cur"; return 0; fi
	${prefix}_values "$REPLY" "$cur"
}
complete -F ${prefix} ${program}
`;
};

export const zshScript = (program: string, tree: CompletionNode): string => {
	const prefix = functionPrefix(program);
	// i18n-exempt: shell code (its comment for whoever reads the script)
	return `#compdef ${program}
# ${program} completion for zsh: this file as ${prefix} in a folder of $fpath, then compinit; or source <(${program} completion zsh) after compinit.
${tables(prefix, tree)}
${prefix}_values() {
	case $1 in
	files) _files ;;
	words\\ *) compadd -- \${=\${1#words }} ;;
	esac
}
${prefix}_commands_of() {
	${prefix}_node "$1"
	if [[ -n $2 ]]; then compadd -- \${=${prefix}_commands} \${=${prefix}_aliases}
	else compadd -- \${=${prefix}_commands}; fi
}
${prefix}() {
	local cur=\${words[CURRENT]} end=$CURRENT option='' node='' target='' count=0 i=2 word REPLY
	local ${prefix}_commands ${prefix}_aliases ${prefix}_options
	if [[ $cur == --*=* ]]; then
		option=\${cur%%=*}; cur=\${cur#*=}; compset -P '*='
	elif [[ \${words[end-1]} == -* ]]; then
		option=\${words[end-1]}; end=$((end - 1))
	fi
${walker(prefix, 'words', false)}
	if [[ -n $option ]]; then
		${prefix}_option_value "$node" "$option"
		if [[ -n $REPLY ]]; then ${prefix}_values "$REPLY"; return; fi
	fi
	${prefix}_node "$node"
	if [[ $cur == -* ]]; then compadd -- \${=${prefix}_options}; return; fi
	if [[ -n $${prefix}_commands ]]; then
		((count == 0)) && ${prefix}_commands_of "$node" "$cur"
		return
	fi
	${prefix}_argument_value "$node" "$count"
	if [[ $REPLY == commands ]]; then ${prefix}_commands_of "$target" "$cur"; return; fi
	${prefix}_values "$REPLY"
}
if [[ $funcstack[1] == ${prefix} ]]; then ${prefix} "$@"; else compdef ${prefix} ${program}; fi
`;
};
