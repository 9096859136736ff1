/** English words of the lists and forms: screens’ column titles and cells, detail fields, form labels and hints. */
export const lists = {} as const;
