import {wrapText} from '../layout/cell-text.js';
import type {Tone} from '../theme/theme.js';
import {TonedText} from './toned-text.js';

/** The lines `text` takes at `width` (at most `maxLines`): for a view that must know its height. */
export const wrappedLines = (text: string | null, width: number, maxLines = Infinity): string[] =>
	text ? wrapText(text, width).slice(0, maxLines) : [];

/** A message wrapped to the width, one toned line per row: a file's name and the reason are never cut. */
export function WrappedText({
	text,
	width,
	tone = 'text',
	bold,
	maxLines,
}: {
	text: string | null;
	width: number;
	tone?: Tone;
	bold?: boolean;
	maxLines?: number;
}) {
	return (
		<>
			{wrappedLines(text, width, maxLines).map((line, index) => (
				<TonedText key={index} tone={tone} bold={bold}>
					{line}
				</TonedText>
			))}
		</>
	);
}
