import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.{ts,tsx}'],
		env: { FORCE_COLOR: '0', NO_COLOR: '' },
		// A guard against a hang, not a speed check: on a loaded 2-core machine the tests that spawn
		// the CLI or draw big frames take several times longer (one took 37 s at load 12; 20 s failed it).
		testTimeout: 120_000,
		pool: 'forks',
		globalSetup: ['tests/global-setup.ts'],
	},
});
