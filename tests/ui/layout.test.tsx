// Layouts by terminal size (side by side from 120 columns, one column below,
// a message below 60×16), resizing, and the themes (mono never colours).
import chalk from 'chalk';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { width as cellWidth } from '../../source/core/width.js';
import { App } from '../../source/ui/app/App.js';
import { PREVIEW_REST_MS } from '../../source/ui/app/Body.js';
import { detailCols, isSplit, listCols } from '../../source/ui/layout.js';
import { pickTheme, THEME_NAMES, THEMES, type ThemeName } from '../../source/ui/theme.js';
import { ANSWERED, bundled, eventually, idle, KEY, press, render } from '../support/helpers.js';

function start(opts: { cols?: number; rows?: number; theme?: ThemeName } = {}) {
	const { store, problems } = bundled();
	const r = render(
		<App
			escapeMs={0}
			store={store}
			problems={problems}
			cols={opts.cols ?? 140}
			rows={opts.rows ?? 30}
			theme={opts.theme}
		/>,
	);
	return { ...r, frame: () => r.lastFrame() ?? '' };
}

const ESC = '\u001b';
const SGR = new RegExp(`${ESC}\\[[0-9;]*m`, 'g');
const plain = (s: string) => s.replace(SGR, '');

/** The list column, the │ separator and the detail column of a split frame's body lines. */
function columnsOf(frame: string, cols: number) {
	const lw = listCols({ cols });
	const body = frame.split('\n').slice(1, -2);
	return {
		left: body.map((l) => l.slice(0, lw)),
		sep: body.map((l) => l.slice(lw, lw + 1)),
		right: body.map((l) => l.slice(lw + 1)).join('\n'),
	};
}

/** Every frame fits: at most rows − 1 lines, none wider than the terminal. */
function expectFits(frame: string, cols: number, rows: number, what: string) {
	const lines = frame.split('\n');
	expect(lines.length, `${what}: ${lines.length} lines\n${frame}`).toBeLessThanOrEqual(rows - 1);
	for (const l of lines) expect(cellWidth(plain(l)), `${what}: ${l}`).toBeLessThanOrEqual(cols);
}

