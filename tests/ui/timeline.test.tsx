// The real App driven by keys through ink-testing-library: keys in, frames out.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../source/io/load/load.js';
import { App } from '../../source/ui/app/App.js';
import { KEYMAP } from '../../source/ui/keymap.js';
import { bundled, KEY, press, render } from '../support/helpers.js';

function start(opts: { cols?: number; rows?: number; data?: ReturnType<typeof bundled> } = {}) {
	const { store, problems } = opts.data ?? bundled();
	const exits: number[] = [];
	const r = render(
		<App
			escapeMs={0}
			store={store}
			problems={problems}
			cols={opts.cols ?? 100}
			rows={opts.rows ?? 24}
			onExit={(c) => exits.push(c)}
		/>,
	);
	const frame = () => r.lastFrame() ?? '';
	return { ...r, frame, exits };
}

/** The list row under the cursor (marked with › as well as inverse video). */
function cursorRow(frame: string): string | undefined {
	return frame.split('\n').find((l) => l.startsWith('›'));
}

describe('Timeline pane', () => {
	it('shows incidents newest first, grouped by month, within the terminal height', async () => {
		for (const [cols, rows] of [
			[60, 20],
			[80, 24],
			[120, 40],
			[200, 50],
		] as const) {
			const app = start({ cols, rows });
			const lines = app.frame().split('\n');
			expect(lines.length, `${cols}x${rows}`).toBeLessThanOrEqual(rows - 1);
			for (const l of lines) expect(l.length, `${cols}x${rows}: ${l}`).toBeLessThanOrEqual(cols);
			expect(lines[0]).toContain('1 Timeline');
			expect(lines.find((l) => l.startsWith('── '))).toMatch(/── December 2025 · \d+ ──/);
			expect(app.frame()).toContain('123 incidents · 20 articles');
			app.unmount();
		}
	});

	it('moves with j/k, G/g and page keys, also when keys arrive in one burst', async () => {
		const app = start();
		expect(cursorRow(app.frame())).toContain('2025-12-23');
		await press(app.stdin, 'j');
		expect(cursorRow(app.frame())).toContain('2025-11-30');
		await press(app.stdin, 'jjk');
		expect(cursorRow(app.frame())).toContain('2025-11-26');
		await press(app.stdin, 'G');
		expect(cursorRow(app.frame())).toContain('2021-04-21');
		await press(app.stdin, 'g', KEY.pageDown);
		expect(cursorRow(app.frame())).toMatch(/2025-(0\d|10)/);
		await press(app.stdin, KEY.down, KEY.up, KEY.up);
		app.unmount();
	});

	it('filters to Afghanistan in December 2024 with completion, then opens the Haqqani assassination', async () => {
		const app = start({ rows: 40 });
		await press(app.stdin, 'f');
		expect(app.frame()).toContain('› country');
		await press(app.stdin, 'afgh');
		expect(app.frame()).toContain('AF Afghanistan');
		await press(app.stdin, KEY.tab);
		expect(app.frame()).toMatch(/› country AF/);
		await press(app.stdin, KEY.down, KEY.down, KEY.down, '2024-12', KEY.tab, '2024-12');
		expect(app.frame()).toMatch(/Filter → 2 incidents/);
		await press(app.stdin, KEY.enter);
		const list = app.frame();
		expect(list).toContain('country:AF since:2024-12-01 until:2024-12-31 · 2 of 123');
		expect(list).toContain('── December 2024 · 2 ──');
		expect(list).not.toContain('2025-03-11');
		await press(app.stdin, 'j', KEY.enter);
		const detail = app.frame();
		expect(detail).toContain('2024-12-11 · suicide bombing');
		expect(detail).toContain('Khalil ur Rehman');
		expect(detail).toMatch(/Claimed by\s+› ISKP/);
		expect(detail).toContain('Sources');
		await press(app.stdin, KEY.escape);
		expect(cursorRow(app.frame())).toContain('2024-12-11');
		await press(app.stdin, 'c');
		expect(app.frame()).toContain('all incidents · 123');
		app.unmount();
	});

	it('keeps the filter bar open with an inline message for a bad value, and Esc keeps the old filter', async () => {
		const app = start();
		await press(app.stdin, 'f', 'Narnia', KEY.enter);
		expect(app.frame()).toContain('country: unknown country "Narnia"');
		expect(app.frame()).toContain('› country Narnia');
		await press(app.stdin, KEY.ctrlU, 'pk', KEY.enter);
		expect(app.frame()).toContain('country:PK');
		await press(app.stdin, 'f', KEY.ctrlU, 'IR', KEY.escape);
		expect(app.frame()).toContain('country:PK');
		expect(app.frame()).not.toContain('› country');
		app.unmount();
	});

	it('types q and j into the filter bar instead of quitting or moving', async () => {
		const app = start();
		await press(app.stdin, 'f', KEY.down, 'qj');
		expect(app.frame()).toMatch(/› actor\s+qj/);
		expect(app.exits).toEqual([]);
		await press(app.stdin, KEY.backspace, KEY.backspace, 'haqqani net', KEY.tab, KEY.enter);
		expect(app.frame()).toContain('actor:haqqani-network');
		app.unmount();
	});

	it('? shows help generated from the keymap; Esc closes it', async () => {
		const app = start({ rows: 60 });
		await press(app.stdin, '?');
		const help = app.frame();
		for (const b of KEYMAP.filter((b) => b.scope === 'timeline' || b.scope === 'list')) expect(help).toContain(b.help);
		await press(app.stdin, KEY.escape);
		expect(app.frame()).toContain('── March 2025');
		app.unmount();
	});

	it('shows a problems badge for bad data and lists the problems with file:line:col', async () => {
		const d = mkdtempSync(join(tmpdir(), 'sitrep-ui-'));
		writeFileSync(
			join(d, 'incidents.json'),
			'[\n{"id": "a", "date": "2024-01-01", "country": "AF", "type": "IED",\n "description": "evil \\u001b]0;pwned\\u0007 text", "sources": [{"outlet": "X", "date": "2024-01-01"}]},\n{"id": "b"}\n]',
		);
		const app = start({ data: loadDataDir(d) });
		expect(app.frame()).toMatch(/⚠ 5 errors, 1 warning \(!\)/);
		await press(app.stdin, '!');
		// A long temporary path wraps the line: read the list with its continuation lines joined.
		expect(app.frame().replace(/\n {4,}/g, ' ')).toContain('incidents.json:4:1 /1/date: missing required field "date"');
		await press(app.stdin, 'q');
		expect(app.exits).toEqual([]);
		await press(app.stdin, KEY.enter);
		expect(app.frame()).not.toContain('\u001b');
		expect(app.frame()).toMatch(/evil +text/);
		app.unmount();
	});

	it('q quits with 0 and Ctrl-C with 130', async () => {
		const a = start();
		await press(a.stdin, 'q');
		expect(a.exits).toEqual([0]);
		const b = start();
		await press(b.stdin, 'f', KEY.ctrlC);
		expect(b.exits).toEqual([130]);
	});
});

