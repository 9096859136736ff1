/**
 * Colour by meaning. Components ask for a token (ok, warn, bad, …), never a colour name, so the
 * mono theme can drop every colour at once while keeping bold, inverse and the text itself.
 */
export type Tone = 'text' | 'muted' | 'accent' | 'ok' | 'warn' | 'bad';

export type Theme = {
	name: 'color' | 'mono';
	colors: Record<Tone, string | undefined>;
	/** Shown before the selected row, so the selection reads without colour too. */
	cursorMark: string;
};

export const colorTheme: Theme = {
	name: 'color',
	colors: {text: undefined, muted: 'gray', accent: 'cyan', ok: 'green', warn: 'yellow', bad: 'red'},
	cursorMark: '›',
};

export const monoTheme: Theme = {
	name: 'mono',
	colors: {text: undefined, muted: undefined, accent: undefined, ok: undefined, warn: undefined, bad: undefined},
	cursorMark: '>',
};

/** Mono when NO_COLOR is set (any value, per no-color.org), TERM is dumb, or stdout is not a terminal. */
export const chooseTheme = (environment: NodeJS.ProcessEnv, stdoutIsTty: boolean): Theme => {
	const noColor = environment['NO_COLOR'] !== undefined && environment['NO_COLOR'] !== '';
	if (noColor || environment['TERM'] === 'dumb' || !stdoutIsTty) return monoTheme;
	return colorTheme;
};
