/** English words of numbers, money, dates, durations and relative times. */
export const format = {
	duration: {
		minutes: '{{value}}m',
		hours: '{{value}}h',
		days: '{{value}}d',
		months: '{{value}}mo',
		years: '{{value}}y',
	},
	relative: {
		future: 'in {{duration}}',
		past: '{{duration}} ago',
	},
} as const;
