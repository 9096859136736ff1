import type {Catalog} from '../../catalog.js';

/** Simplified Chinese words of numbers, money, dates, durations and relative times. */
export const format: Catalog['format'] = {
	duration: {
		minutes: '{{value}}分钟',
		hours: '{{value}}小时',
		days: '{{value}}天',
		months: '{{value}}个月',
		years: '{{value}}年',
	},
	relative: {
		future: '{{duration}}后',
		past: '{{duration}}前',
	},
};