describe('layout by width', () => {
	afterEach(() => {
		vi.useRealTimers();
	});

	it('splits from 120 columns: about 45% for the list (at least 56), a │, the rest for the detail', () => {
		expect(isSplit({ cols: 119 })).toBe(false);
		expect(listCols({ cols: 100 })).toBe(100);
		expect(detailCols({ cols: 100 })).toBe(100);
		for (const cols of [120, 140, 200, 300]) {
			expect(isSplit({ cols })).toBe(true);
			expect(listCols({ cols })).toBeGreaterThanOrEqual(56);
			expect(listCols({ cols }) + 1 + detailCols({ cols })).toBe(cols);
		}
	});

	it('at 140 columns shows the list and the selected incident side by side; j updates the right column', async () => {
		const app = start();
		let f = app.frame();
		expectFits(f, 140, 30, 'first frame');
		let c = columnsOf(f, 140);
		expect(c.sep.every((s) => s === '│')).toBe(true);
		expect(c.left.find((l) => l.startsWith('›'))).toContain('2025-12-23');
		expect(c.left.join('\n')).toMatch(/── December 2025 · \d+ ──/);
		expect(c.right).toContain('Timeline › 2025-12-23 armed clash · Enter opens');
		expect(c.right).toContain('inc-2025-12-23-tajik-afghan-border-clash');
		await press(app.stdin, 'j');
		f = app.frame();
		c = columnsOf(f, 140);
		expect(c.left.find((l) => l.startsWith('›'))).toContain('2025-11-30');
		expect(c.right).toContain('Timeline › 2025-11-30 armed assault · Enter opens');
		expect(c.right).toContain('inc-2025-11-30-tajikistan-chinese-workers-second-attack');
		expect(c.right).not.toContain('tajik-afghan-border-clash');
		// Detail lines are wrapped to the right column, not to the terminal.
		expect(c.right).toContain('Shohin SM camp');
		expectFits(f, 140, 30, 'after j');
		app.unmount();
	});

	it('Enter opens the detail on the right with the list still beside it; keys go to it; Esc goes back', async () => {
		const app = start();
		// Ten rows down: the border fighting of 2025-10-11, which has two perpetrators to link to.
		await press(app.stdin, 'jjjjjjjjjj', KEY.enter);
		let c = columnsOf(app.frame(), 140);
		expect(c.right).toContain('Timeline › 2025-10-11 armed clash');
		expect(c.right).not.toContain('Enter opens');
		expect(c.left.find((l) => l.startsWith('›'))).toContain('2025-10-11');
		// The first link is selected on the right; j moves to the next link, not the list.
		const firstLink = c.right.split('\n').find((l) => l.startsWith('›'));
		expect(firstLink).toMatch(/Perpetrators\s+› Taliban/);
		await press(app.stdin, 'j');
		c = columnsOf(app.frame(), 140);
		expect(c.left.find((l) => l.startsWith('›'))).toContain('2025-10-11');
		expect(c.right.split('\n').find((l) => l.startsWith('›'))).toMatch(/Pakistan military/);
		// Following a link keeps the list and stacks the trail.
		await press(app.stdin, KEY.enter);
		c = columnsOf(app.frame(), 140);
		expect(c.right).toContain('Timeline › 2025-10-11 armed clash › Pakistan military');
		expectFits(app.frame(), 140, 30, 'two deep');
		await press(app.stdin, KEY.escape);
		await press(app.stdin, KEY.escape);
		c = columnsOf(app.frame(), 140);
		expect(c.right).toContain('Timeline › 2025-10-11 armed clash · Enter opens');
		await press(app.stdin, 'j');
		expect(columnsOf(app.frame(), 140).right).toContain('2025-10-10');
		app.unmount();
	});

	it('previews the row under the cursor in every pane', async () => {
		// The App's clock is fake: the cursor rests exactly as long as the test says, on any machine.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const app = start({ rows: 40 });
		const right = () => columnsOf(app.frame(), 140).right;
		/** Lets `ms` pass on the App's clock, then waits for React to draw what that brought. */
		const pass = async (ms: number) => {
			vi.advanceTimersByTime(ms);
			await idle();
		};
		await press(app.stdin, '2');
		// An actor's profile is built once the cursor rests on it (it can be slow on big data).
		expect(right()).toMatch(/Actors › Pakistan military · …\s+│?\s*…/);
		expect(right()).not.toContain('Pakistan Armed Forces (Pakistan military)');
		await pass(PREVIEW_REST_MS - 1);
		expect(right()).toMatch(/Actors › Pakistan military · …/);
		await pass(1);
		expect(right()).toMatch(/Actors › Pakistan military · Enter opens/);
		expect(right()).toContain('Pakistan Armed Forces (Pakistan military)');
		await press(app.stdin, 'j');
		// One row on: the trail follows the cursor, the previous profile stays until the cursor rests.
		expect(right()).toMatch(/Actors › (?!Pakistan military)[^·\n]+ · …/);
		expect(right()).toContain('Pakistan Armed Forces (Pakistan military)');
		await press(app.stdin, 'j', 'j');
		// Keys repeating: the column holds only the trail and "…" (no profile of another row).
		expect(right()).toMatch(/Actors › Ahmad Massoud · …\s+│?\s*…/);
		expect(right()).not.toContain('Pakistan Armed Forces (Pakistan military)');
		await pass(PREVIEW_REST_MS);
		expect(right()).toMatch(/Actors › Ahmad Massoud · Enter opens/);
		expect(right()).toContain('Aliases');
		await press(app.stdin, '3');
		let c = columnsOf(app.frame(), 140);
		const row = c.left.find((l) => l.startsWith('›')) ?? '';
		const name = /^›[A-Z]{2} (\S+)/.exec(row)?.[1] ?? '?';
		expect(c.right).toContain(`Risk › ${name} · …`);
		await pass(PREVIEW_REST_MS);
		expect(right()).toContain(`Risk › ${name} · Enter opens`);
		// The search runs on a timer too: back to the real clock (timers set meanwhile were the fake one's).
		vi.useRealTimers();
		await press(app.stdin, '/', 'haqani kabul');
		await eventually(app.frame).toMatch(ANSWERED);
		c = columnsOf(app.frame(), 140);
		expect(c.left.find((l) => l.startsWith('›'))).toMatch(/Khalil Haqqani killed/);
		expect(c.right).toMatch(/Search › Khalil Haqqani/);
		app.unmount();
	});

	it('a single key previews the new row at once; while keys repeat the column holds "…" until the cursor rests', async () => {
		// The App's clock is fake: keys come exactly as far apart as the test says, on any machine.
		vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
		const app = start();
		const right = () => columnsOf(app.frame(), 140).right;
		const pass = async (ms: number) => {
			vi.advanceTimersByTime(ms);
			await idle();
		};
		// One key, the cursor at rest before it: the new row's preview in the same frame.
		await press(app.stdin, 'j');
		expect(right()).toContain('Timeline › 2025-11-30 armed assault · Enter opens');
		expect(right()).toContain('inc-2025-11-30-tajikistan-chinese-workers-second-attack');
		// The next key before the cursor rested (a held key): the trail follows the cursor and says
		// "…", and nothing else is drawn beside the list (no row's preview, neither old nor new).
		await pass(PREVIEW_REST_MS - 1);
		await press(app.stdin, 'j');
		expect(right()).toMatch(/^Timeline › 2025-11-26 armed assault · …\s*\n │?\s*…\s*$/);
		await press(app.stdin, 'j');
		expect(right()).toMatch(/^Timeline › 2025-11-25 airstrike · …\s*\n │?\s*…\s*$/);
		// The rest counts from the last key; then the cursor's row is drawn.
		await pass(PREVIEW_REST_MS - 1);
		expect(right()).toMatch(/^Timeline › 2025-11-25 airstrike · …\s*\n │?\s*…\s*$/);
		await pass(1);
		expect(right()).toContain('Timeline › 2025-11-25 airstrike · Enter opens');
		expect(right()).toContain('inc-2025-11-25-khost-strike');
		// At rest again: the next single key is drawn at once.
		await pass(PREVIEW_REST_MS);
		await press(app.stdin, 'k');
		expect(right()).toContain('Timeline › 2025-11-26 armed assault · Enter opens');
		expect(right()).toContain('inc-2025-11-26-tajikistan-shohin-sm-camp');
		await press(app.stdin, 'j');
		expect(right()).toMatch(/^Timeline › 2025-11-25 airstrike · …\s*\n │?\s*…\s*$/);
		// Another pane and back, keys still coming: not a repeat of the list's keys, drawn at once;
		// and so is the list coming back from the help overlay.
		await press(app.stdin, '2', '1');
		expect(right()).toContain('Timeline › 2025-11-25 airstrike · Enter opens');
		expect(right()).toContain('inc-2025-11-25-khost-strike');
		await press(app.stdin, '?');
		expect(app.frame()).toContain('sitrep keys');
		await press(app.stdin, KEY.escape);
		expect(right()).toContain('Timeline › 2025-11-25 airstrike · Enter opens');
		expect(right()).toContain('inc-2025-11-25-khost-strike');
		// Enter while keys repeat opens the row under the cursor, and Esc comes back to that row
		// drawn (no "…": it was built to open it).
		await pass(PREVIEW_REST_MS);
		await press(app.stdin, 'k', 'k');
		expect(right()).toMatch(/^Timeline › 2025-11-30 armed assault · …/);
		await press(app.stdin, KEY.enter);
		expect(right()).toContain('inc-2025-11-30-tajikistan-chinese-workers-second-attack');
		await press(app.stdin, KEY.escape);
		expect(right()).toContain('Timeline › 2025-11-30 armed assault · Enter opens');
		expect(right()).toContain('inc-2025-11-30-tajikistan-chinese-workers-second-attack');
		app.unmount();
	});

	it('at 100 columns keeps one column and shows the detail on Enter', async () => {
		const app = start({ cols: 100, rows: 24 });
		let f = app.frame();
		expect(f).not.toContain('│');
		expect(f).not.toContain('tajik-afghan-border-clash');
		expect(f.split('\n').find((l) => l.startsWith('›'))).toContain('2025-12-23');
		await press(app.stdin, 'j', KEY.enter);
		f = app.frame();
		expect(f.split('\n')[1]).toContain('Timeline › 2025-11-30 armed assault');
		expect(f).not.toContain('── December 2025');
		expectFits(f, 100, 24, 'detail at 100');
		app.unmount();
	});

	it('below 60×16 asks for a bigger terminal, in whole lines that fit', async () => {
		const message = 'sitrep needs at least 60×16 (this terminal is 50×14): enlarge it, or press q to quit.';
		const app = start({ cols: 50, rows: 14 });
		const f = app.frame();
		expect(
			f
				.split('\n')
				.map((l) => l.trim())
				.join(' '),
		).toContain(message);
		expectFits(f, 50, 14, '50x14');
		app.unmount();
		for (const [cols, rows] of [
			[59, 30],
			[140, 15],
			[20, 5],
			[12, 3],
		] as const) {
			const small = start({ cols, rows });
			const sf = small.frame();
			expect(sf, `${cols}x${rows}`).toMatch(/needs/);
			expectFits(sf, cols, rows, `${cols}x${rows}`);
			small.unmount();
		}
		// q still quits.
		const exits: number[] = [];
		const { store, problems } = bundled();
		const q = render(
			<App escapeMs={0} store={store} problems={problems} cols={40} rows={10} onExit={(c) => exits.push(c)} />,
		);
		await press(q.stdin, 'q');
		expect(exits).toEqual([0]);
		q.unmount();
	});
});

