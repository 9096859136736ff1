import {InvalidArgumentError} from 'commander';
import {parseDay} from '../domain/date-input.js';
import {languageNamed} from '../i18n/language.js';

/** A whole number of 0 or more, as an option's value. */
export const count = (value: string): number => {
	if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more.');
	return Number(value);
};

/** A language the console speaks (`--lang zh-CN`, `zh`, `en_GB`…), else a usage error naming those it does. */
export const language = (value: string): string => {
	if (!languageNamed(value)) throw new InvalidArgumentError(`${value} is not a language of crm: en or zh-CN.`);
	return value;
};

/** A day that exists (`2026-02-30` is refused, not rolled over to March 2 as Date.parse does). */
export const day = (value: string): Date => {
	const found = parseDay(value);
	if (!found.ok) throw new InvalidArgumentError(`${value} ${found.message}.`);
	return new Date(found.time);
};
