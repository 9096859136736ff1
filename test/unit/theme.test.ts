import {expect, test} from 'vitest';
import {chooseTheme} from '../../source/ui/theme/theme.js';

test.each([
	[{}, true, 'color'],
	[{NO_COLOR: '1'}, true, 'mono'],
	[{NO_COLOR: ''}, true, 'color'],
	[{TERM: 'dumb'}, true, 'mono'],
	[{TERM: 'xterm-256color'}, false, 'mono'],
])('env %j with a TTY %s gives the %s theme', (environment, isTty, expected) => {
	expect(chooseTheme(environment as NodeJS.ProcessEnv, isTty).name).toBe(expected);
});

test('the mono theme carries no colour at all', () => {
	expect(Object.values(chooseTheme({NO_COLOR: '1'}, true).colors).every((color) => color === undefined)).toBe(true);
});
