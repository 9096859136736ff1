import {App, type AppProps} from './app.js';
import {KeypressProvider} from './keys/keypress-context.js';
import type {Theme} from './theme/theme.js';
import {ThemeContext} from './theme/theme-context.js';

/** The app with what every screen relies on: the theme and the one keypress listener. */
export function ConsoleRoot({theme, ...props}: AppProps & {theme: Theme}) {
	return (
		<ThemeContext.Provider value={theme}>
			<KeypressProvider>
				<App {...props} />
			</KeypressProvider>
		</ThemeContext.Provider>
	);
}
