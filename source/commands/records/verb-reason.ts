import {t} from '../../i18n/i18n.js';
import {exitCodes} from '../exit-codes.js';
import {RecordsRefusedError} from './records-error.js';

/**
 * A won or lost reason as the console's picker takes it: one of the settings' list (case ignored,
 * given back as the list writes it). None given, or one not there, is a usage mistake (exit 2) listing them.
 */
export const chosenReason = (given: string | undefined, reasons: readonly string[], won: boolean): string => {
	const wanted = given?.trim().toLowerCase() ?? '';
	const reason = reasons.find((candidate) => candidate.trim().toLowerCase() === wanted);
	if (wanted !== '' && reason !== undefined) return reason;
	const words = {reason: given ?? '', reasons: reasons.join(t('cli.records.separator'))};
	const message =
		wanted === ''
			? t(won ? 'cli.verbs.wonReasonNeeded' : 'cli.verbs.lostReasonNeeded', words)
			: t('cli.verbs.reasonUnknown', words);
	throw new RecordsRefusedError(message, 'bad_option', exitCodes.usage);
};
