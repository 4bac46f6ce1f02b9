// Feed dates to UTC. Feeds write RFC 822 dates (RSS 2.0) or ISO 8601 / RFC 3339
// (Atom, dc:date), and many write them loosely: two-digit years, no weekday, no
// seconds, a named zone. Parsed by hand rather than with Date.parse, whose
// reading of anything but ISO is up to the engine and which knows no zone
// names beyond the RFC's own.
import { isRealDate } from '../schemaBase.js';

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];

/** 1–12 for a month's name or its first three letters or more ("Dec", "Sept", "December"); 0 when it is none. */
function monthOf(name: string): number {
	const n = name.toLowerCase();
	return n.length < 3 ? 0 : MONTHS.findIndex((m) => m.startsWith(n)) + 1;
}

/**
 * Zone names, as minutes east of UTC. A table, because abbreviations are not
 * unique the world over (IST is India, Ireland and Israel; BST is Britain and
 * Bangladesh; AST is Arabia and the Atlantic) and no list can read them all
 * rightly: this one holds RFC 822's own names and the ones feeds from Central
 * and South Asia and their neighbours write, each with the meaning it has
 * there. Ambiguous names this region does not settle (BST, AST, GST) are left
 * out, so their dates read as "no date" rather than hours off.
 */
const ZONES: Readonly<Record<string, number>> = {
	// RFC 822 §5.1.
	UT: 0,
	UTC: 0,
	GMT: 0,
	Z: 0,
	EST: -300,
	EDT: -240,
	CST: -360,
	CDT: -300,
	MST: -420,
	MDT: -360,
	PST: -480,
	PDT: -420,
	// The region's.
	PKT: 300, // Pakistan
	IRST: 210, // Iran
	IRDT: 270, // Iran's summer time, until Iran dropped it in 2022
	AFT: 270, // Afghanistan
	IST: 330, // India (feeds from this region mean India)
	NPT: 345, // Nepal
	UZT: 300, // Uzbekistan
	TJT: 300, // Tajikistan
	TMT: 300, // Turkmenistan
	KGT: 360, // Kyrgyzstan
	MSK: 180, // Moscow
	// Europe's, for the wire services that write them.
	CET: 60,
	CEST: 120,
	EET: 120,
	EEST: 180,
};

/** Almaty moved from UTC+6 to UTC+5 when Kazakhstan took one time zone on 2024-03-01. */
const ALMT_CHANGE = '2024-03-01';

/** RFC 2822 §4.3: the military letters' signs were given backwards in RFC 822, so they mean UTC unless known otherwise. */
const MILITARY = /^[A-IK-Y]$/;

/** Minutes east of UTC for a zone as written, on a local date (ALMT changed); undefined when the zone is not known. */
function zoneOffset(zone: string | undefined, localDay: string): number | undefined {
	if (zone === undefined || zone === '') return 0;
	const numeric = /^(?:GMT|UTC|UT)?([+-])(\d{2})(?::?(\d{2}))?$/i.exec(zone);
	if (numeric) {
		const h = Number(numeric[2]);
		const m = Number(numeric[3] ?? 0);
		if (h > 23 || m > 59) return undefined;
		return (numeric[1] === '-' ? -1 : 1) * (h * 60 + m);
	}
	const name = zone.toUpperCase();
	if (name === 'ALMT') return localDay >= ALMT_CHANGE ? 300 : 360;
	if (MILITARY.test(name)) return 0;
	return ZONES[name];
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A local time and its offset as a UTC ISO string; undefined when a field is out of range. */
function toUtc(
	y: number,
	mo: number,
	d: number,
	h: number,
	mi: number,
	s: number,
	zone: string | undefined,
): string | undefined {
	const localDay = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
	if (!isRealDate(localDay) || h > 23 || mi > 59 || s > 60) return undefined;
	const offset = zoneOffset(zone, localDay);
	if (offset === undefined) return undefined;
	// A leap second (:60) is the next second's moment, near enough for an incident's date.
	const ms = Date.UTC(y, mo - 1, d, h, mi, s) - offset * 60_000;
	const iso = new Date(ms).toISOString();
	return /^\d{4}-/.test(iso) ? `${iso.slice(0, 19)}Z` : undefined;
}

// ISO 8601 / RFC 3339: date, or date and time with an optional fraction and offset.
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?)?$/;

// RFC 822 / 1123 and what feeds make of it: "Sat, 07 Dec 2026 14:05:00 +0500", "7 December 26 14:05 PKT".
const RFC822 =
	/^(?:[a-z]{3,9}\.?(?:,\s*|\s+))?(\d{1,2})[\s-]+([a-z]{3,9})\.?[\s-]+(\d{2,4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?(?:\s*([a-z]{1,5}|(?:GMT|UTC|UT)?[+-]\d{2}:?\d{2}))?$/i;

/** A year as written: RFC 2822 §4.3 reads 00–49 as 2000s, 50–99 as 1900s, and three digits as 1900 + n. */
function fullYear(raw: string): number {
	const n = Number(raw);
	if (raw.length === 2) return n < 50 ? 2000 + n : 1900 + n;
	if (raw.length === 3) return 1900 + n;
	return n;
}

/**
 * A feed's date as a UTC ISO string with its time ("2026-12-07T09:30:00Z");
 * undefined when it cannot be read (the caller records "no date"). A date
 * with no time is midnight UTC; a time with no zone is read as UTC.
 */
export function parseFeedDate(raw: string): string | undefined {
	// RFC 822 allows comments in parentheses: "+0500 (PKT)".
	const s = raw
		.replace(/\([^)]*\)/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	if (!s || s.length > 80) return undefined;
	const iso = ISO.exec(s);
	if (iso) {
		const [, y, mo, d, h, mi, sec, zone] = iso;
		return toUtc(Number(y), Number(mo), Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0), zone);
	}
	const rfc = RFC822.exec(s);
	if (rfc) {
		const [, d, monthName, y, h, mi, sec, zone] = rfc;
		const month = monthOf(monthName ?? '');
		if (month === 0) return undefined;
		return toUtc(fullYear(y ?? ''), month, Number(d), Number(h ?? 0), Number(mi ?? 0), Number(sec ?? 0), zone);
	}
	return undefined;
}
