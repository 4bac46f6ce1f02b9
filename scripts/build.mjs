// Bundles the CLI into one file: an unbundled Ink app takes ~350 ms to its
// first frame, a bundled one ~150 ms (measured on this project's machine).
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const result = await build({
	metafile: true,
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

// V8 reads a script with any byte over 0x7F as a two-byte string: slower to decode and to scan
// (~4 ms of start-up). esbuild escapes non-ASCII in strings but writes regular expression literals
// as they are: write \u escapes in them (e.g. /[\u2014]/), and this keeps it so.
for (const file of Object.keys(result.metafile.outputs)) {
	if (!file.endsWith('.js')) continue;
	const bytes = readFileSync(file);
	const at = bytes.findIndex((b) => b > 0x7f);
	if (at >= 0) {
		const context = bytes.subarray(Math.max(0, at - 60), at + 20).toString();
		throw new Error(`${file} is not ASCII at byte ${at} (write a \\u escape in the source): ${context}`);
	}
}
