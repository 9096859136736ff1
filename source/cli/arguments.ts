import {InvalidArgumentError} from 'commander';
import {parseDay} from '../domain/date-input.js';
import {t} from '../i18n/i18n.js';
import {languageNamed} from '../i18n/language.js';

/** A whole number of 0 or more, as an option's value. */
export const count = (value: string): number => {
	if (!/^\d+$/.test(value)) throw new InvalidArgumentError(t('cli.arguments.count'));
	return Number(value);
};

/** A language the console speaks (`--lang zh-CN`, `zh`, `en_GB`…), else a usage error naming those it does. */
export const language = (value: string): string => {
	if (!languageNamed(value)) throw new InvalidArgumentError(t('cli.arguments.language', {value}));
	return value;
};

/** A day that exists (`2026-02-30` is refused, not rolled over to March 2 as Date.parse does). */
export const day = (value: string): Date => {
	const found = parseDay(value);
	if (!found.ok) throw new InvalidArgumentError(t('cli.arguments.day', {value, problem: found.message}));
	return new Date(found.time);
};
