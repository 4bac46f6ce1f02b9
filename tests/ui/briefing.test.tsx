// The briefing-room workflow through the real App: watchlist across two
// sessions on one settings folder, what's new, saved views and the palette,
// copying with OSC 52, key overrides.

import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import { Resolver } from '../../source/core/resolve.js';
import type { Store } from '../../source/core/store.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { openConfig } from '../../source/io/settings/config.js';
import { loadConf } from '../../source/io/settings/file.js';
import { App } from '../../source/ui/app/App.js';
import { openSession } from '../../source/ui/app/session.js';
import { buildKeymap, DEFAULT_KEYMAP } from '../../source/ui/keymap.js';
import { fuzzyScore, paletteItems } from '../../source/ui/overlays/palette/items.js';
import { ANSWERED, bundled, DATA_DIR, eventually, KEY, press, render } from '../support/helpers.js';

let configDir: string;
const saved = process.env.SITREP_CONFIG_DIR;
// conf is loaded for the first write; bundled, that takes no time, here a module load: done
// once before the sessions, so a write made as a session quits is on disk a tick later.
beforeAll(async () => {
	await loadConf();
});
beforeEach(() => {
	configDir = mkdtempSync(join(tmpdir(), 'sitrep-briefing-'));
	process.env.SITREP_CONFIG_DIR = configDir;
});
afterEach(() => {
	if (saved === undefined) delete process.env.SITREP_CONFIG_DIR;
	else process.env.SITREP_CONFIG_DIR = saved;
});

/** One dashboard session as `sitrep` opens it: settings read, App rendered, state written back on quit. */
async function session(store: Store, opts: { cols?: number; rows?: number } = {}) {
	const s = openSession(await openConfig(), { isTTY: false, dir: store.dir });
	s.complete(backendOf(store));
	const r = render(
		<App
			escapeMs={0}
			store={store}
			problems={[]}
			cols={opts.cols ?? 80}
			rows={opts.rows ?? 24}
			keymap={s.keymap}
			views={s.views}
			watch={s.watchFor(backendOf(store))}
			startMessage={s.startMessage(backendOf(store))}
			settingsNotes={s.notes}
			briefing={s.briefing}
		/>,
	);
	return { ...r, frame: () => r.lastFrame() ?? '' };
}

/** The bundled data plus one new ISKP attack and one new article about it (made up for the test). */
/** A copy of the bundled data: what is seen is kept per data directory, and the next day is the same one. */
function dataCopy(): { dir: string; store: Store } {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-watchdata-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	return { dir, store: loadDataDir(dir).store };
}

const advanced = new Set<string>();

/** The same directory the next day: one ISKP attack and one article about it more (made up for the test). */
function nextDay(dir: string): Store {
	if (advanced.has(dir)) return loadDataDir(dir).store;
	advanced.add(dir);
	const incFile = join(dir, 'incidents.json');
	const inc = JSON.parse(readFileSync(incFile, 'utf8'));
	inc.incidents.push({
		id: 'test-new-iskp-incident',
		date: '2026-01-20',
		country: 'PK',
		location: 'Test location',
		type: 'bombing',
		perpetrators: ['iskp'],
		targets: [],
		description: 'A test incident added after the first session.',
		sources: [{ outlet: 'Test', date: '2026-01-20' }],
		tags: [],
	});
	writeFileSync(incFile, JSON.stringify(inc));
	const artFile = join(dir, 'articles.json');
	const art = JSON.parse(readFileSync(artFile, 'utf8'));
	const first = art.articles[0];
	art.articles.push({
		...first,
		id: 'test-new-iskp-article',
		title: 'Test article about ISKP',
		actors: ['iskp'],
		published: '2026-01-21',
	});
	writeFileSync(artFile, JSON.stringify(art));
	const loaded = loadDataDir(dir);
	expect(loaded.problems.filter((p) => p.severity === 'error')).toEqual([]);
	return loaded.store;
}

