// Calendar helpers over ISO date strings. Incidents may be dated to the day
// (YYYY-MM-DD) or only to the month (YYYY-MM); filters treat a month-only
// date as the whole month.

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 (UTC) for YYYY-MM-DD; YYYY-MM means the 1st. */
export function dayNumber(date: string): number {
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7) || '1');
	const d = Number(date.slice(8, 10) || '1');
	return Date.UTC(y, m - 1, d) / DAY_MS;
}

export function fromDayNumber(n: number): string {
	return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
	return fromDayNumber(dayNumber(date) + days);
}

/** Last day covered by a date: itself, or the month's last day for YYYY-MM. */
export function lastDay(date: string): string {
	if (date.length >= 10) return date.slice(0, 10);
	const y = Number(date.slice(0, 4));
	const m = Number(date.slice(5, 7));
	return fromDayNumber(Date.UTC(y, m, 0) / DAY_MS);
}

export function firstDay(date: string): string {
	return date.length >= 10 ? date.slice(0, 10) : `${date.slice(0, 7)}-01`;
}

/** Monday of the ISO week holding the date. */
export function weekStart(date: string): string {
	const n = dayNumber(date);
	const weekday = (new Date(n * DAY_MS).getUTCDay() + 6) % 7; // Monday = 0
	return fromDayNumber(n - weekday);
}

export const MONTHS = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December',
];

/** "Dec 2024" (or "December 2024" when long) for a date's YYYY-MM. */
export function monthLabel(date: string, long = false): string {
	const name = MONTHS[Number(date.slice(5, 7)) - 1] ?? '???';
	return `${long ? name : name.slice(0, 3)} ${date.slice(0, 4)}`;
}

/**
 * Parses a user-typed date bound. Accepts YYYY, YYYY-MM, YYYY-MM-DD.
 * `end` chooses the last day of a year or month (for "until").
 */
export function parseDateBound(input: string, end: boolean): string | undefined {
	const s = input.trim();
	// Four-digit years from 1000: string comparison and Date.UTC both hold there.
	if (!/^[1-9]/.test(s)) return undefined;
	let m = /^(\d{4})$/.exec(s);
	if (m) return end ? `${m[1]}-12-31` : `${m[1]}-01-01`;
	m = /^(\d{4})-(\d{1,2})$/.exec(s);
	if (m) {
		const month = Number(m[2]);
		if (month < 1 || month > 12) return undefined;
		const ym = `${m[1]}-${String(month).padStart(2, '0')}`;
		return end ? lastDay(ym) : `${ym}-01`;
	}
	m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
	if (m) {
		const iso = `${m[1]}-${m[2]?.padStart(2, '0')}-${m[3]?.padStart(2, '0')}`;
		return fromDayNumber(dayNumber(iso)) === iso ? iso : undefined;
	}
	return undefined;
}

/**
 * "90d", "12w", "6m", "1y": the first day of that many days, weeks, months or
 * years ending on `anchor` (inclusive), so "90d" is 90 days counting the anchor.
 */
export function relativeSince(spec: string, anchor: string): string | undefined {
	const m = /^(\d{1,4})\s*([dwmy])$/i.exec(spec.trim());
	if (!m) return undefined;
	const n = Number(m[1]);
	const unit = (m[2] ?? 'd').toLowerCase();
	if (n < 1) return undefined;
	const end = lastDay(anchor);
	if (unit === 'd' || unit === 'w') return addDays(end, -(n * (unit === 'w' ? 7 : 1)) + 1);
	const months = unit === 'y' ? n * 12 : n;
	const y = Number(end.slice(0, 4));
	const mo = Number(end.slice(5, 7)) - 1 - months;
	const d = Number(end.slice(8, 10));
	// The day after the same date `months` earlier (clamped to that month's length).
	const last = new Date(Date.UTC(y, mo + 1, 0)).getUTCDate();
	return addDays(fromDayNumber(Date.UTC(y, mo, Math.min(d, last)) / DAY_MS), 1);
}
