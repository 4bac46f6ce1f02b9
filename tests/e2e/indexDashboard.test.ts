// The dashboard from the built bundle over the SQLite index (SITREP_STORAGE=index;
// `auto` chooses it above 32 MB of records): the index is built before the
// screen is taken, and every pane answers from it — the Timeline's pages and
// filter, an actor's profile, the risk table, a brief, search and the reader.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_DIR } from '../support/helpers.js';
import { Dash } from '../support/ptyRun.js';

const temp = mkdtempSync(join(tmpdir(), 'sitrep-index-dash-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the dashboard over the index', () => {
	it('opens on the index and every pane answers from it', async () => {
		const dir = join(temp, 'data');
		cpSync(DATA_DIR, dir, { recursive: true });
		const incidents = JSON.parse(readFileSync(join(dir, 'incidents.json'), 'utf8'));
		const list = Array.isArray(incidents) ? incidents : incidents.incidents;
		// The new incident's country is watched: its record is marked new when the index is updated.
		const config = join(temp, 'config');
		mkdirSync(config);
		writeFileSync(join(config, 'config.json'), JSON.stringify({ watchlist: [`country:${list[0].country}`] }));
		const d = await Dash.start({
			cols: 100,
			rows: 30,
			args: ['--data', dir],
			env: {
				SITREP_STORAGE: 'index',
				XDG_CACHE_HOME: join(temp, 'cache'),
				NO_COLOR: '1',
				SITREP_CONFIG_DIR: config,
			},
		});
		try {
			await d.firstFrame();
			expect(existsSync(join(dir, '.sitrep', 'index.sqlite'))).toBe(true);
			await d.screenShows('123 incidents · 20 articles · 34 actors');
			// What is new on the watchlist is worked out once the first keys are drawn: nothing yet.
			await d.screenShows('nothing new');
			expect(d.lines().join('\n')).not.toMatch(/Watch:.*●/);
			d.press('1');
			await d.screenShows('all incidents · 123');
			d.press('G');
			await d.screenShows('2021-04-21');
			d.press('fPK\t\r');
			await d.screenShows('country:PK ·');
			d.press('2');
			await d.screenShows('actors');
			d.press('3');
			await d.screenShows('Risk by country');
			// A brief over the index (copied: b would write it into the working directory, the repo).
			d.press('y');
			await d.screenShows("sent the brief to the terminal's clipboard");
			d.press('/khalil');
			await d.screenShows('Khalil Haqqani killed in Kabul');
			d.press('\r');
			await d.screenShows('Search › Khalil Haqqani');
			// A file written while it is open: the index is brought up to date and the panes ask it again.
			const one = { ...list[0], id: 'e2e-live-index-1', date: '2026-01-02', location: 'Liveindexville' };
			delete one.endDate;
			mkdirSync(join(dir, 'incidents'));
			writeFileSync(join(dir, 'incidents', 'new.json'), JSON.stringify([one]));
			await d.screenShows('124 incidents');
			await d.screenShows('updated');
			// The watched country's new incident is marked on the Watch line.
			await d.screenShows('●1');
			d.press('1c');
			await d.screenShows('all incidents · 124');
			await d.screenShows('Liveindexville');
			d.press('q');
			const end = await d.finish();
			expect(end.code).toBe(0);
			// What is new was worked out after the first keys (the ids read in slices), so the way out
			// recorded what was seen, the incident the update brought included.
			const seen = JSON.parse(readFileSync(join(config, 'watch.json'), 'utf8'));
			expect(seen.dirs[resolve(dir)].items[`country:${list[0].country}`].incidents).toContain('e2e-live-index-1');
		} finally {
			await d.finish(1);
		}
	});
});