describe('watchlist and what is new', () => {
	it('w watches ISKP, the next session shows what is new and marks it until seen', async () => {
		const { dir, store } = dataCopy();
		const one = await session(store);
		await press(one.stdin, '2', '/', 'iskp', KEY.enter, 'w');
		expect(one.frame()).toContain('watching ISKP');
		expect(one.frame()).toMatch(/Watch: ISKP/);
		await press(one.stdin, 'q');
		expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).watchlist).toEqual(['actor:iskp']);
		const seen = JSON.parse(readFileSync(join(configDir, 'watch.json'), 'utf8'));
		expect(seen.dirs[store.dir].items['actor:iskp'].incidents.length).toBeGreaterThan(5);

		// The next day: one ISKP incident and one article more.
		const two = await session(nextDay(dir));
		const f = two.frame();
		expect(f).toMatch(/Watch: 1 new incident, 1 article since \d+ \w{3}/);
		expect(f).toMatch(/ISKP ●2/);
		// The new incident is the newest: the first Timeline row, marked.
		expect(f.split('\n').find((l) => l.includes('2026-01-20'))).toContain('●');
		// Keys that leave the cursor where it was mark nothing: a pane switch and back, the help.
		await press(two.stdin, '2', '1', '?', '?');
		expect(two.frame()).toMatch(/ISKP ●2/);
		await press(two.stdin, 'j');
		// The cursor started on it: it stays new until the cursor comes back to it.
		await press(two.stdin, 'k', 'j');
		expect(two.frame()).toMatch(/ISKP ●1/);
		await press(two.stdin, 'W');
		expect(two.frame()).toContain('Mark 1 new record as seen (their ● marks go)? (y/n)');
		await press(two.stdin, 'y');
		expect(two.frame()).toContain('1 new record marked as seen');
		expect(two.frame()).not.toMatch(/●\d/);
		await press(two.stdin, 'q');
		// Everything was seen: a third session has nothing new.
		const three = await session(nextDay(dir));
		expect(three.frame()).toMatch(/Watch: nothing new since/);
		three.unmount();
	});

	it('what was seen is kept per data directory: another data set does not reset it', async () => {
		const { dir, store } = dataCopy();
		const one = await session(store);
		await press(one.stdin, '2', '/', 'iskp', KEY.enter, 'w', 'q');
		// Another data directory, opened and closed in between, keeps its own record.
		const other = dataCopy();
		const between = await session(other.store);
		await press(between.stdin, 'q');
		const two = await session(nextDay(dir));
		expect(two.frame()).toMatch(/Watch: 1 new incident, 1 article since/);
		two.unmount();
		const seen = JSON.parse(readFileSync(join(configDir, 'watch.json'), 'utf8'));
		expect(Object.keys(seen.dirs).sort()).toEqual([dir, other.dir].sort());
	});

	it('what was not looked at stays new in the next session', async () => {
		const { dir, store } = dataCopy();
		const one = await session(store);
		await press(one.stdin, '2', '/', 'iskp', KEY.enter, 'w', 'q');
		const two = await session(nextDay(dir));
		await press(two.stdin, 'q');
		const three = await session(nextDay(dir));
		expect(three.frame()).toMatch(/Watch: 1 new incident, 1 article since/);
		three.unmount();
	});

	it('opening a country in Risk clears the marks it showed, watched or not', async () => {
		const { dir, store } = dataCopy();
		const one = await session(store);
		await press(one.stdin, '2', '/', 'iskp', KEY.enter, 'w', 'q');
		const two = await session(nextDay(dir), { rows: 40 });
		await press(two.stdin, '3');
		const pk = () =>
			two
				.frame()
				.split('\n')
				.find((l) => /^.PK Pakistan /.test(l)) ?? '';
		expect(pk()).toMatch(/^●/);
		// Pakistan is not watched: its ● comes from the new ISKP incident there.
		await press(two.stdin, ':', 'pakistan', KEY.enter);
		expect(two.frame()).toContain('Risk › Pakistan');
		await press(two.stdin, KEY.escape);
		expect(pk()).toMatch(/^[ ›]/);
		two.unmount();
	});

	it('w on an incident asks which of its actors, country or type to watch', async () => {
		const one = await session(bundled().store);
		await press(one.stdin, 'w');
		const f = one.frame();
		expect(f).toContain('Watch which?');
		expect(f).toMatch(/watch country /);
		expect(f).toMatch(/watch type /);
		await press(one.stdin, KEY.down, KEY.enter);
		expect(one.frame()).toMatch(/Watch: /);
		one.unmount();
	});
});

