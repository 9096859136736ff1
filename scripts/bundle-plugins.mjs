// The esbuild plugins of every bundle of the console (scripts/build.mjs, and the bench's harness in
// scripts/bench.mjs, so that what the bench measures is what the console runs).
import {fileURLToPath} from 'node:url';

/**
 * Ink loads its React devtools bridge only when DEV=true, but a bundle inlines that dynamic
 * import and with it a static import of react-devtools-core, which we do not ship.
 */
export const noDevtools = {
	name: 'no-react-devtools',
	setup(builder) {
		builder.onResolve({filter: /^react-devtools-core$/}, () => ({
			path: 'react-devtools-core',
			namespace: 'no-devtools',
		}));
		builder.onLoad({filter: /.*/, namespace: 'no-devtools'}, () => ({
			contents: 'export default {initialize() {}, connectToDevTools() {}};',
			loader: 'js',
		}));
	},
};

const frameOutputSource = fileURLToPath(new URL('../source/ui/output/frame-output.ts', import.meta.url));
const widestLineSource = fileURLToPath(new URL('../source/ui/output/widest-line.ts', import.meta.url));

/**
 * Ink's output stage (`ink/build/output.js`, imported by its renderer) replaced by ours, which gives
 * the same frames for less (source/ui/output/frame-output.ts; test/unit/frame-output.test.ts holds the two alike),
 * and the measure Ink takes of every text on every frame (`widest-line`) by one that reads what the
 * output stage kept (source/ui/output/widest-line.ts; test/unit/widest-line.test.ts).
 */
export const frameOutput = {
	name: 'frame-output',
	setup(builder) {
		builder.onResolve({filter: /^\.\/output\.js$/}, (where) =>
			/[\\/]ink[\\/]build[\\/]renderer\.js$/.test(where.importer) ? {path: frameOutputSource} : undefined,
		);
		builder.onResolve({filter: /^widest-line$/}, (where) =>
			/[\\/]ink[\\/]build[\\/][^\\/]+\.js$/.test(where.importer) ? {path: widestLineSource} : undefined,
		);
	},
};

/**
 * zod's `z.locales` (and `core.locales`) name all of its 60-odd message catalogs, and the `z` namespace
 * we import keeps every one of them in the bundle (300 kB, compiled at each start). The console sets
 * zod's messages from `zod/v4/locales/en.js` and `zh-CN.js` itself (source/i18n/i18n.ts) and never
 * reads `z.locales`: there it names those two only.
 */
export const zodTwoLocales = {
	name: 'zod-two-locales',
	setup(builder) {
		builder.onResolve({filter: /^\.\.\/locales\/index\.js$/}, (where) =>
			/[\\/]zod[\\/]v4[\\/](classic|core)[\\/]/.test(where.importer)
				? {path: 'zod-locales', namespace: 'zod-two-locales', pluginData: where.resolveDir}
				: undefined,
		);
		builder.onLoad({filter: /.*/, namespace: 'zod-two-locales'}, (what) => ({
			contents:
				'export {default as en} from "../locales/en.js";\nexport {default as zhCN} from "../locales/zh-CN.js";\n',
			resolveDir: what.pluginData,
			loader: 'js',
		}));
	},
};

const chineseCatalogSource = fileURLToPath(new URL('../source/i18n/chinese-catalog.ts', import.meta.url));
const chineseWordsSource = fileURLToPath(new URL('../source/i18n/catalogs/zh-CN.ts', import.meta.url));

/**
 * The Chinese catalog (source/i18n/chinese-catalog.ts) as a JSON string, parsed when first spoken: a
 * string costs a start next to nothing, where its 230 kB as object literals are built at every start.
 */
export const lazyChineseCatalog = {
	name: 'lazy-chinese-catalog',
	setup(builder) {
		builder.onLoad({filter: /[\\/]source[\\/]i18n[\\/]chinese-catalog\.ts$/}, async (what) => {
			if (what.path !== chineseCatalogSource) return undefined;
			const {outputFiles} = await builder.esbuild.build({
				entryPoints: [chineseWordsSource],
				bundle: true,
				write: false,
				format: 'esm',
				platform: 'node',
				logLevel: 'silent',
			});
			const code = outputFiles[0].text;
			const {zhCN} = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
			return {
				contents: `const words = ${JSON.stringify(JSON.stringify(zhCN))};\nlet catalog;\nexport const chineseCatalog = () => (catalog ??= JSON.parse(words));\n`,
				loader: 'js',
				watchFiles: [chineseWordsSource],
			};
		});
	},
};

/**
 * Yoga's WebAssembly loader (inlined as base64) asks whether `fetch` is a function before it takes the
 * inlined bytes; in Node that question alone loads Node's fetch (undici): some 40 ms of a start, for a
 * request never made. The loader is told there is no fetch, and takes the bytes it holds, as it does
 * wherever fetch is missing. A yoga whose loader reads otherwise is left as it is.
 */
export const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(builder) {
		builder.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (where) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(where.path, 'utf8');
			return {contents: source.replaceAll('"function"!=typeof fetch', '!0'), loader: 'js'};
		});
	},
};

