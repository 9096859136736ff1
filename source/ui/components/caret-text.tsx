import {Text} from 'ink';
import {displayWidth, headOf, oneLine, truncateStart} from '../layout/cell-text.js';
import {caretParts, type TextInput} from '../state/text-input.js';

/** A line being typed, with the caret drawn as an inverse cell; long text scrolls to keep the caret in view. */
export function CaretText({input, width}: {input: TextInput; width: number}) {
	// A value stored before control characters were refused shows them escaped: the caret steps over `\x1b` as one character, Backspace removes it whole.
	const parts = caretParts(input);
	const [before, at, after] = [oneLine(parts.before), oneLine(parts.at), oneLine(parts.after)];
	const room = Math.max(1, width - displayWidth(at));
	const shownBefore = displayWidth(before) > room ? truncateStart(before, room) : before;
	const rest = Math.max(0, room - displayWidth(shownBefore));
	return (
		<Text wrap="truncate">
			{shownBefore}
			<Text inverse>{at}</Text>
			{displayWidth(after) > rest ? `${headOf(after, Math.max(0, rest - 1))}…` : after}
		</Text>
	);
}
