// GDELT 2.0 Events: its 15-minute exports read into events, its file lists
// (lastupdate.txt, masterfilelist.txt) into addresses, and an event into an
// incident record. GDELT codes events by software from news text, so its
// incidents carry machineCoded: true and, unless asked, count in no risk score.
import { describeValue } from '../problems.js';
import { sanitizeLine } from '../sanitize.js';
import { isRealDate } from '../schemaBase.js';
import { plural } from '../words.js';
import { cameoType } from './cameo.js';
import { FIPS_TO_ISO } from './fips.js';
import { COL, GDELT_COLUMNS, type GdeltColumn } from './gdeltColumns.js';

export { FIPS_TO_ISO } from './fips.js';
export { GDELT_COLUMNS } from './gdeltColumns.js';

/** CAMEO 18 (assault), 19 (fight), 20 (unconventional mass violence): what a security incident can be. */
export const DEFAULT_ROOT_CODES: readonly string[] = ['18', '19', '20'];

export const GDELT_DATASET = 'GDELT 2.0 Events';

export interface GdeltEvent {
	/** GLOBALEVENTID. */
	id: string;
	/** SQLDATE as YYYY-MM-DD. */
	day: string;
	/** DATEADDED as a UTC ISO string: when GDELT added the event. */
	added?: string;
	rootCode: string;
	eventCode: string;
	actor1?: string;
	actor2?: string;
	actor1Code?: string;
	actor2Code?: string;
	/** The actors' CAMEO country codes (three letters: PAK, IND). */
	actor1Country?: string;
	actor2Country?: string;
	/** Where it happened (ActionGeo): FIPS 10-4 country, full name, ADM1 code. */
	fips?: string;
	place?: string;
	adm1?: string;
	/** ActionGeo_Type: 1 country, 2 US state, 3 US city, 4 world city, 5 world state (ADM1). */
	geoType?: number;
	lat?: number;
	lon?: number;
	featureId?: string;
	mentions: number;
	sources: number;
	articles: number;
	goldstein?: number;
	/** The event is the one the article's lead is about (IsRootEvent), not one mentioned in passing. */
	isRoot: boolean;
	url?: string;
}

const text = (s: string | undefined): string | undefined => {
	const t = s?.trim();
	return t ? t : undefined;
};

function finite(s: string | undefined, limit: number): number | undefined {
	const t = s?.trim();
	if (!t) return undefined;
	const n = Number(t);
	return Number.isFinite(n) && Math.abs(n) <= limit ? n : undefined;
}

function httpUrl(raw: string | undefined): string | undefined {
	const s = text(raw);
	if (!s) return undefined;
	try {
		const u = new URL(s);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
	} catch {
		return undefined;
	}
}

