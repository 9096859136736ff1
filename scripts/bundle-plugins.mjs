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

/** A build step that must find what it reads or rewrites: when a dependency's text changes, the build says so and stops. */
const holding = (source, file, text) => {
	if (!source.includes(text)) throw new Error(`${file}: "${text}" is no longer there (scripts/bundle-plugins.mjs)`);
	return source;
};
const rewrite = (source, file, from, to) => holding(source, file, from).replace(from, to);
const folderOf = (path) => path.replace(/[\\/][^\\/]*$/, '');

/**
 * Ink's reconciler awaits at its top level, when DEV=true, its devtools bridge and its own package.json
 * (the bridge's name for it). The console bundle is CommonJS (for its code cache: see scripts/build.mjs),
 * which has no top-level await, and ships no devtools (above): DEV is not read, and Ink goes on as without it.
 */
export const inkWithoutDevtools = {
	name: 'ink-without-devtools',
	setup(builder) {
		builder.onLoad({filter: /[\\/]ink[\\/]build[\\/]reconciler\.js$/}, async (where) => {
			const {readFile} = await import('node:fs/promises');
			let source = await readFile(where.path, 'utf8');
			source = rewrite(source, where.path, 'if (isDev()) {', 'if (false) {');
			source = rewrite(source, where.path, "await import('./devtools.js');", '');
			source = rewrite(source, where.path, 'isDev()\n    ? await loadPackageJson()', 'false\n    ? undefined');
			return {contents: source, loader: 'js', resolveDir: folderOf(where.path)};
		});
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
 * Yoga's index awaits its WebAssembly at its top level, which a CommonJS bundle cannot hold (and the
 * console's is CommonJS, for its code cache: see scripts/build.mjs). Its loader (Emscripten's) takes an
 * `instantiateWasm` hook: given one that compiles the bytes it inlines (base64) at once, the loader has
 * yoga ready when it returns, and the index needs no await. The bytes are the loader's own, handed to the
 * hook by an export added to it. Compiling at once also spares the loader's question whether `fetch` is a
 * function, which in Node alone loads Node's fetch (undici): some 40 ms of a start, for a request never made.
 */
export const yogaAtOnce = {
	name: 'yoga-at-once',
	setup(builder) {
		builder.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/}, async (where) => {
			const {readFile} = await import('node:fs/promises');
			const source = await readFile(where.path, 'utf8');
			const inlined = /"data:application\/octet-stream;base64,([A-Za-z0-9+/=]+)"/.exec(source);
			if (!inlined)
				throw new Error(`${where.path}: its inlined WebAssembly is no longer there (scripts/bundle-plugins.mjs)`);
			holding(source, where.path, 'if(h.instantiateWasm)try{return h.instantiateWasm(');
			return {
				contents: `${source}\nexport const yogaWasm = "${inlined[1]}";\n`,
				loader: 'js',
				resolveDir: folderOf(where.path),
			};
		});
		builder.onLoad({filter: /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/}, async (where) => {
			const {readFile} = await import('node:fs/promises');
			let source = await readFile(where.path, 'utf8');
			source = rewrite(
				source,
				where.path,
				"import loadYoga from '../binaries/yoga-wasm-base64-esm.js';",
				"import loadYoga, {yogaWasm} from '../binaries/yoga-wasm-base64-esm.js';",
			);
			source = rewrite(
				source,
				where.path,
				'const Yoga = wrapAssembly(await loadYoga());',
				`const yogaModule = {
	instantiateWasm(imports, receive) {
		const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(yogaWasm, 'base64')), imports);
		receive(instance);
		return instance.exports;
	},
};
loadYoga(yogaModule);
if (!yogaModule.calledRun) throw new Error('yoga did not load at once (scripts/bundle-plugins.mjs)');
const Yoga = wrapAssembly(yogaModule);`,
			);
			return {contents: source, loader: 'js', resolveDir: folderOf(where.path)};
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

/** `source` with its module-level grapheme segmenter made as `lazySegmenter` makes it, or undefined. */
const segmenterMadeLazily = (source) => {
	const made =
		/^const (\w+) = new Intl\.Segmenter\(((?:undefined, ?\{ ?granularity: ?["']grapheme["'] ?\})?)\);$/m.exec(source);
	if (!made) return undefined;
	const [line, name, options] = made;
	const uses = source.match(new RegExp(`\\b${name}\\b(?:\\.\\w+)?`, 'g')) ?? [];
	if (uses.length < 2 || uses.some((use) => use !== name && use !== `${name}.segment`)) return undefined;
	return source.replace(line, lazySegmenter(name, options));
};

/**
 * `source` with each module-level pattern of a property of strings (`\p{RGI_Emoji}`, string-width's) made
 * when first tested, or undefined. V8 parses a pattern when it makes it: at a start that compiles the module,
 * with its text; at one whose bytecode comes from the code cache (scripts/build.mjs), when the module
 * loads — for string-width's emoji pattern some 17 ms of every start, for a test the first frame seldom makes.
 */
const patternsMadeLazily = (source) => {
	let changed;
	for (const [line, name, pattern] of source.matchAll(/^const (\w+) = (\/.*\\p\{RGI_\w+\}.*\/v);$/gm)) {
		const text = changed ?? source;
		const uses = text.match(new RegExp(`\\b${name}\\b(?:\\.\\w+\\()?`, 'g')) ?? [];
		if (uses.length < 2 || uses.some((use) => use !== name && use !== `${name}.test(`)) continue;
		changed = text.replace(line, `let ${name}Made;`).replaceAll(`${name}.test(`, `(${name}Made ??= ${pattern}).test(`);
	}
	return changed;
};

/**
 * string-width, slice-ansi and ansi-tokenize each make a grapheme segmenter when loaded; a process's
 * first costs some 15–25 ms (ICU's data), paid at every start though the console's first frame seldom
 * needs one (source/ui/layout/graphemes.ts makes the console's own when first needed), and an ASCII
 * text (an SGR sequence ansi-tokenize reads) none at all. Each of theirs is made so (`lazySegmenter`),
 * and string-width's emoji pattern when first tested (`patternsMadeLazily`): test/unit/bundle-plugins.test.ts
 * holds them alike. A module that reads otherwise — another granularity, the segmenter asked anything but
 * `segment`, the pattern anything but `test` — is left as it is.
 */
export const lazySegmenters = {
	name: 'lazy-segmenters',
	setup(builder) {
		builder.onLoad(
			{filter: /[\\/]node_modules[\\/](string-width|slice-ansi|@alcalzone[\\/]ansi-tokenize)[\\/].*\.js$/},
			async (where) => {
				const {readFile} = await import('node:fs/promises');
				const source = await readFile(where.path, 'utf8');
				const segmented = segmenterMadeLazily(source) ?? source;
				const contents = patternsMadeLazily(segmented) ?? segmented;
				return contents === source ? undefined : {contents, loader: 'js'};
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
		inkWithoutDevtools,
		frameOutput,
		zodTwoLocales,
		lazyChineseCatalog,
		yogaAtOnce,
		lazySegmenters,
		plainColoursKept,
	],
	supported: {'regexp-set-notation': true},
};