describe('the Timeline by toll (issue 17)', () => {
	it('o sorts deadliest first with a separator for incidents without a toll, and back by date', async () => {
		const app = start({ cols: 80, rows: 24 });
		await press(app.stdin, 'o');
		expect(app.frame()).toContain('all incidents, deadliest first');
		expect(cursorRow(app.frame())).toMatch(/2025-06-13 IR airstrike .* 1062/);
		await press(app.stdin, 'G');
		expect(app.frame()).toMatch(/── toll not reported · 5 ──/);
		await press(app.stdin, 'o');
		expect(app.frame()).not.toContain('deadliest first');
		expect(app.frame()).toMatch(/── \w+ \d{4} · \d+ ──/);
		for (const l of app.frame().split('\n')) expect(l.length).toBeLessThanOrEqual(80);
		expect(app.frame().split('\n').length).toBeLessThanOrEqual(23);
		app.unmount();
	});

	it('goal: the deadliest incident of 2024 in 6 keys from launch (f 2 0 2 4 ctrl-o)', async () => {
		const app = start({ cols: 80, rows: 24 });
		await press(app.stdin, 'f', '2', '0', '2', '4', '\u000f');
		const row = cursorRow(app.frame());
		expect(row).toMatch(/2024-03-22 RU armed assault .*144/);
		expect(app.frame()).toContain('since:2024-01-01 until:2024-12-31, deadliest first');
		app.unmount();
	});
});

