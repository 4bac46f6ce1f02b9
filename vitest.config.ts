import { defineConfig } from 'vitest/config';

// Four projects: unit (pure logic and each pane's reducer), ui (the App
// driven by keys through ink-testing-library), conformance (every answer over
// each storage backend) and e2e (the built bundle,
// spawned or in a pseudo-terminal, and the reliability checks). Only e2e
// builds the bundle.
export default defineConfig({
	test: {
		env: { FORCE_COLOR: '0', NO_COLOR: '' },
		// A guard against a hang, not a speed check: on a loaded 2-core machine the tests that spawn
		// the CLI or draw big frames take several times longer (one took 37 s at load 12; 20 s failed it).
		testTimeout: 120_000,
		pool: 'forks',
		// vitest's default is one worker fewer than the cores: on 2 cores, one. Most files wait on
		// processes they spawn (the CLI, a pty), so two workers finish the suite in about half the time.
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['tests/unit/**/*.test.{ts,tsx}', 'source/**/*.test.{ts,tsx}'],
					// The unit files share a worker's modules (each restores what it sets in process.env):
					// importing them afresh per file was 40 of the project's 55 s. Checked in five shuffled
					// file orders (--no-isolate --sequence.shuffle.files).
					isolate: false,
					globalSetup: ['tests/support/temp-root.ts'],
				},
			},
			{
				extends: true,
				test: { name: 'ui', include: ['tests/ui/**/*.test.{ts,tsx}'], globalSetup: ['tests/support/temp-root.ts'] },
			},
			{
				extends: true,
				// Every core answer over each storage backend on the same data (tests/conformance/answers.ts).
				test: {
					name: 'conformance',
					include: ['tests/conformance/**/*.test.{ts,tsx}'],
					globalSetup: ['tests/support/temp-root.ts'],
				},
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.{ts,tsx}', 'tests/reliability/**/*.test.{ts,tsx}'],
					globalSetup: ['tests/support/build-bundle.ts', 'tests/support/temp-root.ts'],
				},
			},
		],
	},
});
