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
