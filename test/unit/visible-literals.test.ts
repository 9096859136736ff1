import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {visibleLiterals} from '../support/visible-literals.js';

const root = new URL('../..', import.meta.url).pathname;

/**
 * The words still written in the code instead of the catalog, as `file: text`, while issue 19 moves
 * them: this list may only shrink. A literal not in it fails the test (take it from the catalog, or
 * mark it `// i18n-exempt: why` when no person reads it); a literal in it that is gone fails too
 * (take it out of the list), so the list is always the work left.
 */
const waiting: readonly string[] = JSON.parse(
	readFileSync(new URL('visible-literals-waiting.json', import.meta.url), 'utf8'),
) as string[];

const entry = ({file, text}: {file: string; text: string}) => `${file}: ${text}`;

describe('words that reach a person come from the catalog', () => {
	const found = visibleLiterals(root);

	test('no new literal bypasses the catalog', () => {
		const known = new Set(waiting);
		expect(
			found
				.filter((literal) => !known.has(entry(literal)))
				.map((literal) => `${literal.file}:${literal.line} ${JSON.stringify(literal.text)}`),
		).toEqual([]);
	});

	test('the list of words waiting for the catalog holds only words still in the code', () => {
		const left = new Set(found.map(entry));
		expect(waiting.filter((words) => !left.has(words))).toEqual([]);
	});
});
