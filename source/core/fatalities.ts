// The one place that reads an incident's toll. `fatalities` is a plain count
// (one figure the reports agree on, the same as {"best": n}) or an estimate:
// a best figure and/or a low–high range, with who reported which figure
// (UCDP's best/low/high; ACLED's single figure is a best). Everything that
// counts, sorts, shows or exports a toll asks here.
//
// Counting: the best estimate; without one, the low end (the conservative
// figure). A record with only a high end has no figure to count: "up to 66"
// says how many at most, not how many.
import { G } from './glyphs.js';
import type { Fatalities, FatalityReport, Incident } from './schema.js';
import { checkToll } from './schemaBase.js';
import { width } from './width.js';

/** A toll read out of either form. */
export interface Toll {
	best?: number;
	low?: number;
	high?: number;
	reports: readonly FatalityReport[];
	note?: string;
}

const NO_REPORTS: readonly FatalityReport[] = [];

export function tollOf(f: Fatalities | undefined): Toll | undefined {
	if (f === undefined) return undefined;
	if (typeof f === 'number') return { best: f, reports: NO_REPORTS };
	return { best: f.best, low: f.low, high: f.high, reports: f.reports ?? NO_REPORTS, note: f.note };
}

/** The figure counted in sums, risk and sorting: best, else low; undefined when there is none. */
export function countedOf(f: Fatalities | undefined): number | undefined {
	if (f === undefined || typeof f === 'number') return f;
	return f.best ?? f.low;
}

/** The incident's counted toll (see countedOf). */
export function killed(inc: Pick<Incident, 'fatalities'>): number | undefined {
	return countedOf(inc.fatalities);
}

/** The counted toll, 0 when there is none: for sums and scores. */
export function killedOr0(inc: Pick<Incident, 'fatalities'>): number {
	return countedOf(inc.fatalities) ?? 0;
}

/** Whether the incident has a figure to count. */
export function hasToll(inc: Pick<Incident, 'fatalities'>): boolean {
	return countedOf(inc.fatalities) !== undefined;
}

/**
 * The range the record gives, ends as written (an end left out is the best
 * figure, or undefined when there is none): undefined when the record gives
 * no low or high, or they equal its best.
 */
export function rangeOf(f: Fatalities | undefined): { low?: number; high?: number } | undefined {
	if (f === undefined || typeof f === 'number') return undefined;
	const low = f.low ?? f.best;
	const high = f.high ?? f.best;
	if (low === high) return undefined;
	return { low, high };
}

/**
 * A toll as a short figure: "85", "85 (58–85)" for a best figure with a
 * range, "19–66" when only a range is known, "19+" for only a low end,
 * "up to 66" for only a high end; `none` when there is no toll.
 */
export function formatToll(f: Fatalities | undefined, none: string, to: string = G.to): string {
	if (f === undefined) return none;
	if (typeof f === 'number') return String(f);
	const range = rangeOf(f);
	// No range: one figure, however it was written ({"low": 5, "high": 5} is 5).
	if (!range) return String(f.best ?? f.low ?? f.high);
	const span = spanText(range, to);
	return f.best === undefined ? span : `${f.best} (${span})`;
}

/**
 * formatToll in at most `cells` columns, for a table: when the whole does not
 * fit, the counted figure followed by the ellipsis in force says that there
 * is more in the detail ("85…"; "…66" for only a high end).
 */
export function tollCell(f: Fatalities | undefined, none: string, cells: number): string {
	const full = formatToll(f, none);
	if (width(full) <= cells) return full;
	const counted = countedOf(f);
	if (counted !== undefined) return `${counted}${G.ellipsis}`;
	const high = rangeOf(f)?.high;
	return high === undefined ? full : `${G.ellipsis}${high}`;
}

function spanText(range: { low?: number; high?: number }, to: string): string {
	if (range.high === undefined) return `${range.low}+`;
	if (range.low === undefined) return `up to ${range.high}`;
	return `${range.low}${to}${range.high}`;
}

/** "reports range from 19 to 66" (or "at least 19", "up to 66"); undefined without a range. */
export function rangeSentence(f: Fatalities | undefined): string | undefined {
	const range = rangeOf(f);
	if (!range) return undefined;
	if (range.high === undefined) return `reports give at least ${range.low}`;
	if (range.low === undefined) return `reports give up to ${range.high}`;
	return `reports range from ${range.low} to ${range.high}`;
}

/** A report as a line: "85 — Afghan government (CNN, 2021-05-10)". */
export function reportLine(r: FatalityReport, dash: string = G.dash, to: string = G.to): string {
	const figure = r.upTo === undefined ? String(r.figure) : `${r.figure}${to}${r.upTo}`;
	return `${figure} ${dash} ${r.by} (${r.outlet}, ${r.date.slice(0, 10)})`;
}

/**
 * A data set's estimates as a toll (UCDP's best, low, high): the plain best
 * figure when the range adds nothing, else the object; undefined when none is
 * given. Throws a message when the estimates contradict each other.
 */
export function tollFromEstimates(best?: number, low?: number, high?: number): Fatalities | undefined {
	if (best === undefined && low === undefined && high === undefined) return undefined;
	if (best !== undefined && (low ?? best) === best && (high ?? best) === best) return best;
	const toll = {
		...(best === undefined ? {} : { best }),
		...(low === undefined ? {} : { low }),
		...(high === undefined ? {} : { high }),
	};
	const wrong: string[] = [];
	checkToll(toll, (_path, _input, message) => wrong.push(message));
	if (wrong.length)
		throw new Error(
			`estimates best ${best ?? '(none)'}, low ${low ?? '(none)'}, high ${high ?? '(none)'}: expected ${wrong.join(', ')}`,
		);
	return toll;
}

/** A toll in words for a sentence: "85 killed", "85 killed (58–85)", "19–66 killed", "toll not reported". */
export function killedPhrase(f: Fatalities | undefined, to: string = G.to): string {
	if (f === undefined) return 'toll not reported';
	const range = rangeOf(f);
	const best = typeof f === 'number' ? f : f.best;
	if (best !== undefined) return range ? `${best} killed (${spanText(range, to)})` : `${best} killed`;
	return `${formatToll(f, '', to)} killed`;
}

/** The fields answer JSON gives a toll: the counted figure or null, the range's ends and the reports when there are any. */
export interface TollJson {
	fatalities: number | null;
	fatalitiesLow?: number;
	fatalitiesHigh?: number;
	fatalityReports?: FatalityReport[];
}

export function tollJson(f: Fatalities | undefined): TollJson {
	const out: TollJson = { fatalities: countedOf(f) ?? null };
	if (f === undefined || typeof f === 'number') return out;
	const range = rangeOf(f);
	if (range?.low !== undefined) out.fatalitiesLow = range.low;
	if (range?.high !== undefined) out.fatalitiesHigh = range.high;
	if (f.reports) out.fatalityReports = f.reports;
	return out;
}