describe('every frame fits', () => {
	const sizes = [
		[60, 16],
		[80, 24],
		[100, 30],
		[119, 24],
		[120, 20],
		[140, 40],
		[200, 50],
	] as const;
	// Keys in each pane: lists, detail views, links, the filter bar, the jump line, search, help.
	const script: string[] = [
		'j',
		'j',
		KEY.pageDown,
		KEY.enter,
		'j',
		'j',
		KEY.enter,
		'G',
		KEY.escape,
		KEY.escape,
		'f',
		'AF',
		KEY.tab,
		KEY.escape,
		'2',
		'j',
		KEY.enter,
		KEY.pageDown,
		KEY.escape,
		'/',
		'haqqani',
		KEY.enter,
		'3',
		'G',
		'e',
		'j',
		KEY.escape,
		'4',
		'/',
		'kabul attack on the ministry of refugees and repatriation',
		KEY.enter,
		'n',
		KEY.escape,
		'?',
		'j',
		KEY.escape,
		'!',
		KEY.escape,
	];
	for (const [cols, rows] of sizes) {
		it(`at ${cols}×${rows}`, async () => {
			const app = start({ cols, rows });
			expectFits(app.frame(), cols, rows, 'first');
			for (const [i, k] of script.entries()) {
				await press(app.stdin, k);
				expectFits(app.frame(), cols, rows, `after key ${i} ${JSON.stringify(k)}`);
			}
			app.unmount();
		});
	}
});

