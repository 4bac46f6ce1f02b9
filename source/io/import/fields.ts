// Cell parsers shared by the ACLED and UCDP mappings. Each returns a value
// or throws a RowError whose message becomes the row's skip reason.
import { MONTHS } from '../../core/dates.js';
import { sanitizeLine, sanitizeText } from '../../core/sanitize.js';

export class RowError extends Error {}

const MONTH_BY_NAME = new Map<string, number>();
MONTHS.forEach((m, i) => {
	MONTH_BY_NAME.set(m.toLowerCase(), i + 1);
	MONTH_BY_NAME.set(m.slice(0, 3).toLowerCase(), i + 1);
});
MONTH_BY_NAME.set('sept', 9);

function pad(n: number): string {
	return String(n).padStart(2, '0');
}

function real(y: number, m: number, d: number): boolean {
	const dt = new Date(Date.UTC(y, m - 1, d));
	return y >= 1000 && dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * An event date as the data sets write it: "2020-03-21", "2020-03-21 00:00:00.000", "21 March 2020",
 * "21-Mar-2020", "05/20/1990 00:00:00" (UCDP's month-first form) -> YYYY-MM-DD.
 */
export function parseEventDate(cell: string | undefined, column: string): string {
	const s = (cell ?? '').trim();
	if (!s) throw new RowError(`${column} is empty`);
	let y: number | undefined;
	let m: number | undefined;
	let d: number | undefined;
	const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
	const named = /^(\d{1,2})[ -]([A-Za-z]+)\.?[ -](\d{4})$/.exec(s);
	const monthFirst = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: [\d:.]+)?$/.exec(s);
	if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
	else if (named) [d, m, y] = [Number(named[1]), MONTH_BY_NAME.get((named[2] ?? '').toLowerCase()), Number(named[3])];
	else if (monthFirst) [m, d, y] = [Number(monthFirst[1]), Number(monthFirst[2]), Number(monthFirst[3])];
	if (y === undefined || m === undefined || d === undefined || !real(y, m, d)) {
		throw new RowError(
			`${column} "${s}" is not a date (expected 2020-03-21, "21 March 2020" or 03/21/2020; a real calendar day)`,
		);
	}
	return `${y}-${pad(m)}-${pad(d)}`;
}

/** A whole number ≥ 0 (fatalities), or undefined for an empty cell. */
export function parseCount(cell: string | undefined, column: string): number | undefined {
	const s = (cell ?? '').trim();
	if (s === '') return undefined;
	if (!/^\d+(\.0+)?$/.test(s)) throw new RowError(`${column} "${s}" is not a whole number ≥ 0`);
	const n = Number(s);
	if (!Number.isSafeInteger(n)) throw new RowError(`${column} "${s}" is too large`);
	return n;
}

/** A coordinate within ±limit, or undefined for an empty cell. */
export function parseCoordinate(cell: string | undefined, column: string, limit: number): number | undefined {
	const s = (cell ?? '').trim();
	if (s === '') return undefined;
	const n = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(s) ? Number(s) : Number.NaN;
	if (!Number.isFinite(n) || Math.abs(n) > limit) {
		throw new RowError(`${column} "${s}" is not a coordinate between -${limit} and ${limit}`);
	}
	return n;
}

/** A cell's text, trimmed, with runs of spaces collapsed; undefined when empty. */
export function textCell(cell: string | undefined): string | undefined {
	const s = (cell ?? '').replace(/\r\n?/g, '\n').trim();
	return s === '' ? undefined : s;
}

/** "a; b; c" (ACLED's multi-value cells) -> ["a", "b", "c"]. */
export function splitList(cell: string | undefined): string[] {
	return (cell ?? '')
		.split(';')
		.map((s) => s.trim())
		.filter(Boolean);
}

/** Fields whose line breaks are kept (as the loader keeps them); every other string is one line. */
const MULTILINE = new Set(['body', 'description', 'summary', 'notes', 'cited']);

/**
 * Sanitizes every string of a record in place, exactly as the loader does when
 * it reads the data: escape sequences and control characters go, one-line
 * fields get single spaces. What is written is then what is loaded, so a
 * re-import or an export -> import finds the record unchanged. True when
 * anything changed.
 */
export function cleanRecord(record: Record<string, unknown> | unknown[], multiline = false): boolean {
	let changed = false;
	const entries: [string | number, unknown][] = Array.isArray(record)
		? record.map((v, i) => [i, v])
		: Object.entries(record);
	for (const [k, v] of entries) {
		const ml = multiline || (typeof k === 'string' && MULTILINE.has(k));
		if (typeof v === 'string') {
			const clean = ml ? sanitizeText(v) : sanitizeLine(v);
			if (clean !== v) {
				(record as Record<string | number, unknown>)[k] = clean;
				changed = true;
			}
		} else if (v !== null && typeof v === 'object' && cleanRecord(v as Record<string, unknown>, ml)) changed = true;
	}
	return changed;
}
