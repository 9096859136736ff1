/** English words of the store: data-file, journal, lock, backup and settings-file errors; doctor, audit and access. */
export const store = {} as const;
