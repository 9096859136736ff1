/** English words of the records: validation messages (zod and record rules), refusals, date and amount input, the import mapping. */
export const domain = {} as const;