describe('F: filter by this row (issue 17)', () => {
	const summary = (frame: string) => frame.split('\n')[1] ?? '';

	it('on an incident: its country, perpetrator and type, each then in the filter bar', async () => {
		const app = start({ cols: 80, rows: 24 });
		const { store } = bundled();
		const at = store.incidents.findIndex((i) => i.perpetrators.length === 1);
		const inc = store.incidents[at];
		if (!inc) throw new Error('no incident with one perpetrator');
		await press(app.stdin, 'j'.repeat(at), 'F');
		const who = inc.perpetrators;
		expect(summary(app.frame())).toContain(`country:${inc.country} actor:${who.join(',')} type:`);
		expect(app.frame()).not.toMatch(new RegExp(`^ \\d{4}-\\d{2}-\\d{2} (?!${inc.country})`, 'm'));
		expect(cursorRow(app.frame())).toContain(inc.date);
		await press(app.stdin, 'f');
		expect(app.frame()).toMatch(new RegExp(`› country +${inc.country}`));
		expect(app.frame()).toMatch(new RegExp(`actor +${who.join(', ')}`));
		app.unmount();
	});

	it('on an actor row, a country row, and in an incident detail view', async () => {
		const app = start({ cols: 80, rows: 24 });
		await press(app.stdin, '2', 'F');
		expect(app.frame().split('\n')[0]).toMatch(/1 Timeline/);
		expect(summary(app.frame())).toMatch(/^actor:[\w-]+ ·/);
		await press(app.stdin, '3', 'F');
		expect(summary(app.frame())).toMatch(/^country:[A-Z]{2} ·/);
		await press(app.stdin, 'c', KEY.enter, 'F');
		// The detail view's incident, not the list's row: the first row after c is the newest incident.
		const { store } = bundled();
		const newest = store.incidents[0];
		expect(summary(app.frame())).toMatch(new RegExp(`^country:${newest?.country} (actor:\\S+ )?type:`));
		app.unmount();
	});
});

describe('Timeline exclusions (-AF,-PK)', () => {
	/** The country column of each incident row listed. */
	const countriesListed = (frame: string) =>
		frame
			.split('\n')
			.map((l) => /^.\s?\d{4}-\d{2}(?:-\d{2})?\s+([A-Z]{2})\s/.exec(l)?.[1])
			.filter((c): c is string => c !== undefined);

	it("a group's attacks outside two countries in 13 keys from launch at 80x24: f -af,-pk ↓ isk ⏎", async () => {
		const app = start({ cols: 80, rows: 24 });
		// f (1), -af,-pk (7), ↓ to the actor field (1), isk (3), Enter (1): 13 keys.
		const keys = ['f', ...'-af,-pk', KEY.down, ...'isk', KEY.enter];
		expect(keys.length).toBe(13);
		await press(app.stdin, ...keys);
		const frame = app.frame();
		expect(frame).toContain('country:not AF, PK actor:iskp');
		expect(frame).toMatch(/· 4 of 123/);
		for (const l of ['Crocus City Hall', 'Soleimani', 'Panj district', 'Termez']) expect(frame).toContain(l);
		expect(countriesListed(frame).sort()).toEqual(['IR', 'RU', 'TJ', 'UZ']);
		app.unmount();
	});

	it("the palette's filter command takes country:-AF,-PK", async () => {
		const app = start({ cols: 80, rows: 24 });
		await press(app.stdin, ':');
		await press(app.stdin, 'filter actor:iskp country:-AF,-PK');
		await press(app.stdin, KEY.enter);
		const frame = app.frame();
		expect(frame).toContain('country:not AF, PK actor:iskp');
		expect(countriesListed(frame).sort()).toEqual(['IR', 'RU', 'TJ', 'UZ']);
		app.unmount();
	});
});
