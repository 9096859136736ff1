import {stripVTControlCharacters} from 'node:util';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import type {ReactElement} from 'react';
import {displayWidth} from '../../source/ui/layout/cell-text.js';
import {monoTheme, type Theme} from '../../source/ui/theme/theme.js';
import {ThemeContext} from '../../source/ui/theme/theme-context.js';

type Options = {width: number; height?: number; theme?: Theme};

/**
 * Renders one component alone, at a fixed size, under a theme (mono unless told): no store, no
 * console around it. `lines` are the frame's lines without colour; `raw` keeps the escapes.
 */
export const renderComponent = (element: ReactElement, {width, height, theme = monoTheme}: Options) => {
	const framed = (inner: ReactElement) => (
		<ThemeContext.Provider value={theme}>
			<Box width={width} height={height} flexDirection="column">
				{inner}
			</Box>
		</ThemeContext.Provider>
	);
	const instance = render(framed(element));
	const raw = (): string => instance.lastFrame() ?? '';
	const frame = (): string => stripVTControlCharacters(raw());
	const lines = (): string[] => frame().split('\n');
	/** Every line fits the width it was given, in terminal cells (a CJK character takes two). */
	const fits = (): boolean => lines().every((line) => displayWidth(line) <= width);
	return {instance, raw, frame, lines, fits, rerender: (next: ReactElement) => instance.rerender(framed(next))};
};
