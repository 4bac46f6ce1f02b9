// Cross-navigation, the Actors and Risk panes, driven by keys at 80x24.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app/App.js';
import { bundled, KEY, press, render } from '../support/helpers.js';

function start(opts: { cols?: number; rows?: number; briefDir?: string } = {}) {
	const { store, problems } = bundled();
	const r = render(
		<App
			escapeMs={0}
			store={store}
			problems={problems}
			cols={opts.cols ?? 80}
			rows={opts.rows ?? 24}
			briefDir={opts.briefDir}
		/>,
	);
	return { ...r, frame: () => r.lastFrame() ?? '' };
}

const selectedLine = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

/** Presses j until the selected line matches, or fails after `max` presses. */
async function moveTo(app: ReturnType<typeof start>, pattern: RegExp, max = 40): Promise<void> {
	for (let i = 0; i < max; i++) {
		if (pattern.test(selectedLine(app.frame()))) return;
		await press(app.stdin, 'j');
	}
	throw new Error(`no selected line matched ${pattern}; last frame:\n${app.frame()}`);
}

describe('cross-navigation', () => {
	it('Timeline → incident → perpetrator profile → its incidents → back, by keyboard alone at 80x24', async () => {
		const app = start();
		await press(app.stdin, 'f', 'AF', KEY.tab, KEY.down, KEY.down, '2024-12', KEY.tab, '2024-12', KEY.enter);
		await moveTo(app, /2024-12-11/);
		await press(app.stdin, KEY.enter);
		expect(app.frame()).toContain('Timeline › 2024-12-11 suicide bombing');
		await moveTo(app, /Perpetrators\s+› ISKP/);
		await press(app.stdin, KEY.enter);
		let f = app.frame();
		expect(f).toContain('Timeline › 2024-12-11 suicide bombing › ISKP');
		expect(f).toContain('Islamic State Khorasan Province (ISKP) · group');
		// Past the activity summary's links (a row and its latest incident per country) first.
		await moveTo(app, /2023-03-09 AF suicide bombing/, 60);
		await press(app.stdin, KEY.enter);
		f = app.frame();
		expect(f).toContain('› ISKP › 2023-03-09 suicide bombing');
		expect(f).toContain('Balkh');
		for (const n of [3, 2, 1]) {
			await press(app.stdin, KEY.escape);
			expect(app.frame().split('\n')[1]?.split(' › ').length).toBe(n);
		}
		expect(app.frame()).toContain('country:AF since:2024-12-01');
		for (const l of app.frame().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
		app.unmount();
	});

	it('from a country to its incidents and actors, and back with Backspace', async () => {
		const app = start({ rows: 30 });
		await press(app.stdin, '3');
		expect(app.frame()).toMatch(/COUNTRY\s+LEVEL\s+SCORE\s+TREND/);
		expect(app.frame()).toMatch(/AF Afghanistan\s+(low|guarded|elevated|high|severe)\s+\d+ /);
		await moveTo(app, /AF Afghanistan/);
		await press(app.stdin, 'e');
		expect(app.frame()).toContain('Risk › Afghanistan');
		expect(app.frame()).toMatch(/Risk\s+(LOW|GUARDED|ELEVATED|HIGH|SEVERE) \d+ /);
		await press(app.stdin, 'G');
		expect(app.frame()).toContain('2021-05-08 bombing');
		await press(app.stdin, KEY.backspace);
		expect(app.frame()).toMatch(/›AF Afghanistan/);
		app.unmount();
	});
});

describe('Actors pane', () => {
	it('jumps by name with a typo, opens the profile with its affiliation tree, and sorts', async () => {
		const app = start({ rows: 40 });
		await press(app.stdin, '2');
		expect(app.frame()).toMatch(/NAME\s+KIND\s+CC\s+PERP\s+TGT\s+LAST/);
		await press(app.stdin, '/', 'haqani');
		expect(selectedLine(app.frame())).toMatch(/Haqqani/);
		await press(app.stdin, KEY.enter);
		expect(app.frame()).not.toContain('jump:');
		await press(app.stdin, KEY.enter);
		const f = app.frame();
		expect(f).toMatch(/Actors › (Haqqani network|Khalil Haqqani|Sirajuddin Haqqani)/);
		expect(f).toContain('Affiliations');
		await press(app.stdin, KEY.escape, '/', 'muzamil', KEY.enter, KEY.enter);
		expect(app.frame()).toContain('Mohammad Dawood Muzammil');
		expect(app.frame()).toContain('Member of Taliban');
		await press(app.stdin, KEY.escape, 'o');
		expect(app.frame()).toContain('sorted by as target');
		await press(app.stdin, 't');
		expect(app.frame()).toContain('kind:group');
		await press(app.stdin, 'c');
		expect(app.frame()).toContain('all kinds and countries');
		app.unmount();
	});

	it('b writes a Markdown brief of the selected row and says where', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-brief-'));
		const app = start({ briefDir: dir, cols: 200 });
		await press(app.stdin, '3');
		await moveTo(app, /AF Afghanistan/);
		await press(app.stdin, 'b');
		const files = readdirSync(dir);
		expect(files).toEqual([expect.stringMatching(/^brief-AF-\d{4}-\d{2}-\d{2}-90d\.md$/)]);
		expect(app.frame()).toContain(`brief written to ${join(dir, files[0] ?? '')}`);
		expect(readFileSync(join(dir, files[0] ?? ''), 'utf8')).toMatch(/^# /);
		app.unmount();
	});

	it('[ and ] change the window for the Risk and Actors panes', async () => {
		const app = start();
		await press(app.stdin, '3', ']');
		expect(app.frame()).toContain('365-day window');
		await press(app.stdin, ']', '[', '[');
		expect(app.frame()).toContain('30-day window');
		app.unmount();
	});
});

describe('keys that arrive together', () => {
	it('Esc immediately followed by a key is Esc, then the key (not Alt+key)', async () => {
		const app = start();
		await press(app.stdin, '2', '?');
		expect(app.frame()).toContain('sitrep keys');
		await press(app.stdin, '\u001b3');
		expect(app.frame()).not.toContain('sitrep keys');
		expect(app.frame()).toContain('Risk by country');
		app.unmount();
	});
});
