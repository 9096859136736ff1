/** English words of numbers, money, dates, durations and relative times. */
export const format = {} as const;
