// Bundles the CLI into one file: an unbundled Ink app takes ~350 ms to its
// first frame, a bundled one ~150 ms (measured on this project's machine).
import { build } from 'esbuild';

await build({
	// The worker that loads a big data set's articles after the first frame is its own file.
	entryPoints: { cli: 'source/cli.tsx', 'articles-worker': 'source/io/load/articlesWorker.ts' },
	outdir: 'dist',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	minify: true,
	keepNames: false,
	legalComments: 'none',
	define: { 'process.env.NODE_ENV': '"production"' },
	// Ink imports react-devtools-core (and ws for it) only when DEV is set; keep them out of the bundle.
	alias: { 'react-devtools-core': './scripts/empty.js', ws: './scripts/empty.js' },
	banner: {
		js: "import { createRequire as __createRequire } from 'node:module';\nconst require = __createRequire(import.meta.url);",
	},
	// jsonc-parser's UMD entry uses dynamic requires esbuild cannot follow; its ESM entry is fine.
	mainFields: ['module', 'main'],
	logLevel: 'warning',
});
