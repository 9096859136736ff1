import {tokenize} from '@alcalzone/ansi-tokenize';
import {build, type Plugin} from 'esbuild';
import sliceAnsi from 'slice-ansi';
import stringWidth from 'string-width';
import {describe, expect, test} from 'vitest';
import {
	inkWithoutDevtools,
	lazySegmenter,
	lazySegmenters,
	noDevtools,
	plainColoursKept,
	yogaAtOnce,
} from '../../scripts/bundle-plugins.mjs';

// The console's bundle makes the grapheme segmenters of string-width, slice-ansi and ansi-tokenize
// when first used, and does without them for ASCII (scripts/bundle-plugins.mjs): what they answer
// must not change.

const texts = [
	'',
	'a',
	'Ada Lovelace',
	'\u001B[31mred\u001B[39m',
	'\u001B[1;4;38;2;10;20;30mbold\u001B[0m',
	'tab\there',
	'line\r\nnext',
	'\r\n',
	'\n\r',
	'\u0000\u0007\u007F',
	'é e\u0301',
	'张伟 · 上海 —',
	'👍🏽 🇨🇳 👨‍👩‍👧',
	'\u001B]8;;https://example.com\u0007site\u001B]8;;\u0007',
	'x\u001B[31m\u0301y',
];

/** `entry` bundled with `plugins`: as ES module, or as CommonJS as the console's own bundle is (scripts/build.mjs). */
const bundledText = async (entry: string, plugins: Plugin[], format: 'esm' | 'cjs'): Promise<string> => {
	const {outputFiles} = await build({
		stdin: {contents: entry, resolveDir: process.cwd(), loader: 'js'},
		bundle: true,
		write: false,
		format,
		platform: 'node',
		...(format === 'cjs' ? {mainFields: ['module', 'main'], define: {'process.env.NODE_ENV': '"production"'}} : {}),
		logLevel: 'silent',
		plugins,
	});
	return outputFiles[0]!.text;
};

