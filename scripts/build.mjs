// Bundles the CLI into one file: an unbundled Ink app takes ~350 ms to its
// first frame, a bundled one ~150 ms (measured on this project's machine).
import { readFile } from 'node:fs/promises';
import { build } from 'esbuild';
import { ONE_COLUMN_SOURCE } from './width-fast-path.mjs';

// Ink 6.8's incremental renderer moves the cursor up one line too few, so
// frames creep down the screen; 6.6 and 7.x count the previous lines. It also
// steps over each unchanged line with its own ESC[E. The patch fails the
// build if the code it changes is not there (a new Ink version).
const inkIncrementalFix = {
	name: 'ink-incremental-fix',
	setup(b) {
		b.onLoad({ filter: /ink[\\/]build[\\/]log-update\.js$/ }, async (args) => {
			let src = await readFile(args.path, 'utf8');
			const edit = (from, to) => {
				if (!src.includes(from)) throw new Error(`ink-incremental-fix: "${from}" not found in ${args.path}`);
				src = src.replace(from, to);
			};
			edit('ansiEscapes.cursorUp(previousVisible - 1)', 'ansiEscapes.cursorUp(previousLines.length - 1)');
			// Unchanged lines are stepped over with one ESC[nE, not an ESC[E each (56 of them at 200x60).
			edit(
				'for (let i = 0; i < visibleCount; i++) {\n            const isLastLine',
				'let skipped = 0;\n        const skip = () => { if (skipped > 0) buffer.push(skipped === 1 ? ansiEscapes.cursorNextLine : "\\u001B[" + skipped + "E"); skipped = 0; };\n        for (let i = 0; i < visibleCount; i++) {\n            const isLastLine',
			);
			edit(
				'buffer.push(ansiEscapes.cursorNextLine);\n                }\n                continue;',
				'skipped++;\n                }\n                continue;',
			);
			edit(
				'            buffer.push(ansiEscapes.cursorTo(0) +\n                nextLines[i]',
				'            skip();\n            buffer.push(ansiEscapes.cursorTo(0) +\n                nextLines[i]',
			);
			edit(
				'        const cursorSuffix = buildCursorSuffix(visibleCount, activeCursor);\n        buffer.push(cursorSuffix);',
				'        skip();\n        const cursorSuffix = buildCursorSuffix(visibleCount, activeCursor);\n        buffer.push(cursorSuffix);',
			);
			return { contents: src, loader: 'js' };
		});
	},
};

// A frame line is never wider than the terminal. On a resize Ink redraws the
// tree it has at once, laid out for the old size (the App's resize update is
// rendered later, in React's own task); a line wider than the terminal wraps
// there, and the incremental renderer, which rewrites only the rows it thinks
// changed, leaves the wrapped rows behind (a one-column narrower window kept a
// stray "…" on row 1). Ink clips to a box only at the innermost overflow box,
// so the App cannot clip its own frame: the root's width (the terminal's) is
// applied here. A wide character cut in half becomes a space.
const inkClipToTerminal = {
	name: 'ink-clip-to-terminal',
	setup(b) {
		b.onLoad({ filter: /ink[\\/]build[\\/]output\.js$/ }, async (args) => {
			const src = await readFile(args.path, 'utf8');
			const from = 'const lineWithoutEmptyItems = line.filter(item => item !== undefined);';
			if (!src.includes(from)) throw new Error(`ink-clip-to-terminal: "${from}" not found in ${args.path}`);
			const to =
				'const cells = line.slice(0, this.width);\n' +
				'            const lastCell = cells[cells.length - 1];\n' +
				"            if (lastCell && this.caches.getStringWidth(lastCell.value) > 1) cells[cells.length - 1] = { ...lastCell, value: ' ', fullWidth: false };\n" +
				'            const lineWithoutEmptyItems = cells.filter(item => item !== undefined);';
			return { contents: src.replace(from, to), loader: 'js' };
		});
	},
};

// string-width's ASCII fast path misses the punctuation, arrows and block and
// box characters sitrep draws with (· › … → █ ─), so every frame took its
// grapheme segmenter and emoji regexes, whose first use alone costs ~25 ms of
// start-up. Those characters are one column wide and never combine: width is
// length (tests/width.test.ts checks this against the original function).
let stringWidthPatched = 0;
const stringWidthFastPath = {
	name: 'string-width-fast-path',
	setup(b) {
		b.onLoad({ filter: /string-width[\\/]index\.js$/ }, async (args) => {
			const src = await readFile(args.path, 'utf8');
			const anchor = 'let width = 0;\n\tconst eastAsianWidthOptions = {ambiguousAsWide: !ambiguousIsNarrow};';
			if (!src.includes(anchor)) return undefined;
			stringWidthPatched++;
			const fast = `if (ambiguousIsNarrow && /${ONE_COLUMN_SOURCE}/.test(string)) {\n\t\treturn string.length;\n\t}\n\n\t`;
			return { contents: src.replace(anchor, fast + anchor), loader: 'js' };
		});
	},
};

await build({
	// The worker that loads a big data set's articles after the first frame is its own file.
	entryPoints: { cli: 'source/cli.tsx', 'articles-worker': 'source/ui/articlesWorker.ts' },
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
	plugins: [inkIncrementalFix, inkClipToTerminal, stringWidthFastPath],
	logLevel: 'warning',
});
if (stringWidthPatched === 0)
	throw new Error('string-width-fast-path: string-width/index.js no longer has the code it extends');