describe('saved views and the palette', () => {
	it('saves "AF last 90 days" and opens it from the palette in the next session', async () => {
		const { store } = bundled();
		const one = await session(store);
		await press(one.stdin, 'f', 'AF', KEY.tab, KEY.down, KEY.down, '90d', KEY.enter);
		expect(one.frame()).toContain('country:AF since:90d');
		await press(one.stdin, 's');
		expect(one.frame()).toContain('Save view as:');
		await press(one.stdin, KEY.ctrlU, 'AF last 90 days', KEY.enter);
		expect(one.frame()).toContain('view "AF last 90 days" saved');
		const views = JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).views;
		expect(views).toHaveLength(1);
		expect(views[0]).toMatchObject({
			name: 'AF last 90 days',
			pane: 'timeline',
			filter: { countries: ['AF'], since: '90d' },
		});
		await press(one.stdin, 'q');

		const two = await session(store);
		await press(two.stdin, '3', ':', 'af last');
		expect(two.frame()).toMatch(/view\s+AF last 90 days/);
		await press(two.stdin, KEY.enter);
		const f = two.frame();
		expect(f).toContain('view "AF last 90 days"');
		expect(f).toContain('country:AF since:90d');
		expect(f).not.toMatch(/ PK /);
		two.unmount();
	});

	it('saving under a taken name and deleting a view both ask first', async () => {
		const one = await session(bundled().store);
		await press(one.stdin, 's', KEY.ctrlU, 'mine', KEY.enter, 's', KEY.ctrlU, 'mine', KEY.enter);
		expect(one.frame()).toContain('Replace the saved view "mine"? (y/n)');
		await press(one.stdin, 'n');
		expect(one.frame()).toContain('nothing changed');
		// Names differing only in case are the same view.
		await press(one.stdin, 's', KEY.ctrlU, 'MINE', KEY.enter);
		expect(one.frame()).toContain('Replace the saved view "mine"? (y/n)');
		await press(one.stdin, KEY.escape);
		await press(one.stdin, ':', 'delete mine', KEY.enter);
		expect(one.frame()).toContain('Delete the saved view "mine"? (y/n)');
		await press(one.stdin, 'y');
		expect(one.frame()).toContain('view "mine" deleted');
		expect(JSON.parse(readFileSync(join(configDir, 'config.json'), 'utf8')).views).toEqual([]);
		one.unmount();
	});

	it('matches panes, countries, actors, commands and typed commands', () => {
		const { store } = bundled();
		const ctx = {
			data: backendOf(store),
			store,
			resolver: new Resolver(store),
			keymap: DEFAULT_KEYMAP,
			views: [],
			watchlist: [],
		};
		expect(paletteItems('brief AF', ctx)[0]).toMatchObject({ label: 'brief Afghanistan', action: { kind: 'brief' } });
		expect(paletteItems('window 365', ctx)[0]?.action).toEqual({ kind: 'window', days: 365 });
		expect(paletteItems('risk window 30', ctx)[0]?.action).toEqual({ kind: 'window', days: 30 });
		expect(paletteItems('watch haqani', ctx)[0]?.label).toMatch(/^watch Haqqani Network/);
		expect(paletteItems('export incidents', ctx)[0]?.action).toMatchObject({ kind: 'export', what: 'incidents' });
		expect(paletteItems('iskp', ctx).find((i) => i.group === 'actor')?.label).toMatch(/Islamic State Khorasan/);
		expect(paletteItems('pakistan', ctx)[0]).toMatchObject({ group: 'country', label: 'Pakistan (PK)' });
		expect(paletteItems('actors', ctx)[0]).toMatchObject({ group: 'pane', label: 'Actors pane' });
		expect(paletteItems('watch', ctx)[0]?.action).toMatchObject({ kind: 'command', command: 'watch.toggle' });
		expect(paletteItems('brief narnia', ctx)).toEqual([
			expect.objectContaining({
				action: { kind: 'invalid', message: 'brief: nothing matches "narnia" (brief COUNTRY|ACTOR)' },
			}),
		]);
		expect(paletteItems('window 45', ctx)[0]?.action.kind).toBe('invalid');
		expect(paletteItems('window 365', ctx)).toHaveLength(1);
		expect(paletteItems('filter by', ctx)[0]?.action).toMatchObject({ kind: 'command', command: 'timeline.filter' });
		expect(paletteItems('zzzzqqq', ctx)).toEqual([]);
		expect(fuzzyScore('tl', 'Go to Timeline')).toBeDefined();
		expect(fuzzyScore('xq', 'Go to Timeline')).toBeUndefined();
		expect(fuzzyScore('time', 'Go to Timeline') ?? 0).toBeGreaterThan(fuzzyScore('time', 'the minimum entry') ?? 0);
	});

	it('kurram is the place, never Khalil Haqqani through the letters of "Khalil ur Rahman"', () => {
		const { store } = bundled();
		const ctx = {
			data: backendOf(store),
			store,
			resolver: new Resolver(store),
			keymap: DEFAULT_KEYMAP,
			views: [],
			watchlist: [],
		};
		const items = paletteItems('kurram', ctx);
		expect(items[0]).toMatchObject({
			group: 'place',
			label: expect.stringMatching(/^Kurram, PK /),
			action: { kind: 'search', query: 'in:incidents country:PK "Kurram"' },
		});
		expect(items.some((i) => /Khalil/.test(i.label))).toBe(false);
		// A word at a word's start outranks the same letters inside one.
		expect(fuzzyScore('kabul', 'Kabul, AF') ?? 0).toBeGreaterThan(fuzzyScore('kabul', 'New-kabulistan') ?? 0);
		// Long words are never matched as scattered letters; short ones may be (an abbreviation).
		expect(fuzzyScore('kurram', 'Khalil ur Rahman Haqqani')).toBeUndefined();
		expect(fuzzyScore('tl', 'Go to Timeline')).toBeDefined();
		// Scattered letters are offered only when no label holds the word.
		expect(paletteItems('kabul', ctx).every((i) => /kabul/i.test(`${i.group} ${i.label}`))).toBe(true);
	});

	it(':kurram then Enter lists the incidents at Kurram; a word that matches nothing says so', async () => {
		const one = await session(bundled().store);
		await press(one.stdin, ':', 'kurram');
		const rows = one.frame().split('\n');
		const first = rows.findIndex((l) => /place/.test(l));
		expect(rows[first]).toMatch(/Kurram, PK/);
		expect(one.frame()).not.toMatch(/Khalil/);
		await press(one.stdin, KEY.enter);
		expect(one.frame()).toContain('in:incidents country:PK "Kurram"');
		// The search index is built after the first frame: wait for the results, with a deadline.
		await eventually(one.frame).toMatch(/Lower Kurram di.*42 \(42–50\) killed · 2024-11-21/);
		await press(one.stdin, KEY.escape, ':', 'qqzzxv');
		expect(one.frame()).toContain('nothing matches "qqzzxv"');
		one.unmount();
	});

	it('a country opened from Risk at 80x24 says what changed on its first screen: what left the window and what came', async () => {
		const one = await session(bundled().store, { cols: 80, rows: 24 });
		await press(one.stdin, '3', KEY.enter);
		const f = one.frame();
		expect(f).toMatch(/What changed · \d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d scored \d+, this window \d+/);
		expect(f).toMatch(/left \d{4}-\d\d-\d\d [a-z -]+, .* (\d+ killed|toll not reported).* · \+\d/);
		expect(f).toMatch(/new {2}\d{4}-\d\d-\d\d [a-z -]+, .* · \+\d/);
		one.unmount();
	});

	it('runs a typed command from the palette: risk window 365', async () => {
		const one = await session(bundled().store);
		await press(one.stdin, ':', 'window 365', KEY.enter);
		expect(one.frame()).toContain('window: 365 days');
		await press(one.stdin, '\u0010', 'risk pane', KEY.enter);
		expect(one.frame()).toMatch(/Risk/);
		one.unmount();
	});
});

