// The Timeline's paged list: rows worked out from the counts must be the rows
// a whole list would give — month headings where the month changes, one
// "toll not reported" rule — and every incident where the Backend's order puts
// it, fetched page by page (7 a page here, so the bundled set takes many pages
// and the kept pages are let go and fetched again).
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundled, DATA_DIR } from '../../../../tests/support/helpers.js';
import { backendOf } from '../../../core/backend/memory.js';
import type { Backend } from '../../../core/backend/types.js';
import { killed } from '../../../core/fatalities.js';
import type { Incident } from '../../../core/schema.js';
import { emptyFilter, type TimelineFilter, type TimelineSort } from '../../../core/timeline.js';
import { type Row, timelineList } from './list.js';

const { store } = bundled();
const backends: Record<string, Backend> = { memory: backendOf(store) };
let dir = '';
let close = () => {};

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'sitrep-list-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	const { ensureIndex } = await import('../../../io/store/sqlite/ensure.js');
	const { sqliteBackend } = await import('../../../io/store/sqlite/backend.js');
	const { db } = await ensureIndex(dir);
	backends.sqlite = sqliteBackend(db);
	close = () => db.close();
});

afterAll(() => {
	close();
	if (dir) rmSync(dir, { recursive: true, force: true });
});

/** The rows a whole list gives, built the plain way. */
function plainRows(items: readonly Incident[], sort: TimelineSort): Row[] {
	const rows: Row[] = [];
	if (sort === 'fatalities') {
		const untolled = items.filter((i) => killed(i) === undefined).length;
		items.forEach((_, index) => {
			if (index === items.length - untolled) rows.push({ kind: 'untolled', count: untolled });
			rows.push({ kind: 'incident', index });
		});
		return rows;
	}
	items.forEach((inc, index) => {
		const month = inc.date.slice(0, 7);
		const last = [...rows].reverse().find((r) => r.kind === 'month');
		if (last?.kind !== 'month' || last.month !== month) {
			rows.push({ kind: 'month', month, count: items.filter((i) => i.date.slice(0, 7) === month).length });
		}
		rows.push({ kind: 'incident', index });
	});
	return rows;
}

const cases: [string, TimelineFilter, TimelineSort][] = [
	['all, newest first', emptyFilter, 'date'],
	['all, deadliest first', emptyFilter, 'fatalities'],
	['Pakistan since 2024', { ...emptyFilter, countries: ['PK'], since: '2024-01-01' }, 'date'],
	['not AF, by toll', { ...emptyFilter, notCountries: ['AF'] }, 'fatalities'],
	['nothing', { ...emptyFilter, countries: ['ZZ'] }, 'date'],
];

describe.each(['memory', 'sqlite'])('the Timeline list paged from the %s backend', (kind) => {
	it.each(cases)('%s', (_name, filter, sort) => {
		const data = backends[kind] as Backend;
		const whole = data.incidentPage(filter, sort, 0, 100_000);
		const list = timelineList(data, filter, sort, 7);
		expect(list.total).toBe(whole.total);
		expect(list.untolled).toBe(whole.untolled);
		const expected = plainRows(whole.rows, sort);
		expect(list.rowCount).toBe(expected.length);
		// Read from the end first: pages come and go out of order, as G then scrolling up fetches them.
		const read: (Incident | undefined)[] = [];
		for (let i = whole.total - 1; i >= 0; i--) read[i] = list.at(i);
		expect(read.map((i) => i?.id)).toEqual(whole.rows.map((i) => i.id));
		expect(Array.from({ length: list.rowCount }, (_, r) => list.rowAt(r))).toEqual(expected);
		expected.forEach((row, r) => {
			if (row.kind === 'incident') expect(list.rowOf(row.index)).toBe(r);
		});
		expect(list.rowAt(-1)).toBeUndefined();
		expect(list.rowAt(list.rowCount)).toBeUndefined();
		expect(list.at(whole.total)).toBeUndefined();
		// Where an incident is, whether or not its page was read; -1 for one the filter leaves out.
		const fresh = timelineList(data, filter, sort, 7);
		for (const [i, inc] of whole.rows.entries()) expect(fresh.indexOf(inc.id)).toBe(i);
		const matched = new Set(whole.rows.map((i) => i.id));
		const outside = store.incidents.find((inc) => !matched.has(inc.id));
		if (outside) expect(fresh.indexOf(outside.id)).toBe(-1);
	});
});