/** YYYYMMDDHHMMSS as a UTC ISO string. */
function stamp(raw: string | undefined): string | undefined {
	const m = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(raw?.trim() ?? '');
	if (!m) return undefined;
	const [, y, mo, d, h, mi, s] = m;
	if (!isRealDate(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) return undefined;
	return `${y}-${mo}-${d}T${h}:${mi}:${s}Z`;
}

type Row = readonly string[];
const cell = (row: Row, name: GdeltColumn) => row[COL[name]];

/** One row as an event, or why it is not one. */
function eventOf(row: Row): GdeltEvent | { reason: string } {
	const id = cell(row, 'GLOBALEVENTID')?.trim() ?? '';
	if (!/^\d{1,20}$/.test(id)) return { reason: `GLOBALEVENTID ${describeValue(id)} is not a number` };
	const sqlDate = cell(row, 'SQLDATE')?.trim() ?? '';
	const day = /^\d{8}$/.test(sqlDate) ? `${sqlDate.slice(0, 4)}-${sqlDate.slice(4, 6)}-${sqlDate.slice(6, 8)}` : '';
	if (!isRealDate(day)) return { reason: `SQLDATE ${describeValue(sqlDate)} is not a date YYYYMMDD` };
	const rootCode = cell(row, 'EventRootCode')?.trim() ?? '';
	const eventCode = cell(row, 'EventCode')?.trim() ?? '';
	if (!/^\d{2}$/.test(rootCode)) return { reason: `EventRootCode ${describeValue(rootCode)} is not a CAMEO root code` };
	// A code outside its root is a row whose columns have slipped.
	if (!/^\d{2,4}$/.test(eventCode) || !eventCode.startsWith(rootCode)) {
		return { reason: `EventCode ${describeValue(eventCode)} is not a CAMEO code under root ${rootCode}` };
	}
	const counts: number[] = [];
	for (const name of ['NumMentions', 'NumSources', 'NumArticles'] as const) {
		const raw = cell(row, name)?.trim() ?? '';
		if (!/^\d{1,9}$/.test(raw)) return { reason: `${name} ${describeValue(raw)} is not a whole number` };
		counts.push(Number(raw));
	}
	const isRoot = cell(row, 'IsRootEvent')?.trim();
	if (isRoot !== '0' && isRoot !== '1') return { reason: `IsRootEvent ${describeValue(isRoot ?? '')} is not 0 or 1` };
	const lat = finite(cell(row, 'ActionGeo_Lat'), 90);
	const lon = finite(cell(row, 'ActionGeo_Long'), 180);
	const geoType = Number(cell(row, 'ActionGeo_Type'));
	const ev: GdeltEvent = {
		id,
		day,
		added: stamp(cell(row, 'DATEADDED')),
		rootCode,
		eventCode,
		actor1: text(cell(row, 'Actor1Name')),
		actor2: text(cell(row, 'Actor2Name')),
		actor1Code: text(cell(row, 'Actor1Code')),
		actor2Code: text(cell(row, 'Actor2Code')),
		actor1Country: text(cell(row, 'Actor1CountryCode')),
		actor2Country: text(cell(row, 'Actor2CountryCode')),
		fips: text(cell(row, 'ActionGeo_CountryCode')),
		place: text(cell(row, 'ActionGeo_FullName')),
		adm1: text(cell(row, 'ActionGeo_ADM1Code')),
		geoType: Number.isInteger(geoType) && geoType >= 1 && geoType <= 5 ? geoType : undefined,
		// A point needs both halves.
		...(lat !== undefined && lon !== undefined ? { lat, lon } : {}),
		featureId: text(cell(row, 'ActionGeo_FeatureID')),
		mentions: counts[0] as number,
		sources: counts[1] as number,
		articles: counts[2] as number,
		goldstein: finite(cell(row, 'GoldsteinScale'), 10),
		isRoot: isRoot === '1',
		url: httpUrl(cell(row, 'SOURCEURL')),
	};
	for (const k of Object.keys(ev) as (keyof GdeltEvent)[]) if (ev[k] === undefined) delete ev[k];
	return ev;
}

/**
 * The events of an export (one tab-separated file, no header). A row that is
 * not an event (columns missing or slipped, a bad id, date or count) is
 * skipped with its line number and why; nothing is thrown for a bad row.
 */
export function parseGdeltExport(tsv: string): { events: GdeltEvent[]; skipped: { line: number; reason: string }[] } {
	const events: GdeltEvent[] = [];
	const skipped: { line: number; reason: string }[] = [];
	const lines = tsv.replace(/^\uFEFF/, '').split(/\r?\n/);
	lines.forEach((line, i) => {
		if (line.trim() === '') return;
		const row = line.split('\t');
		if (row.length !== GDELT_COLUMNS.length) {
			skipped.push({
				line: i + 1,
				reason: `expected ${GDELT_COLUMNS.length} tab-separated columns, found ${row.length}`,
			});
			return;
		}
		const ev = eventOf(row);
		if ('reason' in ev) skipped.push({ line: i + 1, reason: ev.reason });
		else events.push(ev);
	});
	return { events, skipped };
}

/** lastupdate.txt and masterfilelist.txt: "SIZE MD5 URL" a line; a line that is not one is left out. */
export function parseGdeltIndex(text: string): { size: number; md5: string; url: string }[] {
	const out: { size: number; md5: string; url: string }[] = [];
	for (const line of text.split(/\r?\n/)) {
		const parts = line.trim().split(/\s+/);
		if (parts.length !== 3) continue;
		const [size, md5, url] = parts as [string, string, string];
		const href = httpUrl(url);
		if (!/^\d{1,15}$/.test(size) || !/^[0-9a-f]{32}$/i.test(md5) || !href) continue;
		out.push({ size: Number(size), md5: md5.toLowerCase(), url: href });
	}
	return out;
}

/**
 * Province and place from ActionGeo_FullName, which reads "Place, Province,
 * Country" for a city, "Province, Country" for a province and "Country" for a
 * country (ActionGeo_Type says which).
 */
function placeParts(place: string | undefined, geoType: number | undefined): { admin1?: string; location?: string } {
	const parts = (place ?? '')
		.split(',')
		.map((p) => p.trim())
		.filter(Boolean);
	const kind =
		geoType === 1
			? 'country'
			: geoType === 2 || geoType === 5
				? 'province'
				: geoType === 3 || geoType === 4
					? 'city'
					: parts.length >= 3
						? 'city'
						: parts.length === 2
							? 'province'
							: 'country';
	if (kind === 'province' && parts.length >= 2) return { admin1: parts[0] as string };
	if (kind === 'city' && parts.length >= 1) {
		return {
			location: parts[0] as string,
			...(parts.length >= 3 ? { admin1: parts[parts.length - 2] as string } : {}),
		};
	}
	return {};
}

/** Text from the file as a record holds it: one line, no control characters; undefined when nothing is left. */
function clean(s: string | undefined): string | undefined {
	const t = s === undefined ? undefined : sanitizeLine(s);
	return t ? t : undefined;
}

/**
 * An event as an incident record (schema key order, valid under the incident
 * schema, its text sanitized), or why it is left out: a root code not asked
 * for, a country that is not known or not wanted. The actors' names are kept
 * in the description, the second as the target; perpetrators are left for the
 * linker, which knows the actors.
 */
export function gdeltIncident(
	ev: GdeltEvent,
	opts: { countries: ReadonlySet<string>; rootCodes?: ReadonlySet<string> },
): { incident: Record<string, unknown> } | { skip: string } {
	const roots = opts.rootCodes ?? new Set(DEFAULT_ROOT_CODES);
	const cameo = cameoType(ev.eventCode, ev.rootCode, ev);
	if (!roots.has(ev.rootCode)) {
		return {
			skip: `CAMEO root ${ev.rootCode} ("${cameoType(ev.rootCode, ev.rootCode).label}") is not among the root codes asked for (${[...roots].sort().join(', ')})`,
		};
	}
	if (!ev.fips) return { skip: 'no country: GDELT gives no place for the event' };
	const country = FIPS_TO_ISO[ev.fips];
	if (!country) return { skip: `country ${describeValue(ev.fips)} (FIPS 10-4) is not one sitrep knows` };
	if (!opts.countries.has(country)) return { skip: `in ${country}, not among the countries asked for` };
	const [actor1, actor2, place] = [clean(ev.actor1), clean(ev.actor2), clean(ev.place)];
	const { admin1, location } = placeParts(place, ev.geoType);
	const who =
		actor1 && actor2
			? `${actor1} against ${actor2}`
			: actor1
				? `${actor1} (no target named)`
				: actor2
					? `an actor not named against ${actor2}`
					: 'no actors named';
	const description = [
		`Machine-coded GDELT event (CAMEO ${ev.eventCode}, "${cameo.label}"): ${who}${place ? `, in ${place}` : ''};`,
		`${plural(ev.mentions, 'mention')} in ${plural(ev.sources, 'source')}.`,
		...(ev.isRoot ? [] : ['Not the main event of the article it was coded from.']),
	].join(' ');
	const incident: Record<string, unknown> = {
		id: `gdelt-${ev.id}`,
		date: ev.day,
		country,
		...(admin1 ? { admin1 } : {}),
		...(location ? { location } : {}),
		// A country's centroid is no place: only a province's or a city's point is kept.
		...(ev.geoType !== 1 && ev.lat !== undefined && ev.lon !== undefined ? { lat: ev.lat, lon: ev.lon } : {}),
		type: cameo.type,
		perpetrators: [],
		targets: actor2 ? [actor2] : [],
		description,
		sources: [{ dataset: GDELT_DATASET, ref: ev.id, ...(ev.url ? { cited: ev.url } : {}) }],
		tags: ['gdelt'],
		machineCoded: true,
	};
	return { incident };
}

/**
 * GDELT's repeats, left out. Two rules:
 * 1. One GLOBALEVENTID is one event: when a later file gives it again (GDELT
 *    updating it), the copy added last stands for it (DATEADDED; on a tie, the
 *    later in the list).
 * 2. One story coded more than once: events on the same day with the same
 *    event code, the same two actor codes and the same place (FeatureID) are
 *    one, and the one with the most mentions stands (on a tie, the first).
 *    Events with no FeatureID are never merged: without a place, two events
 *    cannot be told to be the same.
 * The events kept stay in the order given.
 */
export function dedupeGdelt(events: GdeltEvent[]): { kept: GdeltEvent[]; duplicates: number } {
	const byId = new Map<string, number>();
	events.forEach((ev, i) => {
		const at = byId.get(ev.id);
		const before = at === undefined ? undefined : events[at];
		if (!before || (ev.added ?? '') >= (before.added ?? '')) byId.set(ev.id, i);
	});
	const byStory = new Map<string, number>();
	const keep = new Set<number>();
	for (const i of [...byId.values()].sort((a, b) => a - b)) {
		const ev = events[i] as GdeltEvent;
		if (!ev.featureId) {
			keep.add(i);
			continue;
		}
		const key = [ev.day, ev.eventCode, ev.actor1Code ?? '', ev.actor2Code ?? '', ev.featureId].join('\u0000');
		const at = byStory.get(key);
		if (at === undefined) {
			byStory.set(key, i);
			keep.add(i);
		} else if (ev.mentions > (events[at] as GdeltEvent).mentions) {
			keep.delete(at);
			byStory.set(key, i);
			keep.add(i);
		}
	}
	const kept = [...keep].sort((a, b) => a - b).map((i) => events[i] as GdeltEvent);
	return { kept, duplicates: events.length - kept.length };
}
