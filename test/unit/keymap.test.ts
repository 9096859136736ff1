import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {activeScopes, commandFor, keymap, keymapMarkdown, type Scope} from '../../source/ui/keys/keymap.js';

describe('keymap', () => {
	test('every command has a description and at least one key', () => {
		for (const command of keymap) {
			expect(command.description.length, command.id).toBeGreaterThan(3);
			expect(command.keys.length, command.id).toBeGreaterThan(0);
		}
	});

	test('no key means two things in the scopes that are active together', () => {
		const views: Array<{help: boolean; mode: 'list' | 'filter' | 'detail'}> = [
			{help: false, mode: 'list'},
			{help: false, mode: 'detail'},
			{help: false, mode: 'filter'},
			{help: true, mode: 'list'},
		];
		for (const view of views) {
			const seen = new Map<string, string>();
			for (const scope of activeScopes(view)) {
				for (const command of keymap.filter((entry) => entry.scope === scope)) {
					for (const key of command.keys) {
						const earlier = seen.get(key);
						// A more specific scope may deliberately shadow a global key (q in a detail view goes back).
						if (earlier !== undefined && earlier.startsWith(`${scope}:`)) throw new Error(`${key} is bound twice in ${scope}`);
						if (earlier === undefined) seen.set(key, `${scope}:${command.id}`);
					}
				}
			}
		}
	});

	test('the most specific scope wins and Ctrl+C always quits', () => {
		expect(commandFor('escape', activeScopes({help: false, mode: 'detail'}))).toBe('detail.back');
		expect(commandFor('escape', activeScopes({help: false, mode: 'filter'}))).toBe('filter.clear');
		expect(commandFor('escape', activeScopes({help: true, mode: 'list'}))).toBe('help.close');
		expect(commandFor('ctrl+c', activeScopes({help: false, mode: 'filter'}))).toBe('app.forceQuit');
		expect(commandFor('ctrl+c', activeScopes({help: true, mode: 'detail'}))).toBe('app.forceQuit');
	});

	test('in a text field, letters and digits are not commands', () => {
		const scopes = activeScopes({help: false, mode: 'filter'});
		for (const key of ['q', 'j', 'k', 'g', 'G', 's', '1', '?', '/']) expect(commandFor(key, scopes, 'NCS'), key).toBeUndefined();
	});

	test('capital letters sort only when a column of the list owns them', () => {
		const scopes = activeScopes({help: false, mode: 'list'}) as Scope[];
		expect(commandFor('N', scopes, 'NC')).toBe('list.sortByColumn');
		expect(commandFor('Q', scopes, 'NC')).toBeUndefined();
		expect(commandFor('G', scopes, 'NC')).toBe('cursor.last');
	});

	test('the README key table is the one generated from the keymap', () => {
		const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
		const block = /<!-- keys:start -->\n([\s\S]*?)\n<!-- keys:end -->/.exec(readme);
		expect(block, 'README.md needs a keys:start/keys:end block (npm run docs:keys writes it)').not.toBeNull();
		expect(block![1]).toBe(keymapMarkdown());
	});
});
