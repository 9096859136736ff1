/** English words of the console’s actions: notices, questions, confirmations, bulk changes, saved views, the command line. */
export const state = {} as const;
