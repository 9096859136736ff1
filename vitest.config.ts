import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		projects: [
			{
				test: {
					name: 'unit',
					include: ['test/unit/**/*.test.ts', 'test/components/**/*.test.tsx'],
					setupFiles: ['test/support/equality.ts', 'test/support/clean-up.ts'],
					// One private PostgreSQL cluster for the run, when the machine has PostgreSQL (pg-global.ts).
					globalSetup: ['test/support/pg-global.ts'],
					// Colour on, as in a real terminal: the mono theme must then drop it by itself.
					env: {FORCE_COLOR: '1'},
				},
			},
			{
				test: {
					name: 'e2e',
					include: ['test/e2e/**/*.test.ts'],
					// Real terminals on a shared machine: one file at a time, generous limits.
					fileParallelism: false,
					globalSetup: ['test/support/pg-global.ts'],
					testTimeout: 60_000,
					hookTimeout: 60_000,
				},
			},
		],
	},
});
