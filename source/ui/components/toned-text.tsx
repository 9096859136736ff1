import {Text} from 'ink';
import type {ReactNode} from 'react';
import type {Tone} from '../theme/theme.js';
import {useTheme} from '../theme/theme-context.js';

type Props = {tone?: Tone; bold?: boolean; inverse?: boolean; dim?: boolean; underline?: boolean; children: ReactNode};

/** Text coloured by meaning; under the mono theme only bold, inverse and underline remain. */
export function TonedText({tone = 'text', bold, inverse, dim, underline, children}: Props) {
	const theme = useTheme();
	const color = theme.colors[tone];
	return (
		<Text
			color={color}
			bold={bold}
			inverse={inverse}
			dimColor={theme.name === 'color' ? dim : false}
			underline={underline}
			wrap="truncate"
		>
			{children}
		</Text>
	);
}
