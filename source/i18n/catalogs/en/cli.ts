/** English words of the command line: `--help` of every command, usage errors, and the import, export and settings commands. */
export const cli = {} as const;
