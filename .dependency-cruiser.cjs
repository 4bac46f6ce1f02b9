// The layer rule, enforced by `npm test` (npm run lint:layers) and drawn by `npm run layers`.
// Layers, top to bottom: cli → commands | ui → present → io → core. An import may only point
// down (or stay in its layer); core is pure: no React/Ink, no file system, OS, V8 or processes.
const LAYERS = ['cli', 'commands', 'ui', 'present', 'io', 'core'];
const path = (layer) => (layer === 'cli' ? '^source/cli\\.tsx$' : `^source/${layer}/`);
// What each layer may not import: every layer above it (commands and ui are side by side).
const ABOVE = {
	core: ['cli', 'commands', 'ui', 'present', 'io'],
	io: ['cli', 'commands', 'ui', 'present'],
	present: ['cli', 'commands', 'ui'],
	ui: ['cli', 'commands'],
	commands: ['cli', 'ui'],
};

module.exports = {
	forbidden: [
		{
			name: 'no-cycles',
			comment: 'An import cycle (type-only imports aside): move the shared part down a layer.',
			severity: 'error',
			from: { path: '^(source|tests|bench|scripts)/' },
			to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
		},
		...Object.entries(ABOVE).map(([layer, above]) => ({
			name: `${layer}-points-down`,
			comment: `source/${layer} may not import ${above.join(', ')} (cli → commands | ui → present → io → core).`,
			severity: 'error',
			from: { path: path(layer) },
			to: { path: above.map(path).join('|') },
		})),
		{
			name: 'core-is-pure',
			comment: 'source/core holds pure logic: no React or Ink, no file system, OS, V8, processes or threads (that is io/).',
			severity: 'error',
			from: { path: '^source/core/' },
			to: {
				path: '^(node:)?(fs|fs/promises|os|v8|child_process|worker_threads)$|^(react|ink)$|(^|/)node_modules/(react|react-reconciler|ink)/',
			},
		},
		{
			name: 'settings-through-one-door',
			comment: 'Only source/io/settings opens the settings files (conf); the rest use its ConfigHandle (config.save, settings).',
			severity: 'error',
			from: { path: '^source/', pathNot: '^source/io/settings/' },
			to: { path: '(^|/)node_modules/conf/' },
		},
		{
			name: 'source-stands-alone',
			comment: 'The product does not import its tests, benchmarks or build scripts (a pane\'s own state.test.ts may use test support).',
			severity: 'error',
			from: { path: '^source/', pathNot: '\\.test\\.tsx?$' },
			to: { path: '^(tests|bench|scripts)/' },
		},
		{
			name: 'support-stands-alone',
			comment: 'Test support (pty harness, synthetic data, hostile corpus) is used by tests and benchmarks; it uses only source.',
			severity: 'error',
			from: { path: '^tests/support/' },
			to: { path: '^(tests/(unit|ui|e2e|reliability)|bench|scripts)/' },
		},
		{
			name: 'bench-uses-support',
			comment: 'Benchmarks use source and tests/support only.',
			severity: 'error',
			from: { path: '^bench/' },
			to: { path: '^(tests/(unit|ui|e2e|reliability)|scripts)/' },
		},
		{
			name: 'scripts-use-source',
			comment: 'Build and docs scripts use source only.',
			severity: 'error',
			from: { path: '^scripts/', pathNot: '^scripts/gen-data\\.ts$' },
			to: { path: '^(tests|bench)/' },
		},
		{
			name: 'gen-data-uses-support',
			comment: 'scripts/gen-data.ts is the command line of the synthetic data in tests/support, and uses nothing else of tests or bench.',
			severity: 'error',
			from: { path: '^scripts/gen-data\\.ts$' },
			to: { path: '^(tests/(unit|ui|e2e|reliability)|bench)/' },
		},
	],
	options: {
		doNotFollow: { path: 'node_modules' },
		exclude: { path: '^(dist|data)/' },
		tsPreCompilationDeps: true,
		tsConfig: { fileName: 'tsconfig.json' },
		enhancedResolveOptions: {
			extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
			conditionNames: ['import', 'node', 'default'],
			exportsFields: ['exports'],
		},
		moduleSystems: ['es6'],
	},

};
