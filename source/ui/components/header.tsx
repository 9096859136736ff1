import {Box, Text} from 'ink';
import {t} from '../../i18n/i18n.js';
import {displayWidth, truncateStart} from '../layout/cell-text.js';
import {screenOrder} from '../screens/screen-registry.js';
import type {ScreenName} from '../state/app-types.js';
import {TonedText} from './toned-text.js';

type Props = {screen: ScreenName; width: number; source: string};

/** What the header keeps for the data file (and the operator's role) beside the screens' names. */
const sourceRoom = 30;

/**
 * The screens by number, the active one marked by brackets (readable in mono) and inverse. When the
 * names do not fit beside the data file, only the active screen keeps its name and the others show
 * their number, one space apart.
 */
export function Header({screen, width, source}: Props) {
	const full = screenOrder.map((entity, index) => ({entity, label: `${index + 1} ${t(`screens.${entity}`)}`}));
	const fullWidth = full.reduce((sum, tab) => sum + displayWidth(tab.label) + 2, 0) + 4;
	const wide = fullWidth + (source ? Math.min(displayWidth(source), sourceRoom) + 1 : 0) <= width;
	const tabs = wide
		? full
		: full.map((tab, index) => (tab.entity === screen ? tab : {...tab, label: String(index + 1)}));
	const gap = wide ? 2 : 1;
	const tabsWidth = tabs.reduce((sum, tab) => sum + displayWidth(tab.label) + gap, 0) + 4;
	const room = width - tabsWidth - 1;
	return (
		<Box width={width} height={1}>
			<TonedText tone="accent" bold>
				{wide ? 'crm ' : 'crm'}
			</TonedText>
			{tabs.map(({entity, label}) =>
				entity === screen ? (
					<Text key={entity}>
						{wide ? '' : ' '}
						<TonedText bold inverse>
							[{label}]
						</TonedText>
					</Text>
				) : (
					<Text key={entity}>{wide ? ` ${label} ` : ` ${label}`}</Text>
				),
			)}
			{room > 8 ? (
				<Box flexGrow={1} justifyContent="flex-end">
					<TonedText tone="muted">{truncateStart(source, room)}</TonedText>
				</Box>
			) : null}
		</Box>
	);
}
