// Builds dist/: the CLI bundled into one CommonJS file (sitrep.cjs), the launcher that runs it
// with V8's code cache (cli.js, package.json's "bin"; scripts/launcher.js), the code cache
// itself (sitrep.cjs.cache), and the articles worker (articles-worker.js). All of dist/ is
// CommonJS (dist/package.json): no ES module loader at start-up. An unbundled Ink app takes
// ~350 ms to its first frame; bundled, and with the code cache, a small multiple of
// `node -e 0` (docs/performance.md).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	// SITREP_BUILD_NAMES=1 keeps names, for reading a CPU profile of the bundle.
	minify: process.env.SITREP_BUILD_NAMES !== '1',
	...(process.env.SITREP_BUILD_NAMES === '1' ? { minifyWhitespace: true, minifySyntax: true } : {}),
	keepNames: false,
	legalComments: 'none',
	// Ink imports react-devtools-core (and ws for it) only when DEV is set; keep them out of the bundle.
	alias: { 'react-devtools-core': './scripts/empty.js', ws: './scripts/empty.js' },
	// jsonc-parser's UMD entry uses dynamic requires esbuild cannot follow; its ESM entry is fine.
	mainFields: ['module', 'main'],
	// libsql is a native module: required from node_modules at run time, never bundled.
	external: ['libsql'],
	metafile: true,
	logLevel: 'warning',
};

// The CLI as CommonJS: a script V8 can compile with a code cache (an ES module cannot take one
// on Node 20). It must have no top-level await (esbuild refuses it in CommonJS; Ink's and
// yoga-layout's are patched away, patches/README.md) and no import() left to Node: the
// launcher's vm.Script cannot load modules. Its import.meta.url is the launcher's (dist/cli.js,
// the file the code expects to be: the worker and the data are found from it, and the load
// cache is made in the background by running it). Strict, as the ES module it replaces.
mkdirSync('dist', { recursive: true });
writeFileSync(
	'dist/package.json',
	`${JSON.stringify({ '//': 'dist/ is CommonJS: written by scripts/build.mjs', type: 'commonjs' }, null, '\t')}\n`,
);

const cli = await build({
	...common,
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/sitrep.cjs',
	format: 'cjs',
	// import() of a Node built-in (node:crypto, node:v8… loaded only when needed) becomes a require.
	supported: { 'dynamic-import': false },
	define: { 'process.env.NODE_ENV': '"production"', 'import.meta.url': '__import_meta_url' },
	banner: {
		js: '"use strict";\nvar __import_meta_url = require("node:url").pathToFileURL(require("node:path").join(__dirname, "cli.js")).href;',
	},
});
// Any warning (import.meta left undefined, a require esbuild could not follow) fails the build.
if (cli.warnings.length) throw new Error(`esbuild warned about the CommonJS bundle: ${JSON.stringify(cli.warnings)}`);

// The worker that loads a big data set's articles after the first frame is its own file.
const worker = await build({
	...common,
	entryPoints: { 'articles-worker': 'source/io/load/articlesWorker.ts' },
	outdir: 'dist',
	format: 'cjs',
	define: { 'process.env.NODE_ENV': '"production"' },
	banner: { js: '"use strict";' },
});
if (worker.warnings.length) throw new Error(`esbuild warned about the worker: ${JSON.stringify(worker.warnings)}`);

// V8 reads a script with any byte over 0x7F as a two-byte string: slower to decode and to scan
// (~4 ms of start-up). esbuild escapes non-ASCII in strings but writes regular expression literals
// as they are: write \u escapes in them (e.g. /[\u2014]/), and this keeps it so.
for (const file of [...Object.keys(cli.metafile.outputs), ...Object.keys(worker.metafile.outputs)]) {
	if (!/\.c?js$/.test(file)) continue;
	const bytes = readFileSync(file);
	const at = bytes.findIndex((b) => b > 0x7f);
	if (at >= 0) {
		const context = bytes.subarray(Math.max(0, at - 60), at + 20).toString();
		throw new Error(`${file} is not ASCII at byte ${at} (write a \\u escape in the source): ${context}`);
	}
}

