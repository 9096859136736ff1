/** English words of the panels: assessment view, import view, board, overlays, charts. */
export const views = {} as const;