describe('resizing', () => {
	/** Renders without a cols prop, so the App follows the (fake) terminal's size and 'resize'. */
	function sized(cols: number, rows: number) {
		const { store, problems } = bundled();
		const r = render(<App escapeMs={0} store={store} problems={problems} rows={rows} />);
		const resize = async (c: number, h: number) => {
			Object.defineProperty(r.stdout, 'columns', { value: c, configurable: true });
			Object.defineProperty(r.stdout, 'rows', { value: h, configurable: true });
			r.stdout.emit('resize');
			await idle();
		};
		return { ...r, frame: () => r.lastFrame() ?? '', resize, ready: resize(cols, rows) };
	}

	it('140 → 90 → 140 reflows at once and keeps the place', async () => {
		const app = sized(140, 30);
		await app.ready;
		await press(app.stdin, 'j', 'j', KEY.enter);
		let f = app.frame();
		expectFits(f, 140, 30, '140');
		expect(columnsOf(f, 140).right).toContain('Timeline › 2025-11-26 armed assault');
		await app.resize(90, 24);
		f = app.frame();
		expectFits(f, 90, 24, '90');
		expect(f).not.toContain('│');
		expect(f.split('\n')[1]).toContain('Timeline › 2025-11-26 armed assault');
		// j moves between links of the lines shown at this width.
		await press(app.stdin, 'j');
		expect(
			app
				.frame()
				.split('\n')
				.find((l) => l.startsWith('›')),
		).toBeTruthy();
		await press(app.stdin, KEY.escape);
		f = app.frame();
		expect(f.split('\n').find((l) => l.startsWith('›'))).toContain('2025-11-26');
		await app.resize(140, 30);
		f = app.frame();
		expectFits(f, 140, 30, 'back to 140');
		const c = columnsOf(f, 140);
		expect(c.sep.every((s) => s === '│')).toBe(true);
		expect(c.left.find((l) => l.startsWith('›'))).toContain('2025-11-26');
		expect(c.right).toContain('Timeline › 2025-11-26 armed assault · Enter opens');
		await app.resize(50, 12);
		expect(app.frame()).toContain('needs');
		expectFits(app.frame(), 50, 12, '50x12');
		await app.resize(140, 30);
		expect(columnsOf(app.frame(), 140).right).toContain('2025-11-26');
		app.unmount();
	});
});

