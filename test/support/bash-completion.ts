import {execFile} from 'node:child_process';
import {promisify} from 'node:util';

/**
 * What a real bash offers at the end of `line` once `load` (bash code: `source <(crm completion bash)`)
 * has run: the completion function `complete` registered for the line's first word is called as bash
 * calls it on a TAB (COMP_WORDS, COMP_CWORD, COMP_LINE, COMP_POINT), and COMPREPLY comes back, sorted.
 * The line's words are split at spaces; a line ending in a space completes a new, empty word.
 */
export const bashCompletes = async (
	load: string,
	line: string,
	options: {cwd?: string; env?: NodeJS.ProcessEnv} = {},
): Promise<string[]> => {
	const words = line.split(' ');
	const code = `${load}
COMP_LINE=$1; COMP_POINT=\${#1}; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
function=$(complete -p "$COMP_WORDS" | sed -n 's/.*-F \\([^ ]*\\) .*/\\1/p')
"$function" "\${COMP_WORDS[0]}" "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;
	const {stdout} = await promisify(execFile)('bash', ['-c', code, 'bash', line, ...words], {
		cwd: options.cwd,
		env: options.env ?? process.env,
	});
	return stdout
		.split('\n')
		.filter((word) => word !== '')
		.sort();
};
