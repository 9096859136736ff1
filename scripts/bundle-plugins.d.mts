// The types of bundle-plugins.mjs, for the tests that bundle a harness or a module as the console is bundled.
import type {BuildOptions, Plugin} from 'esbuild';

export const noDevtools: Plugin;
export const inkWithoutDevtools: Plugin;
export const frameOutput: Plugin;
export const zodTwoLocales: Plugin;
export const lazyChineseCatalog: Plugin;
export const yogaAtOnce: Plugin;
export const lazySegmenter: (name: string, options: string) => string;
export const lazySegmenters: Plugin;
export const plainColoursKept: Plugin;
export const consoleBundle: {plugins: Plugin[]; supported: NonNullable<BuildOptions['supported']>};
