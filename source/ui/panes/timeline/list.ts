// The Timeline's list as the Backend serves it: the filter's size, its months
// (from the per-date counts) and pages of incidents fetched as they come into
// view. Rows — month headings, incidents, the "toll not reported" rule — are
// worked out from the counts, so a list of 2.5M incidents costs its months
// and the pages on screen, never every record.
import type { Backend } from '../../../core/backend/types.js';
import type { Incident } from '../../../core/schema.js';
import { isEmptyFilter, type TimelineFilter, type TimelineSort } from '../../../core/timeline.js';

export type Row =
	| { kind: 'month'; month: string; count: number }
	| { kind: 'untolled'; count: number }
	| { kind: 'incident'; index: number };

interface Month {
	month: string;
	count: number;
	/** Index of its first incident, and the row of its heading. */
	start: number;
	row: number;
}

export interface TimelineList {
	readonly filter: TimelineFilter;
	readonly sort: TimelineSort;
	/** Incidents the filter matches. */
	readonly total: number;
	/** Of those, without a toll: by toll they follow one "toll not reported" row. */
	readonly untolled: number;
	/** Headings and incidents together. */
	readonly rowCount: number;
	rowAt(row: number): Row | undefined;
	rowOf(index: number): number;
	/** The incident at `index` (fetching its page when it is not held). */
	at(index: number): Incident | undefined;
	/** Where an incident is in this list, or -1. */
	indexOf(id: string): number;
}

/** Incidents fetched per page; a screen is at most ~60 rows, so a page covers a few screens. */
export const PAGE = 200;
/** Pages kept per list: scrolling back and forth over a few thousand rows fetches nothing again. */
const KEPT_PAGES = 32;

/** First i in [0, n) with pred(i) true, pred monotone; n when none. */
function lowerBound(n: number, pred: (i: number) => boolean): number {
	let lo = 0;
	let hi = n;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (pred(mid)) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

/** Months newest first from per-date counts (oldest first): in date order a month's incidents are contiguous. */
function monthsOf(dates: readonly { date: string; count: number }[]): Month[] {
	const counts = new Map<string, number>();
	for (let i = dates.length - 1; i >= 0; i--) {
		const d = dates[i] as { date: string; count: number };
		const m = d.date.slice(0, 7);
		counts.set(m, (counts.get(m) ?? 0) + d.count);
	}
	const out: Month[] = [];
	let start = 0;
	for (const [month, count] of counts) {
		out.push({ month, count, start, row: start + out.length });
		start += count;
	}
	return out;
}

export function timelineList(
	data: Backend,
	filter: TimelineFilter,
	sort: TimelineSort,
	/** Incidents per fetch (tests page a small set in many pages). */
	pageSize = PAGE,
): TimelineList {
	const head = data.incidentPage(filter, sort, 0, pageSize);
	const { total, untolled } = head;
	const pages = new Map<number, Incident[]>([[0, head.rows]]);
	const ids = new Map<string, number>();
	const months = sort === 'date' && total > 0 ? monthsOf(data.incidentDates(filter)) : [];
	// By toll: every incident is a row, and one rule comes before the first without a toll.
	const rule = sort === 'fatalities' && untolled > 0 ? total - untolled : -1;
	const rowCount = total + (sort === 'date' ? months.length : rule >= 0 ? 1 : 0);
	const page = (p: number): Incident[] => {
		let rows = pages.get(p);
		if (rows) {
			// Most recently used last: the oldest page is the one let go.
			pages.delete(p);
			pages.set(p, rows);
			return rows;
		}
		rows = data.incidentPage(filter, sort, p * pageSize, pageSize).rows;
		pages.set(p, rows);
		if (pages.size > KEPT_PAGES) {
			const oldest = pages.keys().next().value as number;
			if (oldest !== 0) pages.delete(oldest);
		}
		return rows;
	};
	return {
		filter,
		sort,
		total,
		untolled,
		rowCount,
		rowAt(row) {
			if (row < 0 || row >= rowCount) return undefined;
			if (sort === 'fatalities') {
				if (rule < 0 || row < rule) return { kind: 'incident', index: row };
				return row === rule ? { kind: 'untolled', count: untolled } : { kind: 'incident', index: row - 1 };
			}
			const m = months[lowerBound(months.length, (i) => (months[i] as Month).row > row) - 1] as Month;
			return row === m.row
				? { kind: 'month', month: m.month, count: m.count }
				: { kind: 'incident', index: row - m.row - 1 + m.start };
		},
		rowOf(index) {
			if (sort === 'fatalities') return rule >= 0 && index >= rule ? index + 1 : index;
			const before = lowerBound(months.length, (i) => (months[i] as Month).start > index);
			return index + before;
		},
		at(index) {
			if (index < 0 || index >= total) return undefined;
			const inc = page(Math.floor(index / pageSize))[index % pageSize];
			if (inc) ids.set(inc.id, index);
			return inc;
		},
		indexOf(id) {
			const seen = ids.get(id);
			if (seen !== undefined) return seen;
			return total === 0 ? -1 : data.incidentIndex(filter, sort, id);
		},
	};
}

/** Whether the list is the whole data set (no filter). */
export const unfiltered = (l: TimelineList): boolean => isEmptyFilter(l.filter);
