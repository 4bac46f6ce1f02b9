// The dashboard kept current: the App is given a new store the way run.tsx
// gives it one after a reload (the same App, rerendered, with the reload's
// records), and must show the new records marked ●, say "N new · updated
// HH:MM", and keep what the analyst is looking at: the selected record (by
// id), the open view and its scroll, the filter, the search query.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../source/core/problems.js';
import type { Article, Incident } from '../../source/core/schema.js';
import { buildStore, type Store } from '../../source/core/store.js';
import { clockTime } from '../../source/core/watch.js';
import { App, type LiveStatus } from '../../source/ui/app/App.js';
import { ANSWERED, bundled, eventually, KEY, press, render } from '../support/helpers.js';
import { synthArticles } from '../support/synth.js';

const AT = new Date(2026, 0, 15, 14, 5);
const none = { incidents: [], articles: [] };
const touched = (kinds: Partial<Record<'incidents' | 'articles' | 'actors' | 'countries', boolean>>) => ({
	incidents: false,
	articles: false,
	actors: false,
	countries: false,
	...kinds,
});

function withRecords(base: Store, incidents: Incident[], articles: Article[], drop: string[] = []): Store {
	return buildStore(base.dir, {
		incidents: [...base.incidents.filter((i) => !drop.includes(i.id)), ...incidents],
		articles: [...base.articles.filter((a) => !drop.includes(a.id)), ...articles],
		actors: base.actors,
		countries: base.countries,
	});
}

function start(pane?: 'search') {
	const { store, problems } = bundled();
	const app = (s: Store, p: readonly Problem[], live?: LiveStatus) => (
		<App
			escapeMs={0}
			store={s}
			problems={p}
			cols={100}
			rows={30}
			{...(pane ? { pane } : {})}
			{...(live ? { live } : {})}
		/>
	);
	const r = render(app(store, problems));
	const frame = () => r.lastFrame() ?? '';
	let seq = 0;
	/** As run.tsx does after a reload: the new store and the reload's records. */
	const reload = async (
		next: Store,
		live: Omit<LiveStatus, 'merge'>,
		merge: Omit<NonNullable<LiveStatus['merge']>, 'seq'>,
	) => {
		seq++;
		r.rerender(app(next, problems, { ...live, merge: { seq, ...merge } }));
		await press(r.stdin);
	};
	return { r, frame, store, reload };
}

/** An incident newer than any in the bundled data, so it heads the Timeline. */
function newIncident(base: Store, id: string): Incident {
	const model = base.incidents[0] as Incident;
	return { ...model, id, date: '2026-01-14', description: 'A live test incident', location: 'Livetown' };
}

const selected = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('live dashboard', () => {
	it('a new incident: shown with ●, counted in the status line, the cursor still on its incident', async () => {
		const app = start();
		await press(app.r.stdin, 'j', 'j', 'j');
		const before = selected(app.frame());
		expect(before).not.toBe('');
		const next = withRecords(app.store, [newIncident(app.store, 'live-1')], []);
		await app.reload(
			next,
			{ arrived: 1, updatedAt: AT },
			{ added: { incidents: ['live-1'], articles: [] }, removed: none, changed: touched({ incidents: true }) },
		);
		const f = app.frame();
		expect(f).toMatch(/● *2026-01-14/);
		expect(f).toContain(`1 new · updated ${clockTime(AT)}`);
		expect(f).toContain(`${next.incidents.length} incidents`);
		// The same record under the cursor; the list scrolled as it was, so the new row shows above it.
		expect(selected(f)).toBe(before);
		// Looked at, the mark goes.
		await press(app.r.stdin, 'g');
		expect(app.frame()).not.toMatch(/● *2026-01-14/);
		app.r.unmount();
	});

	it('an open view of a record still there stays open and where it was scrolled; one removed closes', async () => {
		const app = start();
		await press(app.r.stdin, 'j', KEY.enter, KEY.pageDown);
		const path = app.frame().split('\n')[1] ?? '';
		expect(path).toContain('Timeline ›');
		// The view's lines on screen (all but the status and hint lines).
		const view = (f: string) => f.split('\n').slice(1, -2);
		const shown = view(app.frame());
		const first = app.store.incidents[1] as Incident;
		const next = withRecords(app.store, [newIncident(app.store, 'live-2')], []);
		await app.reload(
			next,
			{ arrived: 1, updatedAt: AT },
			{ added: { incidents: ['live-2'], articles: [] }, removed: none, changed: touched({ incidents: true }) },
		);
		expect(view(app.frame())).toEqual(shown);
		const gone = withRecords(next, [], [], [first.id]);
		await app.reload(
			gone,
			{ arrived: 1, updatedAt: AT },
			{ added: none, removed: { incidents: [first.id], articles: [] }, changed: touched({ incidents: true }) },
		);
		expect(app.frame().split('\n')[1]).not.toContain('Timeline ›');
		expect(app.frame()).not.toContain(first.id);
		app.r.unmount();
	});

	it('the filter stays in force over the new records', async () => {
		const app = start();
		await press(app.r.stdin, 'f', 'TJ', KEY.enter);
		const line =
			app
				.frame()
				.split('\n')
				.find((l) => l.includes('country:TJ')) ?? '';
		expect(line).not.toBe('');
		const inAf = { ...newIncident(app.store, 'live-af'), country: 'AF' };
		const inTj = { ...newIncident(app.store, 'live-tj'), country: 'TJ' };
		await app.reload(
			withRecords(app.store, [inAf, inTj], []),
			{ arrived: 2, updatedAt: AT },
			{
				added: { incidents: ['live-af', 'live-tj'], articles: [] },
				removed: none,
				changed: touched({ incidents: true }),
			},
		);
		const f = app.frame();
		expect(f).toContain('country:TJ');
		expect(f.match(/2026-01-14/g)?.length).toBe(1);
		app.r.unmount();
	});

	it('new articles in the Search pane: the query searched again, no "indexing" meanwhile, the new one marked', async () => {
		const app = start('search');
		await press(app.r.stdin, '/', 'livetown');
		await eventually(app.frame).toMatch(ANSWERED);
		expect(app.frame()).toContain('0 matches');
		const art = {
			...(synthArticles(1, 5)[0] as Article),
			id: 'live-art',
			title: 'Market reopens in Livetown',
			published: '2026-01-14',
		};
		await app.reload(
			withRecords(app.store, [], [art]),
			{ arrived: 1, updatedAt: AT },
			{ added: { incidents: [], articles: ['live-art'] }, removed: none, changed: touched({ articles: true }) },
		);
		expect(app.frame()).not.toMatch(/indexing/);
		await eventually(app.frame).toContain('● Market reopens in Livetown');
		expect(app.frame()).toContain('1 new · updated');
		app.r.unmount();
	});

	it('says what keeps the data from being current', async () => {
		const { store, problems } = bundled();
		const r = render(
			<App
				escapeMs={0}
				store={store}
				problems={problems}
				cols={100}
				rows={30}
				live={{ arrived: 0, warning: 'data directory missing: showing what was loaded' }}
			/>,
		);
		expect(r.lastFrame()).toContain('data directory missing: showing what was loaded');
		r.unmount();
	});
});
