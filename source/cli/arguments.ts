import {InvalidArgumentError} from 'commander';
import {parseDay} from '../domain/date-input.js';

/** A whole number of 0 or more, as an option's value. */
export const count = (value: string): number => {
	if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number of 0 or more.');
	return Number(value);
};

/** A day that exists (`2026-02-30` is refused, not rolled over to March 2 as Date.parse does). */
export const day = (value: string): Date => {
	const found = parseDay(value);
	if (!found.ok) throw new InvalidArgumentError(`${value} ${found.message}.`);
	return new Date(found.time);
};