describe('themes', () => {
	/** SGR parameters that set a colour: 30–37, 90–97, 40–47, 100–107, 38;5/38;2 (and 48;…). */
	function colourCodes(out: string): string[] {
		const found: string[] = [];
		for (const m of out.matchAll(new RegExp(`${ESC}\\[([0-9;]*)m`, 'g'))) {
			const params = (m[1] ?? '').split(';').map(Number);
			for (let i = 0; i < params.length; i++) {
				const p = params[i] ?? 0;
				if ((p >= 30 && p <= 37) || (p >= 90 && p <= 97) || (p >= 40 && p <= 47) || (p >= 100 && p <= 107)) {
					found.push(m[0]);
				} else if (p === 38 || p === 48) {
					found.push(m[0]);
					i += params[i + 1] === 5 ? 2 : 4;
				}
			}
		}
		return found;
	}
	const hasCode = (out: string, code: number) =>
		[...out.matchAll(new RegExp(`${ESC}\\[([0-9;]*)m`, 'g'))].some((m) =>
			(m[1] ?? '').split(';').map(Number).includes(code),
		);

	const level = chalk.level;
	afterEach(() => {
		chalk.level = level;
		vi.unstubAllEnvs();
	});

	/** Frames with colour on, as under FORCE_COLOR=1 (chalk reads it when loaded, so set its level too). */
	async function coloured(theme: ThemeName | undefined, env: Record<string, string> = {}) {
		vi.stubEnv('FORCE_COLOR', '1');
		for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
		chalk.level = 1;
		const app = start({ cols: 140, rows: 30, theme });
		const frames = [app.frame()];
		for (const k of ['j', KEY.enter, 'j', KEY.escape, '3', '/', 'kabul']) {
			await press(app.stdin, k);
			frames.push(app.frame());
		}
		await eventually(() => plain(app.frame())).toMatch(ANSWERED);
		frames.push(app.frame());
		app.unmount();
		return frames.join('\n');
	}

	it('NO_COLOR or noColor picks mono whatever the name; else the name, or default', () => {
		expect(THEME_NAMES).toEqual(['default', 'high-contrast', 'mono']);
		expect(pickTheme({ env: {} })).toBe(THEMES.default);
		expect(pickTheme({ name: 'high-contrast', env: {} })).toBe(THEMES['high-contrast']);
		expect(pickTheme({ name: 'high-contrast', env: { NO_COLOR: '1' } })).toBe(THEMES.mono);
		expect(pickTheme({ name: 'default', env: { NO_COLOR: '' } })).toBe(THEMES.default);
		expect(pickTheme({ name: 'high-contrast', noColor: true, env: {} })).toBe(THEMES.mono);
		const styles = (name: ThemeName) => {
			const t = THEMES[name];
			return [...Object.entries(t).filter(([k]) => k !== 'risk'), ...Object.entries(t.risk)].map(([, s]) => s);
		};
		for (const s of styles('mono')) {
			expect(s.color).toBeUndefined();
			expect(s.backgroundColor).toBeUndefined();
		}
		for (const s of styles('high-contrast')) expect(s.dimColor).toBeFalsy();
		for (const name of THEME_NAMES) expect(THEMES[name].selected.inverse).toBe(true);
	});

	it('mono draws no colour under FORCE_COLOR=1, and marks the selection with inverse', async () => {
		const out = await coloured('mono');
		expect(colourCodes(out)).toEqual([]);
		expect(hasCode(out, 7)).toBe(true);
		// The selected row is also marked with ›, not by attributes alone.
		expect(
			plain(out)
				.split('\n')
				.some((l) => l.startsWith('›')),
		).toBe(true);
	});

	it('NO_COLOR turns a chosen colour theme into mono', async () => {
		const out = await coloured('high-contrast', { NO_COLOR: '1' });
		expect(colourCodes(out)).toEqual([]);
		expect(hasCode(out, 7)).toBe(true);
	});

	it('the default theme does colour (so the checks above can fail); high-contrast never dims', async () => {
		expect(colourCodes(await coloured(undefined)).length).toBeGreaterThan(0);
		const hc = await coloured('high-contrast');
		expect(colourCodes(hc).length).toBeGreaterThan(0);
		expect(hasCode(hc, 2)).toBe(false);
		expect(hasCode(hc, 7)).toBe(true);
	});
});
