import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		include: ['tests/**/*.test.{ts,tsx}'],
		env: { FORCE_COLOR: '0', NO_COLOR: '' },
		testTimeout: 20_000,
		pool: 'forks',
		globalSetup: ['tests/support/build-bundle.ts'],
	},
});