describe('confirmations', () => {
	it('b asks before replacing a brief file that is already there', async () => {
		const { store } = bundled();
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-briefs-'));
		const r = render(<App escapeMs={0} store={store} problems={[]} cols={80} rows={24} briefDir={dir} />);
		await press(r.stdin, '3', 'b');
		const [file] = readdirSync(dir);
		expect(r.lastFrame()).toContain('brief written to ');
		expect(file).toMatch(/^brief-PK-.*\.md$/);
		writeFileSync(join(dir, file ?? ''), 'my notes');
		await press(r.stdin, 'b');
		expect(r.lastFrame()).toContain(`Replace ${file} (it exists)? (y/n)`);
		await press(r.stdin, 'n');
		expect(readFileSync(join(dir, file ?? ''), 'utf8')).toBe('my notes');
		await press(r.stdin, 'b');
		await press(r.stdin, 'y');
		expect(readFileSync(join(dir, file ?? ''), 'utf8')).toMatch(/^# /);
		r.unmount();
	});

	it('Esc goes back one step from every prompt: palette, name prompt, question', async () => {
		const one = await session(bundled().store);
		const home = one.frame();
		await press(one.stdin, ':', 'x', KEY.escape);
		expect(one.frame()).toBe(home);
		await press(one.stdin, 's', KEY.escape);
		expect(one.frame()).toContain('not saved');
		await press(one.stdin, 's', KEY.enter, 's', KEY.enter);
		expect(one.frame()).toContain('(y/n)');
		await press(one.stdin, KEY.escape);
		expect(one.frame()).toContain('nothing changed');
		// Search from the Timeline: Esc leaves the query line, Esc again goes back to the Timeline.
		await press(one.stdin, '/', 'kabul', KEY.escape);
		expect(one.frame()).toMatch(/4 Search/);
		expect(one.frame()).toContain('search›');
		await press(one.stdin, KEY.escape);
		expect(one.frame()).toContain('DATE       CC TYPE');
		one.unmount();
	});
});

describe('copy with OSC 52', () => {
	it('y on an incident writes its line to the terminal as OSC 52 and says it was sent, not that it was copied', async () => {
		const one = await session(bundled().store);
		await press(one.stdin, 'y');
		const osc = one.frames.find((f) => f.startsWith('\u001b]52;c;'));
		expect(osc).toBeDefined();
		const text = Buffer.from(osc?.slice(7, -1) ?? '', 'base64').toString('utf8');
		const newest = bundled().store.incidents[0];
		// The line opens with the incident's dates ("2025-12-23 to 2025-12-24" when it has an end date) and country.
		const when = newest?.endDate ? `${newest.date} to ${newest.endDate}` : newest?.date;
		expect(text.startsWith(`${when} · ${newest?.country}`)).toBe(true);
		expect(osc?.endsWith('\u0007')).toBe(true);
		expect(one.frame()).toContain("sent the incident line to the terminal's clipboard (needs OSC 52 support)");
		one.unmount();
	});

	it('y in an article copies its citation: title, outlet, date', async () => {
		const one = await session(bundled().store);
		await press(one.stdin, '/', 'muzamil', KEY.escape);
		await eventually(one.frame).toMatch(ANSWERED);
		await press(one.stdin, KEY.enter);
		await press(one.stdin, 'y');
		const osc = [...one.frames].reverse().find((f) => f.startsWith('\u001b]52;c;')) ?? '';
		const text = Buffer.from(osc.slice(7, -1), 'base64').toString('utf8');
		expect(text).toMatch(/\. [^.]+, \d{1,2} [A-Z][a-z]+ 20\d\d\.?/);
		expect(text).not.toMatch(/[\u0000-\u001f]/);
		expect(one.frame()).toContain("sent the citation to the terminal's clipboard");
		one.unmount();
	});
});

describe('key overrides', () => {
	it('an override moves an action to another key, and help shows the bindings in force', async () => {
		writeFileSync(join(configDir, 'config.json'), JSON.stringify({ keys: { 'list:nav.down': ['J', 'down'] } }));
		const one = await session(bundled().store, { rows: 40 });
		const before = one.frame();
		await press(one.stdin, 'j');
		expect(one.frame()).toBe(before);
		await press(one.stdin, 'J');
		expect(one.frame()).not.toBe(before);
		await press(one.stdin, '?');
		expect(one.frame()).toMatch(/J ↓\s+Move down/);
		one.unmount();
	});

	it('unknown actions, unknown keys, letters in text fields and clashes are errors, and the defaults stay', () => {
		expect(buildKeymap({ 'nav.dwn': ['x'] }).errors[0]).toMatch(/unknown action "nav.dwn" \(did you mean nav.down\?\)/);
		expect(buildKeymap({ 'nav.down': ['F13'] }).errors[0]).toMatch(/unknown key "F13"/);
		expect(buildKeymap({ 'nav.down': ['x', 'down'] }).errors[0]).toMatch(/"x" is typed as text in Search query line/);
		expect(buildKeymap({ 'app.quit': ['j'] }).errors[0]).toMatch(/"j" would run both/);
		expect(buildKeymap({ 'bogus:app.quit': ['x'] }).errors[0]).toMatch(/unknown scope "bogus"/);
		const bad = buildKeymap({ 'app.quit': ['j'] });
		expect(bad.keymap).toBe(DEFAULT_KEYMAP);
		const ok = buildKeymap({ 'app.quit': ['Q'], 'list:nav.down': ['J'] });
		expect(ok.errors).toEqual([]);
		expect(ok.keymap.lookup(['timeline', 'list', 'global'], 'Q')?.command).toBe('app.quit');
		expect(ok.keymap.lookup(['timeline', 'list', 'global'], 'q')).toBeUndefined();
	});

	it('a bad keys section is reported once at start and sitrep keeps working', async () => {
		writeFileSync(join(configDir, 'config.json'), JSON.stringify({ keys: { 'app.quit': ['j'] }, theme: 'neon' }));
		const one = await session(bundled().store, { cols: 200 });
		const f = one.frame();
		expect(f).toContain('setting "theme" ignored');
		expect(f).toContain('would run both');
		await press(one.stdin, 'j');
		expect(one.frame()).not.toContain('would run both');
		// Gone from the status bar, still listed with the problems.
		await press(one.stdin, '!');
		expect(one.frame()).toContain('Settings: 3 notes from start-up');
		expect(one.frame()).toMatch(/the old settings file is kept as \S+config.json.bad-/);
		expect(one.frame()).toContain('would run both');
		one.unmount();
	});
});
