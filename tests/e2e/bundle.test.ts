// What only the built bundle (dist/sitrep.cjs, run by the launcher dist/cli.js) can
// show: the patched code is what was bundled, a command is dispatched, --no-color in
// a real terminal, and the launcher's code cache: used when it fits, and when it is
// missing, of another build or rejected, compiled without it and written again.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, Dash } from '../support/ptyRun.js';

const require = createRequire(import.meta.url);

describe('the bundle', () => {
	it('holds the string-width fast path in both copies (string-width 8, and 7 under wrap-ansi)', () => {
		const installed = readFileSync(require.resolve('string-width'), 'utf8');
		const claim = /ambiguousIsNarrow && \/(\^\[[^\]]+\]\*\$)\/\.test\(string\)/.exec(installed)?.[1];
		expect(claim, 'string-width is not patched: npm ci runs patch-package').toBeDefined();
		const bundle = readFileSync(fileURLToPath(new URL('../../dist/sitrep.cjs', import.meta.url)), 'utf8');
		expect(bundle.split((claim ?? '').slice(1, -2)).length - 1).toBe(2);
	});

	it('dispatches sitrep watch', () => {
		const r = spawnSync(process.execPath, [CLI, 'watch', '--json'], {
			encoding: 'utf8',
			env: { ...process.env, SITREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'sitrep-watch-cli-')), NO_COLOR: '1' },
		});
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ since: null, items: [], totals: { incidents: 0, articles: 0 }, alerts: [] });
	});

	it('--no-color in a terminal drops colours but keeps bold and inverse (the mono theme), like NO_COLOR', async () => {
		// Neither NO_COLOR nor FORCE_COLOR set (vitest sets them): only the flag decides.
		const dash = await Dash.start({ shell: `env -u NO_COLOR -u FORCE_COLOR node ${JSON.stringify(CLI)} --no-color` });
		await dash.firstFrame();
		dash.press('q');
		const { output, code } = await dash.finish();
		expect(code).toBe(0);
		expect(output).toContain('\u001b[7m');
		expect(output).toContain('\u001b[1m');
		expect(output).not.toMatch(/\u001b\[(?:[0-9;]*;)?(?:3[0-7]|9[0-7]|4[0-7]|10[0-7]|38;|48;)[0-9;]*m/);
	});

	describe('the code cache', () => {
		const DIST = fileURLToPath(new URL('../../dist', import.meta.url));
		const cacheState = (cli: string) =>
			spawnSync(process.execPath, [cli], {
				encoding: 'utf8',
				env: { ...process.env, SITREP_CODE_CACHE: 'check' },
			}).stdout.trim();
		/** dist/ copied beside the data (the launcher finds the bundle, the bundle the data, from where it is). */
		function copy(prepare: (cache: string) => void): string {
			const root = mkdtempSync(join(tmpdir(), 'sitrep-launcher-'));
			cpSync(DIST, join(root, 'dist'), { recursive: true });
			symlinkSync(fileURLToPath(new URL('../../data', import.meta.url)), join(root, 'data'));
			writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
			prepare(join(root, 'dist', 'sitrep.cjs.cache'));
			return join(root, 'dist', 'cli.js');
		}
		async function dashboard(cli: string): Promise<number | undefined> {
			const dash = await Dash.start({ shell: `node ${JSON.stringify(cli)}` });
			await dash.firstFrame();
			await dash.settle(300);
			dash.press('q');
			return (await dash.finish()).code;
		}

		it('is made by the build and accepted by V8', () => {
			expect(cacheState(CLI)).toBe('accepted');
		});

		it('missing, of another build or rejected by V8: the CLI runs compiled, and the dashboard writes it again', async () => {
			const cases: [string, (cache: string) => void, string][] = [
				['missing', (cache) => rmSync(cache), 'none'],
				['another build', (cache) => writeFileSync(cache, 'sitrep code cache 0123456789abcdef\nxxxx'), 'none'],
				[
					'rejected',
					(cache) => {
						// This build's header over bytes V8 does not take (as a cache of another Node would be).
						const data = readFileSync(cache);
						const header = data.subarray(0, data.indexOf(10) + 1);
						writeFileSync(cache, Buffer.concat([header, Buffer.alloc(4096, 7)]));
					},
					'rejected',
				],
			];
			for (const [what, prepare, state] of cases) {
				const cli = copy(prepare);
				expect(cacheState(cli), what).toBe(state);
				const version = spawnSync(process.execPath, [cli, '--version'], { encoding: 'utf8' });
				expect(version.status, what).toBe(0);
				expect(version.stdout.trim(), what).toMatch(/^\d+\.\d+\.\d+$/);
				// A command does not write it; the dashboard does, after its first frame.
				expect(cacheState(cli), what).toBe(state);
				expect(await dashboard(cli), what).toBe(0);
				expect(cacheState(cli), what).toBe('accepted');
				expect(
					readdirSync(dirname(cli)).filter((f) => f.endsWith('.tmp')),
					what,
				).toEqual([]);
			}
		});

		it('where it cannot be written, the dashboard runs without it and leaves nothing behind', async () => {
			// A directory where the cache file would go: it can be neither read nor replaced.
			const cli = copy((cache) => {
				rmSync(cache);
				mkdirSync(cache);
			});
			expect(await dashboard(cli)).toBe(0);
			expect(readdirSync(join(dirname(cli), 'sitrep.cjs.cache'))).toEqual([]);
			expect(readdirSync(dirname(cli)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
		});
	});
});