/**
 * What a module-level `const name = new Intl.Segmenter(options);` becomes (lazySegmenters, below): an
 * object whose `segment` makes the segmenter on first use, and does without it for a text of ASCII
 * alone with no CR LF — there every character is a grapheme of its own (Unicode's rules join only CR LF
 * among them), so its segments are its characters, iterated or asked for by `containing`, as Intl's are.
 */
export const lazySegmenter = (name, options) =>
	`let ${name}Made;
const ${name} = {
	segment(text) {
		if (/^[\\u0000-\\u007F]*$/.test(text) && !text.includes('\\r\\n'))
			return {
				*[Symbol.iterator]() {
					for (let index = 0; index < text.length; index++) yield {segment: text[index], index, input: text};
				},
				containing(at = 0) {
					const index = Math.trunc(Number(at)) || 0;
					return index >= 0 && index < text.length ? {segment: text[index], index, input: text} : undefined;
				},
			};
		${name}Made ??= new Intl.Segmenter(${options});
		return ${name}Made.segment(text);
	},
};`;

/**
 * string-width, slice-ansi and ansi-tokenize each make a grapheme segmenter when loaded; a process's
 * first costs some 15–25 ms (ICU's data), paid at every start though the console's first frame seldom
 * needs one (source/ui/layout/graphemes.ts makes the console's own when first needed), and an ASCII
 * text (an SGR sequence ansi-tokenize reads) none at all. Each of theirs is made so (`lazySegmenter`):
 * test/unit/bundle-plugins.test.ts holds them alike. A module that reads otherwise — another
 * granularity, the segmenter asked anything but `segment` — is left as it is.
 */
export const lazySegmenters = {
	name: 'lazy-segmenters',
	setup(builder) {
		builder.onLoad(
			{filter: /[\\/]node_modules[\\/](string-width|slice-ansi|@alcalzone[\\/]ansi-tokenize)[\\/].*\.js$/},
			async (where) => {
				const {readFile} = await import('node:fs/promises');
				const source = await readFile(where.path, 'utf8');
				const made =
					/^const (\w+) = new Intl\.Segmenter\(((?:undefined, ?\{ ?granularity: ?["']grapheme["'] ?\})?)\);$/m.exec(
						source,
					);
				if (!made) return undefined;
				const [line, name, options] = made;
				const uses = source.match(new RegExp(`\\b${name}\\b(?:\\.\\w+)?`, 'g')) ?? [];
				if (uses.length < 2 || uses.some((use) => use !== name && use !== `${name}.segment`)) return undefined;
				return {contents: source.replace(line, lazySegmenter(name, options)), loader: 'js'};
			},
		);
	},
};

/**
 * Ink cleans every text it lays out or draws of escapes other than colours (`sanitize-ansi.js`, from
 * `squashTextNodes`, once per level of nested texts), tokenizing any text that holds an escape: our
 * cells hold colours, and that was some 20 ms of a first frame. A text whose every escape is a plain
 * SGR sequence (`ESC [ digits ; : m`) and that holds no C1 control is what Ink's cleaning gives back
 * unchanged, and is given back at once; any other goes through Ink's own. A sanitize-ansi that reads
 * otherwise is left as it is (test/unit/bundle-plugins.test.ts holds the two alike).
 */
/**
 * The test the patched sanitize-ansi begins with: no C1 control, and each escape the start of a plain
 * SGR sequence — found by the engine's own search (a loop of ours over every character ran slower, and
 * one pattern over the whole text would overflow its backtracking on a long one).
 */
const onlyPlainColours = `const c1Control = /[\\u0080-\\u009F]/;
const plainSgr = /\\u001B\\[[\\d:;]*m/y;
const onlyPlainColours = (text) => {
	if (c1Control.test(text)) return false;
	for (let index = text.indexOf('\\u001B'); index !== -1; index = text.indexOf('\\u001B', plainSgr.lastIndex)) {
		plainSgr.lastIndex = index;
		if (!plainSgr.test(text)) return false;
	}
	return true;
};`;

export const plainColoursKept = {
	name: 'plain-colours-kept',
	setup(builder) {
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]sanitize-ansi\.js$/}, async (where) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(where.path, 'utf8');
			const start = 'const sanitizeAnsi = (text) => {\n';
			if (!source.includes(start)) return undefined;
			return {
				contents: `${onlyPlainColours}\n${source.replace(start, `${start}    if (onlyPlainColours(text)) return text;\n`)}`,
				loader: 'js',
			};
		});
	},
};

/**
 * What every bundle of the console is built with (its own, and the bench's harness): the plugins above,
 * and that Node 20 reads regular expressions with the v flag (string-width's). Lowered, each became a
 * `new RegExp` parsed when its module loads — string-width's emoji pattern alone some 35 ms of every
 * start — where a literal is parsed when first used.
 */
export const consoleBundle = {
	plugins: [
		noDevtools,
		frameOutput,
		zodTwoLocales,
		lazyChineseCatalog,
		yogaWithoutFetch,
		lazySegmenters,
		plainColoursKept,
	],
	supported: {'regexp-set-notation': true},
};