// The bundle runs inside the launcher's function wrapper: no hashbang line, no import() (a
// vm.Script without a module loader fails on it at run time).
let bundle = readFileSync('dist/sitrep.cjs', 'latin1');
if (bundle.startsWith('#!')) bundle = bundle.slice(bundle.indexOf('\n') + 1);
const dynamicImport = /(?<![\w$.])import\s*\(/.exec(bundle);
if (dynamicImport)
	throw new Error(
		`dist/sitrep.cjs calls import() at ${dynamicImport.index}: ${bundle.slice(dynamicImport.index, dynamicImport.index + 80)}`,
	);
writeFileSync('dist/sitrep.cjs', bundle, 'latin1');

// The launcher, told which build it runs: a code cache of another build is never read.
const id = createHash('sha256').update(bundle).digest('hex').slice(0, 16);
const template = readFileSync('scripts/launcher.js', 'utf8');
if (!template.includes("const BUILD = 'unbuilt';")) throw new Error('scripts/launcher.js: no BUILD line to fill in');
writeFileSync('dist/cli.js', template.replace("const BUILD = 'unbuilt';", `const BUILD = '${id}';`));
chmodSync('dist/cli.js', 0o755);

await makeCodeCache();

/**
 * The code cache: the dashboard started on the bundled data in a pseudo-terminal (util-linux
 * `script`), which saves V8's cache after its first frame, then quit with q. Then V8 must accept
 * it. Without util-linux `script` (macOS, Windows) the build goes on without one: the first
 * start of the dashboard writes it, where dist/ is writable.
 */
async function makeCodeCache() {
	const cache = 'dist/sitrep.cjs.cache';
	rmSync(cache, { force: true });
	const probe = spawnSync('script', ['--version'], { encoding: 'utf8' });
	if (probe.error || !`${probe.stdout}${probe.stderr}`.includes('util-linux')) {
		process.stderr.write('build: no util-linux `script`: dist/ has no code cache (the first start writes one)\n');
		return;
	}
	const config = mkdtempSync(join(tmpdir(), 'sitrep-build-'));
	try {
		const env = { ...process.env, TERM: 'xterm-256color', SITREP_CODE_CACHE: 'write', SITREP_CONFIG_DIR: config };
		// Ink draws only the last frame under CI; the load cache and colours are not the point here.
		for (const k of ['CI', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES', 'SITREP_PROFILE', 'SITREP_RENDER'])
			delete env[k];
		env.SITREP_CACHE_DIR = '';
		const command = `stty rows 24 cols 80; exec ${JSON.stringify(process.execPath)} dist/cli.js --data data`;
		const child = spawn('script', ['-qfec', command, '/dev/null'], { env, stdio: ['pipe', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (c) => {
			output += c.toString('latin1');
		});
		child.stderr.on('data', (c) => {
			output += c.toString('latin1');
		});
		const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
		const deadline = Date.now() + 60_000;
		let written = false;
		while (!written && Date.now() < deadline) {
			const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('wait'), 50))]);
			if (code !== 'wait') break;
			try {
				written = statSync(cache).size > 0;
			} catch {
				// Not yet.
			}
		}
		child.stdin.write('q');
		const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 10_000))]);
		if (code === 'timeout') child.kill('SIGKILL');
		if (!written || code !== 0) {
			throw new Error(
				`build: the dashboard did not save its code cache (exit ${code}):\n${output.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').slice(-2000)}`,
			);
		}
	} finally {
		rmSync(config, { recursive: true, force: true });
	}
	const check = spawnSync(process.execPath, ['dist/cli.js'], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CODE_CACHE: 'check' },
	});
	if (check.stdout.trim() !== 'accepted') {
		unlinkSync(cache);
		throw new Error(`build: V8 does not accept the code cache it just made (${check.stdout.trim()} ${check.stderr})`);
	}
}
