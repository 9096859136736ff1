import {Box, Text} from 'ink';
import {keyHint} from '../../i18n/i18n.js';
import {activeScopes, commandsIn, keyLabel, type View} from '../keys/keymap.js';
import {displayWidth, oneLine, truncate} from '../layout/cell-text.js';
import {paneLayer} from '../state/top-layer.js';
import {TonedText} from './toned-text.js';

type Notice = {text: string; tone: 'info' | 'ok' | 'bad'};

type Props = {view: View; width: number; filter: string; position: string; notice: Notice | null};

/** Key hints of the current view, generated from the keymap: `j/↓ move  Enter open  / filter`. */
export const hintsFor = (view: View): string[] =>
	commandsIn(activeScopes(view), view.screen, view.can)
		.filter((command) => command.hint)
		// `? help` leads, so a narrow terminal cuts the other hints, never the way to all of them.
		.sort((a, b) => Number(b.id === 'app.help') - Number(a.id === 'app.help'))
		.map((command) => `${command.keys.slice(0, 2).map(keyLabel).join('/')} ${keyHint(command.hint!)}`);

export function StatusLine({view, width, filter, position, notice}: Props) {
	// The filter line and the filter's note go with the pane under help and overlays.
	const pane = paneLayer(view);
	const hints = hintsFor(view);
	const right = position ? ` ${position}` : '';
	if (pane === 'filter' && !view.help) {
		const prompt = `/${oneLine(filter)}`;
		const hintText = `  ${hints.join('  ')}`;
		const room = width - displayWidth(prompt) - 1 - displayWidth(right);
		return (
			<Box width={width} height={1}>
				<TonedText tone="accent" bold>
					{prompt}
				</TonedText>
				<Text inverse> </Text>
				<Box flexGrow={1}>
					<TonedText tone="muted">{truncate(hintText, Math.max(0, room))}</TonedText>
				</Box>
				<TonedText tone="muted">{right}</TonedText>
			</Box>
		);
	}
	const left = notice?.text ?? hints.join('  ');
	const filterNote = filter && pane === 'list' ? ` /${oneLine(filter)}` : '';
	const room = width - displayWidth(right) - displayWidth(filterNote);
	return (
		<Box width={width} height={1}>
			<Box flexGrow={1}>
				<TonedText tone={notice ? (notice.tone === 'bad' ? 'bad' : notice.tone === 'ok' ? 'ok' : 'accent') : 'muted'}>
					{truncate(left, Math.max(0, room - 1))}
				</TonedText>
			</Box>
			{filterNote ? <TonedText tone="accent">{filterNote}</TonedText> : null}
			<TonedText tone="muted">{right}</TonedText>
		</Box>
	);
}
