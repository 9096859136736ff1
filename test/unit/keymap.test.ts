import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {activeScopes, commandFor, keymap, keymapMarkdown, type View} from '../../source/ui/keys/keymap.js';
import type {ScreenName} from '../../source/ui/state/app-types.js';

const view = (parts: Partial<View>): View => ({
	help: false,
	overlay: null,
	mode: 'list',
	screen: 'customers',
	...parts,
});
const screens: ScreenName[] = ['customers', 'opportunities', 'tickets', 'feedback', 'log'];

describe('keymap', () => {
	test('every command has a description and at least one key', () => {
		for (const command of keymap) {
			expect(command.description.length, command.id).toBeGreaterThan(3);
			expect(command.keys.length, command.id).toBeGreaterThan(0);
		}
	});

	test('no key means two things in one scope on one screen', () => {
		for (const screen of screens) {
			for (const scope of new Set(keymap.map((command) => command.scope))) {
				const seen = new Map<string, string>();
				for (const command of keymap.filter(
					(entry) => entry.scope === scope && (!entry.screens || entry.screens.includes(screen)),
				)) {
					for (const key of command.keys) {
						expect(
							seen.get(key),
							`${key} in ${scope} on ${screen}: ${command.id} and ${seen.get(key)}`,
						).toBeUndefined();
						seen.set(key, command.id);
					}
				}
			}
		}
	});

	test('the most specific scope wins and Ctrl+C always quits', () => {
		expect(commandFor('escape', view({mode: 'detail'}))).toBe('detail.back');
		expect(commandFor('escape', view({mode: 'filter'}))).toBe('filter.clear');
		expect(commandFor('escape', view({mode: 'form'}))).toBe('form.cancel');
		expect(commandFor('escape', view({help: true}))).toBe('help.close');
		expect(commandFor('escape', view({overlay: 'picker'}))).toBe('picker.cancel');
		for (const parts of [
			view({mode: 'filter'}),
			view({mode: 'form'}),
			view({help: true, mode: 'detail'}),
			view({overlay: 'prompt'}),
			view({overlay: 'confirm'}),
		]) {
			expect(commandFor('ctrl+c', parts)).toBe('app.forceQuit');
			expect(commandFor('ctrl+l', parts)).toBe('app.redraw');
		}
	});

	test('in a text field (filter, form, picker, prompt) no printable key is a command', () => {
		const printable = [...'qjkgGsnedubrwxay?/<>:12345 ', 'N', 'C', 'S'];
		for (const parts of [
			view({mode: 'filter'}),
			view({mode: 'form'}),
			view({overlay: 'picker'}),
			view({overlay: 'prompt'}),
			view({overlay: 'command'}),
		]) {
			for (const key of printable)
				expect(commandFor(key, parts, 'NCS'), `${key} in ${parts.overlay ?? parts.mode}`).toBeUndefined();
		}
	});

	test('screen keys work only where they make sense', () => {
		expect(commandFor('>', view({screen: 'opportunities'}))).toBe('deal.advance');
		expect(commandFor('>', view({screen: 'tickets'}))).toBe('ticket.advance');
		expect(commandFor('>', view({screen: 'customers'}))).toBeUndefined();
		expect(commandFor('r', view({screen: 'tickets', mode: 'detail'}))).toBe('ticket.reply');
		expect(commandFor('n', view({screen: 'log'}))).toBeUndefined();
		expect(commandFor('u', view({screen: 'log'}))).toBe('change.undo');
	});

	test('capital letters sort only when a column of the list owns them', () => {
		expect(commandFor('N', view({}), 'NC')).toBe('list.sortByColumn');
		expect(commandFor('Q', view({}), 'NC')).toBeUndefined();
		expect(commandFor('G', view({}), 'NC')).toBe('cursor.last');
	});

	test('help shows over the view keys but lets the screen keys through', () => {
		expect(activeScopes(view({help: true}))).toEqual(['help', 'global']);
		expect(activeScopes(view({overlay: 'confirm'}))).toEqual(['confirm']);
		expect(activeScopes(view({mode: 'board'}))).toEqual(['board', 'global']);
	});

	test('the README key table is the one generated from the keymap', () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		const block = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme);
		expect(block, 'README.md needs a keys:start/keys:end block (npm run docs:keys writes it)').not.toBeNull();
		expect(block![1]).toBe(keymapMarkdown());
	});
});
