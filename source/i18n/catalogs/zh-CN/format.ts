import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of numbers, money, dates, durations and relative times. */
export const format: Catalog['format'] = {};
