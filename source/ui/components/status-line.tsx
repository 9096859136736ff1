import {Box, Text} from 'ink';
import {keyHint} from '../../i18n/i18n.js';
import {activeScopes, commandsIn, keyLabel, type View} from '../keys/keymap.js';
import {displayWidth, oneLine, truncate} from '../layout/cell-text.js';
import {paneLayer} from '../state/top-layer.js';
import {TonedText} from './toned-text.js';

type Notice = {text: string; tone: 'info' | 'ok' | 'bad'};

type Props = {view: View; width: number; filter: string; position: string; notice: Notice | null};

/**
 * Key hints of the current view, generated from the keymap, most important first: `? help` leads
 * (the way to every other key), then the keymap's own order — the active scope's keys before the
 * global ones, each scope's in the order it lists them. That order is the hints' rank: when the line
 * is too narrow, `fitHints` drops them from the end.
 */
export const hintsFor = (view: View): string[] =>
	commandsIn(activeScopes(view), view.screen, view.can)
		.filter((command) => command.hint)
		// `? help` leads, so a narrow terminal cuts the other hints, never the way to all of them.
		.sort((a, b) => Number(b.id === 'app.help') - Number(a.id === 'app.help'))
		.map((command) => `${command.keys.slice(0, 2).map(keyLabel).join('/')} ${keyHint(command.hint!)}`);

/** Cells between two hints. */
const hintGap = '  ';

/**
 * As many whole hints as fit in `room` cells, two spaces apart, in their rank's order: the least
 * important go first, each whole — never half a hint, nor a hint cut mid-word (in Chinese, where a
 * hint is two cells a character, too). Nothing when not even the first fits.
 */
export const fitHints = (hints: readonly string[], room: number): string => {
	let line = '';
	for (const hint of hints) {
		const next = line === '' ? hint : `${line}${hintGap}${hint}`;
		if (displayWidth(next) > room) break;
		line = next;
	}
	return line;
};

export function StatusLine({view, width, filter, position, notice}: Props) {
	// The filter line and the filter's note go with the pane under help and overlays.
	const pane = paneLayer(view);
	const hints = hintsFor(view);
	const right = position ? ` ${position}` : '';
	if (pane === 'filter' && !view.help) {
		const prompt = `/${oneLine(filter)}`;
		const room = width - displayWidth(prompt) - 1 - displayWidth(right);
		const fitted = fitHints(hints, room - hintGap.length);
		const hintText = fitted === '' ? '' : `${hintGap}${fitted}`;
		return (
			<Box width={width} height={1}>
				<TonedText tone="accent" bold>
					{prompt}
				</TonedText>
				<Text inverse> </Text>
				<Box flexGrow={1}>
					<TonedText tone="muted">{hintText}</TonedText>
				</Box>
				<TonedText tone="muted">{right}</TonedText>
			</Box>
		);
	}
	const filterNote = filter && pane === 'list' ? ` /${oneLine(filter)}` : '';
	const room = width - displayWidth(right) - displayWidth(filterNote);
	// A notice is a sentence, cut with `…` if it must be; the hints drop whole, the least important first.
	const left = notice ? truncate(notice.text, Math.max(0, room - 1)) : fitHints(hints, room - 1);
	return (
		<Box width={width} height={1}>
			<Box flexGrow={1}>
				<TonedText tone={notice ? (notice.tone === 'bad' ? 'bad' : notice.tone === 'ok' ? 'ok' : 'accent') : 'muted'}>
					{left}
				</TonedText>
			</Box>
			{filterNote ? <TonedText tone="accent">{filterNote}</TonedText> : null}
			<TonedText tone="muted">{right}</TonedText>
		</Box>
	);
}
