// The Timeline pane's reducer, table-driven: moving over month headings,
// the filter bar, and how the pane is kept in a saved view.
import { describe, expect, it } from 'vitest';
import { bundled } from '../../../../tests/support/helpers.js';
import { backendOf } from '../../../core/backend/memory.js';
import { killed } from '../../../core/fatalities.js';
import { Resolver } from '../../../core/resolve.js';
import { riskWindow } from '../../../core/risk.js';
import type { SavedView } from '../../../io/settings/config.js';
import type { Command } from '../../keymap.js';
import type { PaneCtx } from '../pane.js';
import { timelinePane } from './index.js';
import { listHeight, type TimelineState } from './state.js';

const { store, problems } = bundled();
const env = { data: backendOf(store), store, resolver: new Resolver(store), problems };
/** Every incident of the list, and every row, read as the view reads them. */
function defined<T>(x: T | undefined, what: string): T {
	if (x === undefined) throw new Error(`the list has no ${what}`);
	return x;
}
const itemsOf = (s: TimelineState) =>
	Array.from({ length: s.list.total }, (_, i) => defined(s.list.at(i), `incident at ${i}`));
const rowsOf = (s: TimelineState) =>
	Array.from({ length: s.list.rowCount }, (_, r) => defined(s.list.rowAt(r), `row ${r}`));
const ctx = (height = 20): PaneCtx => ({ env, window: riskWindow(store, { days: 90 }), height });
const run = (s: TimelineState, cmds: readonly Command[], height = 20) =>
	cmds.reduce((t, c) => timelinePane.command(t, c, ctx(height)), s);
const fresh = () => timelinePane.init(env, ctx().window);
const typed = (s: TimelineState, text: string) => timelinePane.type(s, text, ctx());

describe('the Timeline pane reducer', () => {
	it.each([
		['j', ['nav.down'], 1],
		['j j k', ['nav.down', 'nav.down', 'nav.up'], 1],
		['k at the top', ['nav.up'], 0],
		['G', ['nav.bottom'], store.incidents.length - 1],
		['G g', ['nav.bottom', 'nav.top'], 0],
		['PgDn (a page less two rows of context)', ['nav.pageDown'], 16],
		['PgDn PgUp', ['nav.pageDown', 'nav.pageUp'], 0],
	] as const)('%s', (_keys, cmds, cursor) => {
		expect(run(fresh(), cmds).cursor).toBe(cursor);
	});

	it('keeps the selected row, and its month heading when it can, inside the window', () => {
		for (const height of [5, 8, 13]) {
			let s = fresh();
			for (let i = 0; i < store.incidents.length; i++) {
				s = run(s, ['nav.down'], height);
				const row = s.list.rowOf(s.cursor);
				const rows = listHeight(s, height);
				expect(row).toBeGreaterThanOrEqual(s.top);
				expect(row).toBeLessThan(s.top + rows);
			}
			// Back up to a month's first incident: its heading comes into view with it.
			s = run(s, ['nav.top'], height);
			expect(s.top).toBe(0);
			expect(rowsOf(s)[s.top]?.kind).toBe('month');
		}
	});

	it('f opens the filter bar; typing, Tab and Enter filter; the selected incident stays selected', () => {
		let s = run(fresh(), ['nav.down']);
		const selected = itemsOf(s)[s.cursor]?.id;
		s = run(s, ['timeline.filter']);
		expect(s.form).not.toBeNull();
		expect(timelinePane.scopes(s)).toEqual(['form']);
		s = typed(s, 'pak');
		s = run(s, ['form.complete']);
		expect(s.form?.values.country).toMatch(/^PK/);
		s = run(s, ['form.apply']);
		expect(s.form).toBeNull();
		expect(itemsOf(s).length).toBeGreaterThan(0);
		expect(itemsOf(s).every((i) => i.country === 'PK')).toBe(true);
		const inc = store.incidentById.get(selected ?? '');
		if (inc?.country === 'PK') expect(itemsOf(s)[s.cursor]?.id).toBe(selected);
		expect(itemsOf(run(s, ['timeline.clear']))).toEqual(store.incidents);
	});

	it('Esc in the bar keeps the filter in force; a bad value keeps the bar open with the error', () => {
		const s = run(typed(run(fresh(), ['timeline.filter']), 'Narnia'), ['form.apply']);
		expect(s.form?.errors[0]?.message).toMatch(/Narnia/);
		expect(itemsOf(run(s, ['form.cancel']))).toEqual(store.incidents);
	});

	it('a saved view keeps a relative since relative, and restores the filter, then the selection', () => {
		let s = run(typed(run(fresh(), ['timeline.filter', 'form.nextField', 'form.nextField', 'form.nextField']), '90d'), [
			'form.apply',
		]);
		expect(s.filter.sinceRel).toBe('90d');
		const part = timelinePane.save(s);
		expect(part.filter?.since).toBe('90d');
		const view = { name: 'v', pane: 'timeline', days: 90, savedAt: '', ...part } as SavedView;
		const back = timelinePane.restore(fresh(), view, ctx());
		expect(back.notes).toEqual([]);
		expect(itemsOf(back.state).map((i) => i.id)).toEqual(itemsOf(s).map((i) => i.id));
		const last = itemsOf(back.state).at(-1)?.id ?? '';
		s = timelinePane.select(back.state, last, ctx());
		expect(timelinePane.selected(s)).toEqual({ kind: 'incident', id: last });
		expect(timelinePane.nameHint(s, env)).toEqual(['last 90d']);
	});
});

