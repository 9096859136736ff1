import type {Command} from 'commander';
import {t} from '../i18n/i18n.js';

/** The words of `crm seed`'s options, by flag. */
const seedOptionWords = (): Record<string, string> => ({
	'--data': t('cli.seed.data'),
	'--seed': t('cli.seed.seed'),
	'--customers': t('cli.seed.customers'),
	'--opportunities': t('cli.seed.opportunities'),
	'--tickets': t('cli.seed.tickets'),
	'--feedback': t('cli.seed.feedback'),
	'--months': t('cli.seed.months'),
	'--now': t('cli.seed.now'),
	'--force': t('cli.seed.force'),
	'--operator': t('cli.seed.operator'),
	'--readonly': t('cli.options.readonlyRefuses'),
});

/**
 * `crm seed`'s options described in the language in force. Its block in cli.tsx keeps its English
 * words as they are (its options are another change's to edit): they are replaced here, by flag,
 * once the program is made; an option not listed keeps its own words.
 */
export const describeSeedOptions = (program: Command): void => {
	const seed = program.commands.find((command) => command.name() === 'seed');
	const words = seedOptionWords();
	for (const option of seed?.options ?? []) {
		const said = option.long === undefined ? undefined : words[option.long];
		if (said !== undefined) option.description = said;
	}
};
