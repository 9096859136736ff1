// The types of bundle-plugins.mjs, for the tests that bundle a harness as the console is bundled.
import type {Plugin} from 'esbuild';

export const noDevtools: Plugin;
export const frameOutput: Plugin;
