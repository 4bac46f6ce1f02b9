// The locale decides sitrep's own glyphs (source/core/glyphs.ts), end to end:
// the built dashboard in a pty and the built CLI, with a UTF-8 locale and
// without one (where a remote tmux would draw ›, … and ── as _, ~ and qq).
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNICODE_GLYPHS } from '../../source/core/glyphs.js';
import { CLI, Dash } from '../support/ptyRun.js';

const OWN_UNICODE = new Set(Object.values(UNICODE_GLYPHS).flatMap((g) => [...g]));
const own = (text: string) => [...new Set([...text].filter((ch) => OWN_UNICODE.has(ch)))];

/** Only LANG speaks: LC_ALL and LC_CTYPE are emptied (an empty one counts as unset). */
const locale = (lang: string) => ({ LANG: lang, LC_ALL: '', LC_CTYPE: '' });

async function firstScreen(env: Record<string, string>): Promise<string[]> {
	const d = await Dash.start({ env, cols: 100, rows: 30 });
	await d.screenShows('? help', 30_000);
	// The Timeline's month headings are drawn with the list.
	await d.screenShows('2025');
	const lines = d.lines();
	d.press('q');
	const r = await d.finish();
	expect(r.code).toBe(0);
	return lines;
}

function cli(args: string[], env: Record<string, string>) {
	const configDir = mkdtempSync(join(tmpdir(), 'sitrep-locale-'));
	return spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CONFIG_DIR: configDir, ...env },
	});
}

describe('the dashboard by locale', () => {
	it('with LANG=C.UTF-8 draws its Unicode glyphs', async () => {
		const screen = (await firstScreen(locale('C.UTF-8'))).join('\n');
		expect(screen).toMatch(/^›\d{4}-\d\d-\d\d/m);
		expect(screen).toMatch(/── [A-Z][a-z]+ \d{4} · \d+ ──/);
		expect(screen).not.toContain('drawing in ASCII');
	});

	it('with LANG=C draws them in ASCII and says how to fix the locale', async () => {
		const screen = (await firstScreen(locale('C'))).join('\n');
		expect(own(screen)).toEqual([]);
		expect(screen).toMatch(/^>\d{4}-\d\d-\d\d/m);
		expect(screen).toMatch(/-- [A-Z][a-z]+ \d{4} \| \d+ --/);
		expect(screen).toContain('drawing in ASCII: LANG=C, not UTF-8; set LANG=C.UTF-8');
	});

	it('LC_ALL beats LANG: LC_ALL=C with LANG=C.UTF-8 is ASCII, and the advice names LC_ALL', async () => {
		const screen = (await firstScreen({ LANG: 'C.UTF-8', LC_ALL: 'C', LC_CTYPE: '' })).join('\n');
		expect(own(screen)).toEqual([]);
		expect(screen).toContain('LC_ALL=C, not UTF-8; set LC_ALL=C.UTF-8');
	});
});

describe('the commands by locale', () => {
	it('sitrep risk and sitrep --help: Unicode glyphs with a UTF-8 locale, ASCII without', () => {
		for (const args of [['risk'], ['--help']]) {
			const utf8 = cli(args, locale('C.UTF-8'));
			const ascii = cli(args, locale('C'));
			expect(utf8.status).toBe(0);
			expect(ascii.status).toBe(0);
			expect(own(utf8.stdout).length, args.join(' ')).toBeGreaterThan(0);
			expect(own(ascii.stdout), args.join(' ')).toEqual([]);
		}
	});

	it('JSON does not change with the locale', () => {
		const args = ['search', 'kabul bombing', '--json'];
		expect(cli(args, locale('C')).stdout).toBe(cli(args, locale('C.UTF-8')).stdout);
	});
});
