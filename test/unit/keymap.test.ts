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

describe('key dispatch', () => {
	test('every command of a scope has a handler there, and every handler a key in that scope', async () => {
		const {scopeHandlers} = await import('../../source/ui/state/key-dispatch.js');
		const scopes = new Set([...keymap.map((command) => command.scope), ...Object.keys(scopeHandlers)]);
		for (const scope of scopes) {
			const commands = [...new Set(keymap.filter((command) => command.scope === scope).map((command) => command.id))];
			const handlers = Object.keys(scopeHandlers[scope as keyof typeof scopeHandlers] ?? {});
			expect(handlers.toSorted(), `handlers of ${scope}`).toEqual(commands.toSorted());
			for (const handler of Object.values(scopeHandlers[scope as keyof typeof scopeHandlers] ?? {}))
				expect(typeof handler, scope).toBe('function');
		}
	});

	test('no key means two things in one scope, whatever the screen', () => {
		for (const scope of new Set(keymap.map((command) => command.scope))) {
			const owners = new Map<string, Set<string>>();
			for (const command of keymap.filter((entry) => entry.scope === scope))
				for (const key of command.keys) owners.set(key, new Set([...(owners.get(key) ?? []), command.id]));
			for (const [key, ids] of owners) {
				// The same key may name two commands only on screens that never meet (> is a deal's on opportunities, a ticket's on tickets).
				if (ids.size === 1) continue;
				const [first, second] = [...ids].map((id) => keymap.find((entry) => entry.scope === scope && entry.id === id)!);
				const shared = (first!.screens ?? []).filter((screen) => second!.screens?.includes(screen));
				expect(first!.screens && second!.screens ? shared : ['every screen'], `${key} in ${scope}`).toEqual([]);
			}
		}
	});

	test('no column letter is a key of its own where letters pick columns (the list sorts, the frequency view counts)', async () => {
		const {screenFor, screenOrder} = await import('../../source/ui/screens/screen-registry.js');
		for (const scope of ['list', 'frequency'] as const)
			for (const screen of screenOrder) {
				const fixed = keymap
					.filter((entry) => entry.scope === scope && (!entry.screens || entry.screens.includes(screen)))
					.flatMap((entry) => entry.keys);
				for (const column of screenFor(screen).columns)
					expect(fixed.includes(column.letter), `${column.letter} (${column.title}) in ${scope} on ${screen}`).toBe(
						false,
					);
			}
	});

	test('the power keys: Space marks, * marks what is shown, - clears, c changes, # counts, @ is mine; in the frequency view a letter picks the column', () => {
		expect(commandFor(' ', view({}))).toBe('list.mark');
		expect(commandFor('*', view({}))).toBe('list.markShown');
		expect(commandFor('-', view({}))).toBe('list.clearMarks');
		expect(commandFor('escape', view({}))).toBe('list.clearFilter');
		expect(commandFor('c', view({screen: 'opportunities'}))).toBe('list.bulk');
		expect(commandFor('c', view({screen: 'log'}))).toBeUndefined();
		expect(commandFor('#', view({screen: 'log'}))).toBe('list.frequency');
		expect(commandFor('@', view({screen: 'tickets'}))).toBe('list.mine');
		expect(commandFor('@', view({screen: 'feedback'}))).toBeUndefined();
		expect(commandFor('S', view({mode: 'frequency'}), 'STA')).toBe('frequency.column');
		expect(commandFor('s', view({mode: 'frequency'}), 'STA')).toBe('frequency.sort');
		expect(commandFor('escape', view({overlay: 'report'}))).toBe('report.close');
	});

	test('Ctrl+C and Ctrl+L are keys of the table like any other, live over every layer', () => {
		const anywhere = keymap.filter((command) => command.anywhere).map((command) => [command.id, command.keys]);
		expect(anywhere).toEqual([
			['app.forceQuit', ['ctrl+c']],
			['app.redraw', ['ctrl+l']],
		]);
	});
});
