// What only the built bundle (dist/cli.js) can show: the patched code is what
// was bundled, a command is dispatched, and --no-color in a real terminal.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, Dash } from '../support/ptyRun.js';

const require = createRequire(import.meta.url);

describe('the bundle', () => {
	it('holds the string-width fast path in both copies (string-width 8, and 7 under wrap-ansi)', () => {
		const installed = readFileSync(require.resolve('string-width'), 'utf8');
		const claim = /ambiguousIsNarrow && \/(\^\[[^\]]+\]\*\$)\/\.test\(string\)/.exec(installed)?.[1];
		expect(claim, 'string-width is not patched: npm ci runs patch-package').toBeDefined();
		const bundle = readFileSync(fileURLToPath(new URL('../../dist/cli.js', import.meta.url)), 'utf8');
		expect(bundle.split((claim ?? '').slice(1, -2)).length - 1).toBe(2);
	});

	it('dispatches sitrep watch', () => {
		const r = spawnSync(process.execPath, [CLI, 'watch', '--json'], {
			encoding: 'utf8',
			env: { ...process.env, SITREP_CONFIG_DIR: mkdtempSync(join(tmpdir(), 'sitrep-watch-cli-')), NO_COLOR: '1' },
		});
		expect(r.status).toBe(0);
		expect(JSON.parse(r.stdout)).toEqual({ since: null, items: [], totals: { incidents: 0, articles: 0 } });
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
});
