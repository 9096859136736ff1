import type {Command} from 'commander';

/**
 * Whether the arguments may name a command, ask for help or say something `program`'s own options
 * do not: anything but the program's options (each with its value) does. Only when every word is
 * one of them is the console started without the commands defined (their definitions and what
 * they load cost the console's first frame a third of a second; issue 23). Unsure means yes:
 * with every command defined, commander reads any arguments as it always has.
 */
export const commandIn = (program: Command, argv: readonly string[]): boolean => {
	const words = argv.slice(2);
	for (let index = 0; index < words.length; index++) {
		const word = words[index]!;
		if (word === '-h' || word === '--help' || !word.startsWith('-') || word === '-' || word === '--') return true;
		const equals = word.indexOf('=');
		const name = equals === -1 ? word : word.slice(0, equals);
		const option = program.options.find((known) => known.long === name || (equals === -1 && known.short === name));
		if (option === undefined || option.optional) return true;
		if (option.required) {
			if (equals !== -1) continue;
			// `--data` with no value after it: commander says so, with the commands defined as always.
			if (index + 1 >= words.length) return true;
			index++;
		} else if (equals !== -1) return true;
	}
	return false;
};