/** `entry`'s module as the console's bundle makes it, loaded. */
const bundled = async (entry: string, plugins: Plugin[] = [lazySegmenters]) => {
	const code = await bundledText(entry, plugins, 'esm');
	return {code, module: await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`)};
};

/** `entry`'s module bundled as CommonJS, and run. */
const bundledCommonJs = async (entry: string, plugins: Plugin[]) => {
	const code = await bundledText(entry, plugins, 'cjs');
	const bundleModule = {exports: {} as Record<string, unknown>};
	new Function('module', 'exports', 'require', code)(bundleModule, bundleModule.exports, require);
	return {code, module: bundleModule.exports};
};

describe('the console bundle holds no top-level await (it is CommonJS, for its code cache)', () => {
	test('yoga is ready when its module has loaded, and lays out as it does', async () => {
		const {code, module} = await bundledCommonJs(
			`import Yoga from 'yoga-layout';
			const root = Yoga.Node.create();
			root.setWidth(80);
			root.setFlexDirection(Yoga.FLEX_DIRECTION_ROW);
			const child = Yoga.Node.create();
			child.setFlexGrow(1);
			child.setHeight(3);
			root.insertChild(child, 0);
			root.calculateLayout(undefined, undefined, Yoga.DIRECTION_LTR);
			export const laidOut = [child.getComputedWidth(), child.getComputedHeight(), root.getComputedHeight()];`,
			[yogaAtOnce],
		);
		expect(module['laidOut']).toEqual([80, 3, 3]);
		// Compiled from the bytes the loader inlines, never fetched.
		expect(code).toContain('new WebAssembly.Module(Buffer.from(yogaWasm');
		expect(code).not.toContain('await loadYoga');
	});

	test('without the plugin, yoga cannot be bundled so', async () => {
		await expect(bundledCommonJs("export {default} from 'yoga-layout';", [])).rejects.toThrow(/Top-level await/);
	});

	test('Ink renders, and asks for no devtools even when DEV=true', async () => {
		const {module} = await bundledCommonJs(
			`import React from 'react';
			import {render, Text} from 'ink';
			import {PassThrough} from 'node:stream';
			export const frame = () => {
				process.env.DEV = 'true';
				const stdout = new PassThrough();
				let written = '';
				stdout.on('data', (chunk) => (written += chunk));
				stdout.columns = 20;
				const app = render(React.createElement(Text, null, 'hello'), {stdout, debug: true, patchConsole: false});
				app.unmount();
				delete process.env.DEV;
				return written;
			};`,
			[noDevtools, inkWithoutDevtools, yogaAtOnce],
		);
		expect((module['frame'] as () => string)()).toContain('hello');
	});

	test('without the plugin, Ink cannot be bundled so', async () => {
		await expect(bundledCommonJs("export {render} from 'ink';", [noDevtools, yogaAtOnce])).rejects.toThrow(
			/Top-level await/,
		);
	});
});

describe('the segmenters of the bundled modules', () => {
	test('string-width counts as before', async () => {
		const {code, module} = await bundled("export {default} from 'string-width';");
		expect(code).toContain('segmenterMade');
		expect(code).not.toMatch(/^\s*(const|var) segmenter = new Intl\.Segmenter/m);
		// Its emoji pattern is made when first tested (some 17 ms of a start whose bytecode is cached).
		expect(code).toContain('(rgiEmojiRegexMade ??= /^\\p{RGI_Emoji}$/v).test(');
		expect(code).not.toMatch(/rgiEmojiRegex = \//);
		for (const text of texts) expect([text, module.default(text)]).toEqual([text, stringWidth(text)]);
	});

	test('slice-ansi cuts as before', async () => {
		const {code, module} = await bundled("export {default} from 'slice-ansi';");
		expect(code).toContain('GRAPHEME_SEGMENTERMade');
		for (const text of texts)
			for (const [start, end] of [
				[0, 1],
				[1, 3],
				[0, undefined],
				[2, 40],
			] as const)
				expect([text, start, end, module.default(text, start, end)]).toEqual([
					text,
					start,
					end,
					sliceAnsi(text, start, end),
				]);
	});

	test('ansi-tokenize reads as before', async () => {
		const {code, module} = await bundled("export {tokenize} from '@alcalzone/ansi-tokenize';");
		expect(code).toContain('segmenterMade');
		for (const text of texts) expect([text, module.tokenize(text)]).toEqual([text, tokenize(text)]);
	});
});

describe('the lazy segmenter answers as Intl.Segmenter does', () => {
	const lazy = new Function(`${lazySegmenter('made', '')}\nreturn made;`)() as Intl.Segmenter;
	const intl = new Intl.Segmenter();
	const plain = (segments: Iterable<Intl.SegmentData>) =>
		[...segments].map(({segment, index, input}) => ({segment, index, input}));

	test.each(texts.map((text) => [JSON.stringify(text), text]))('segments of %s', (_name, text) => {
		expect(plain(lazy.segment(text))).toEqual(plain(intl.segment(text)));
	});

	test.each([
		['nothing', 'abc', undefined],
		['the first', 'abc', 0],
		['the last', 'abc', 2],
		['past the end', 'abc', 3],
		['before the start', 'abc', -1],
		['not a number', 'abc', Number.NaN],
		['a fraction', 'abc', 1.7],
		['in an empty text', '', 0],
		['in a CR LF', 'a\r\nb', 2],
	])('containing: %s', (_name, text, at) => {
		const answer = (segments: Intl.Segments) => {
			const found = segments.containing(at);
			return found && {segment: found.segment, index: found.index, input: found.input};
		};
		expect(answer(lazy.segment(text))).toEqual(answer(intl.segment(text)));
	});
});

describe("Ink's cleaning of texts keeps what it kept", () => {
	const cases = [
		['nothing', ''],
		['plain text', 'Ada Lovelace — 张伟'],
		['colours', '\u001B[31mred\u001B[39m and \u001B[1;4mbold\u001B[22;24m'],
		['a colour with colons', '\u001B[38:2::10:20:30mtrue colour\u001B[m'],
		['a cursor move among colours', '\u001B[31mred\u001B[2Jcleared'],
		['a hyperlink', '\u001B]8;;https://example.com\u0007site\u001B]8;;\u0007'],
		['a C1 introducer', 'a\u009B31mb'],
		['a C1 control alone', 'a\u0085b'],
		['a lone escape last', 'text\u001B'],
		['an unfinished colour', '\u001B[31'],
		['an escape before another', '\u001B\u001B[31m'],
		['a colour with an intermediate', '\u001B[31 m'],
		['a long text of colours', '\u001B[32mgreen\u001B[39m '.repeat(20_000)],
	] as const;

	test.each(cases)('%s', async (_name, text) => {
		const {code, module} = await bundled("export {default} from './node_modules/ink/build/sanitize-ansi.js';", [
			plainColoursKept,
		]);
		const {default: inks} = await import('../../node_modules/ink/build/sanitize-ansi.js' as string);
		expect(code).toContain('onlyPlainColours');
		expect(module.default(text)).toBe(inks(text));
	});
});