describe('the Timeline sorted by toll', () => {
	const counted = (s: TimelineState) => itemsOf(s).map((i) => killed(i));

	it('o lists the deadliest first, those without a toll last after their separator, and o again goes back', () => {
		const s = run(fresh(), ['nav.down', 'timeline.sort']);
		expect(s.sort).toBe('fatalities');
		expect(s.cursor).toBe(0);
		const tolls = counted(s);
		const firstNone = tolls.indexOf(undefined);
		expect(firstNone).toBeGreaterThan(0);
		expect(tolls.slice(firstNone).every((n) => n === undefined)).toBe(true);
		const known = tolls.slice(0, firstNone) as number[];
		expect(known).toEqual([...known].sort((a, b) => b - a));
		const sep = rowsOf(s).findIndex((r) => r.kind === 'untolled');
		expect(rowsOf(s)[sep]).toEqual({ kind: 'untolled', count: tolls.length - firstNone });
		expect(s.list.rowOf(firstNone)).toBe(sep + 1);
		expect(rowsOf(s).some((r) => r.kind === 'month')).toBe(false);
		const picked = run(s, ['nav.down', 'nav.down']);
		const id = itemsOf(picked)[picked.cursor]?.id;
		const back = run(picked, ['timeline.sort']);
		expect(back.sort).toBe('date');
		expect(itemsOf(back)).toEqual(store.incidents);
		expect(itemsOf(back)[back.cursor]?.id).toBe(id);
	});

	it('the sort outlives a new filter and a clear, and a saved view keeps it', () => {
		let s = run(typed(run(fresh(), ['timeline.sort', 'timeline.filter']), 'AF'), ['form.apply']);
		expect(s.sort).toBe('fatalities');
		expect(itemsOf(s).every((i) => i.country === 'AF')).toBe(true);
		const part = timelinePane.save(s);
		expect(part.sort).toBe('fatalities');
		expect(timelinePane.save(fresh()).sort).toBeUndefined();
		const view = { name: 'v', pane: 'timeline', days: 90, savedAt: '', ...part } as SavedView;
		const back = timelinePane.restore(fresh(), view, ctx()).state;
		expect(back.sort).toBe('fatalities');
		expect(itemsOf(back).map((i) => i.id)).toEqual(itemsOf(s).map((i) => i.id));
		s = run(s, ['timeline.clear']);
		expect(s.sort).toBe('fatalities');
		expect(itemsOf(s).length).toBe(store.incidents.length);
	});

	it('-AF,-PK in the country field leaves both out; Tab completes a left-out value keeping its minus', () => {
		let s = typed(run(fresh(), ['timeline.filter']), '-afgh');
		s = run(s, ['form.complete']);
		expect(s.form?.values.country).toBe('-AF');
		s = typed(s, ', -pakis');
		s = run(s, ['form.complete']);
		expect(s.form?.values.country).toBe('-AF, -PK');
		s = run(s, ['form.apply']);
		expect(s.filter.notCountries).toEqual(['AF', 'PK']);
		expect(itemsOf(s).length).toBeGreaterThan(0);
		expect(itemsOf(s).some((i) => i.country === 'AF' || i.country === 'PK')).toBe(false);
		// The bar opens again on what was typed, and a saved view keeps the exclusion.
		expect(run(s, ['timeline.filter']).form?.values.country).toBe('-AF, -PK');
		const part = timelinePane.save(s);
		expect(part.filter?.countries).toEqual(['-AF', '-PK']);
		const view = { name: 'v', pane: 'timeline', days: 90, savedAt: '', ...part } as SavedView;
		const back = timelinePane.restore(fresh(), view, ctx());
		expect(back.notes).toEqual([]);
		expect(itemsOf(back.state).map((i) => i.id)).toEqual(itemsOf(s).map((i) => i.id));
		expect(timelinePane.nameHint(s, env)).toEqual(['not AF, PK']);
	});

	it('a year typed in the country field is the period; ctrl-o applies it deadliest first', () => {
		const s = run(typed(run(fresh(), ['timeline.filter']), '2024'), ['form.applyByToll']);
		expect(s.form).toBeNull();
		expect(s.filter).toMatchObject({ countries: [], since: '2024-01-01', until: '2024-12-31' });
		expect(s.sort).toBe('fatalities');
		expect(itemsOf(s)[0]?.location).toMatch(/^Crocus City Hall/);
		const both = run(typed(run(fresh(), ['timeline.filter']), 'AF, 2024'), ['form.apply']);
		expect(both.sort).toBe('date');
		expect(both.filter).toMatchObject({ countries: ['AF'], since: '2024-01-01', until: '2024-12-31' });
	});
});
