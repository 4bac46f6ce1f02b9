// Country risk: a recency-weighted score over a window of days, its level,
// trend and tags, each with the incidents behind it. The Risk pane,
// `sitrep risk` and briefs all read these numbers, so they must agree.

import { asBackend } from './backend/memory.js';
import type { Backend, DateCount } from './backend/types.js';
import { compareText } from './collate.js';
import { addDays, dayNumber, parseDateBound } from './dates.js';
import { countedOf, killedOr0, killedPhrase, rangeOf } from './fatalities.js';
import { G } from './glyphs.js';
import { memoByString } from './memo.js';
import { shortName } from './resolve.js';
import {
	type ActorLookup,
	CROSS_BORDER_TAG,
	crossBorder,
	type DayRange,
	effectiveDay,
	FOREIGNER_TAGS,
	KILLED_WEIGHT,
	MASS_CASUALTY_KILLED,
	MASS_CASUALTY_TAG,
	MONTH_ONLY_DAY,
	OFFICIAL_TAGS,
	type RiskKeyKind,
	riskKeysOf,
	TARGET_BONUS,
	TYPE_WEIGHTS,
	targetsForeigners,
	targetsOfficials,
} from './riskPoints.js';
import type { Incident } from './schema.js';
import { type IncidentType, incidentTypeLabels } from './schemaBase.js';
import type { Store } from './store.js';
import { type Bucket, countDates } from './timeline.js';
import { plural } from './words.js';

export const RISK_WINDOWS = [30, 90, 365] as const;
export type RiskDays = (typeof RISK_WINDOWS)[number];
export const DEFAULT_RISK_DAYS: RiskDays = 90;

export function isRiskDays(n: number): n is RiskDays {
	return (RISK_WINDOWS as readonly number[]).includes(n);
}

/** Recency weight on the window's first day (1.0 on its last day). */
export const RECENCY_FLOOR = 0.5;
/** Scores are yearly rates: a window's sum is scaled to this many days, so windows compare and the levels read as deaths a year. */
export const YEAR_DAYS = 365;
/** The mean recency weight over a window: dividing by it makes steady violence score its yearly rate. */
export const MEAN_RECENCY = (1 + 0.5) / 2;
/** A type or actor tag needs this many incidents, or (types only) this share of the window's incidents. */
export const TAG_MIN_INCIDENTS = 2;
export const TAG_MIN_SHARE = 0.3;
/** The trend compares the score with the mean of this many windows of equal length before it (the country's own baseline). */
export const BASELINE_WINDOWS = 4;
/** A trend is up or down only when the score moved away from the baseline by more than both of these. */
export const TREND_MIN_RELATIVE = 0.25;
export const TREND_MIN_ABSOLUTE = 10;

export type RiskLevel = 'low' | 'guarded' | 'elevated' | 'high' | 'severe';

/**
 * Lower bounds of each level, in deaths (and deaths-equivalents) a year, anchored to UCDP's
 * intensity thresholds: 25 battle-related deaths a year make an armed conflict, 1,000 a war.
 * Where each falls in UCDP's country-month deaths, 2010-2024, is in docs/risk.md
 * (scripts/risk-calibration.ts prints it).
 */
export const RISK_LEVELS: readonly { level: RiskLevel; min: number; why: string }[] = [
	{ level: 'low', min: 0, why: 'below the 25 deaths a year at which UCDP counts an armed conflict' },
	{ level: 'guarded', min: 25, why: "UCDP's threshold of an armed conflict (25 deaths a year)" },
	{
		level: 'elevated',
		min: 250,
		why: 'ten times that: about the median of country-quarters with any conflict death in UCDP 2010-2024',
	},
	{ level: 'high', min: 1000, why: "UCDP's threshold of a war (1,000 deaths a year)" },
	{ level: 'severe', min: 5000, why: 'five times a war: above about 92% of country-quarters with any conflict death' },
];

export type TrendDirection = 'up' | 'down' | 'flat';
/** The trend's arrow in a document (a brief, a file): always Unicode. */
export const TREND_ARROWS: Readonly<Record<TrendDirection, string>> = { up: '↑', down: '↓', flat: '→' };

/** The trend's arrow as drawn on the terminal, in the glyph set in force. */
export function trendArrow(direction: TrendDirection): string {
	return direction === 'up' ? G.up : direction === 'down' ? G.down : G.flat;
}

/** Words for the dominant-type tags; "other" never makes a tag. */
export const TYPE_TAG_LABELS: Readonly<Record<IncidentType, string | undefined>> = {
	'suicide bombing': 'suicide attacks',
	bombing: 'bombings',
	IED: 'IED attacks',
	'targeted killing': 'targeted assassinations',
	'armed assault': 'armed assaults',
	'armed clash': 'armed clashes',
	airstrike: 'airstrikes',
	'rocket attack': 'rocket attacks',
	'cross-border shelling': 'cross-border shelling',
	abduction: 'abductions',
	execution: 'executions',
	protest: 'protests',
	other: undefined,
};

export interface RiskWindow extends DayRange {
	days: RiskDays;
	/**
	 * Machine-coded incidents (GDELT's: coded by software from news text) count in the score.
	 * Left out by default; set (only when true) by --machine-coded or the riskMachineCoded setting.
	 */
	includeMachineCoded?: true;
	/** The window of equal length just before this one. */
	previous: DayRange;
	/** The BASELINE_WINDOWS windows of equal length before this one, newest first (the first is `previous`): the trend's baseline. */
	baseline: DayRange[];
}

export interface IncidentPoints {
	id: string;
	/** As recorded (YYYY-MM-DD or YYYY-MM). */
	date: string;
	/** The day the formula uses: the date, or the 15th for a month-only date. */
	day: string;
	type: IncidentType;
	country: string;
	/** The counted toll (core/fatalities.ts); with the range's ends when the reports differ. */
	fatalities?: number;
	fatalitiesLow?: number;
	fatalitiesHigh?: number;
	recency: number;
	/** Points after recency, before scaling to a yearly rate. */
	severity: number;
	fatalityPoints: number;
	targetPoints: number;
	/** What the incident adds to the score (scaled). */
	points: number;
}

export interface RiskTerm {
	kind: 'type' | 'fatalities' | 'target';
	name: string;
	/** Incidents for a type or target term; people killed for the fatalities term. */
	value: number;
	/** Points added to the score (scaled). */
	contribution: number;
	/** Newest first. */
	incidents: string[];
}

export type RiskTagKind = 'type' | 'actor' | 'mass-casualty' | 'cross-border' | 'officials' | 'foreigners' | 'manual';

export interface RiskTag {
	label: string;
	kind: RiskTagKind;
	/** Incident ids, newest first; empty for manual tags. */
	evidence: string[];
	/** Actor ids the tag is about (the active actor, the foreign-based perpetrators, the targeted officials). */
	actors: string[];
	detail: string;
	manual: boolean;
	/** Score points carried by the evidence; orders the tags. */
	weight: number;
}

export interface RiskTrend {
	direction: TrendDirection;
	/** The score of the window just before. */
	previousScore: number;
	/** The mean score of the BASELINE_WINDOWS windows before (rounded as scores are): what the direction compares with. */
	baseline: number;
	/** Those windows' scores, newest first. */
	baselineScores: number[];
	/** Score minus baseline. */
	change: number;
}

/** Deaths (counted) a year per 100,000 people, where the country's population is known. */
export interface RiskRate {
	perHundredThousand: number;
	killedPerYear: number;
	population: number;
	year: number;
	source: string;
}

export interface CountryRisk {
	code: string;
	name: string;
	window: RiskWindow;
	/** A yearly rate, deaths and deaths-equivalents (rounded to a whole number). */
	score: number;
	level: RiskLevel;
	trend: RiskTrend;
	/** Incidents in the window. */
	incidents: number;
	/** Known killed in the window. */
	fatalities: number;
	/** Incidents in the window whose toll is not reported. */
	unknownFatalities: number;
	/** Machine-coded incidents in the window, and whether the numbers above count them (the window says). */
	machineCoded: { incidents: number; counted: boolean };
	/** The window's dead a year per 100,000 people; undefined without a population. */
	rate?: RiskRate;
	/** Weekly, across the whole window. */
	buckets: Bucket[];
	tags: RiskTag[];
	explanation: {
		/** YEAR_DAYS / window days / MEAN_RECENCY: what turns a window's points into a yearly rate. */
		scale: number;
		terms: RiskTerm[];
		/** Contributing incidents, newest first. */
		incidents: IncidentPoints[];
		/**
		 * What changed since the window just before (`window.previous`, whose score is
		 * `trend.previousScore`): the incidents that made that score, which have left the
		 * window, and this window's own, each heaviest first. A falling trend reads as
		 * what left; a rising one as what came.
		 */
		changed: {
			/** The previous window's incidents, scored in that window, heaviest first. */
			left: IncidentPoints[];
			/** This window's incidents, heaviest first. */
			came: IncidentPoints[];
		};
	};
}

const EPOCH = '1970-01-01';

// Per-incident points live in core/riskPoints.ts; the rest of sitrep imports them from here too.
export * from './riskPoints.js';

/**
 * What is wrong with a window asked for by --window and --as-of, in the words
 * of those flags; undefined when riskWindow will take it. Checked before the
 * data loads, so the dashboard can refuse before it takes the terminal.
 */
export function windowProblem(days: number, asOf?: string): string | undefined {
	if (!isRiskDays(days))
		return `--window: expected ${RISK_WINDOWS.join(', ').replace(/, (\d+)$/, ' or $1')}, found ${days}`;
	if (asOf && !parseDateBound(asOf.slice(0, 10), true)) {
		return `--as-of: expected a date YYYY, YYYY-MM or YYYY-MM-DD, found "${asOf}"`;
	}
	return undefined;
}

/**
 * The window ending at `asOf` (YYYY, YYYY-MM or YYYY-MM-DD; a year or month
 * means its last day) or else at the newest incident, so bundled data never
 * looks stale. With no incidents, the newest article, then 1970-01-01.
 */
export function riskWindow(
	data: Store | Pick<Backend, 'newestDays' | 'kind'>,
	opts: { days: RiskDays; asOf?: string; includeMachineCoded?: boolean },
): RiskWindow {
	const { days } = opts;
	if (!isRiskDays(days)) throw new RangeError(`window must be one of ${RISK_WINDOWS.join(', ')} days, not ${days}`);
	let end: string | undefined;
	if (opts.asOf !== undefined) {
		end = parseDateBound(opts.asOf.slice(0, 10), true);
		if (!end) throw new RangeError(`bad as-of date "${opts.asOf}" (expected YYYY-MM-DD)`);
	} else {
		const newest = ('kind' in data ? data : asBackend(data)).newestDays();
		end = newest.incident ?? newest.article ?? EPOCH;
	}
	const start = addDays(end, -(days - 1));
	const baseline: DayRange[] = [];
	for (let i = 1, last = addDays(start, -1); i <= BASELINE_WINDOWS; i++, last = addDays(last, -days)) {
		baseline.push({ start: addDays(last, -(days - 1)), end: last });
	}
	return {
		days,
		start,
		end,
		previous: baseline[0] as DayRange,
		baseline,
		...(opts.includeMachineCoded ? { includeMachineCoded: true as const } : {}),
	};
}

/** A level's range and why its lower bound is there, in words. */
export function levelWhy(level: RiskLevel): string {
	const i = RISK_LEVELS.findIndex((l) => l.level === level);
	const l = RISK_LEVELS[i];
	const next = RISK_LEVELS[i + 1];
	if (!l) return '';
	const range = next ? `${l.min} to <${next.min} a year` : `${l.min}+ a year`;
	return i === 0 ? `${range}, ${l.why}` : `${range}; ${l.min} is ${l.why}`;
}

export function levelFor(score: number): RiskLevel {
	let level: RiskLevel = 'low';
	for (const l of RISK_LEVELS) if (score >= l.min) level = l.level;
	return level;
}

/** Rounds half away from zero, without returning -0. */
export function round(x: number, decimals: number): number {
	const f = 10 ** decimals;
	const r = (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
	return r === 0 ? 0 : r;
}

/**
 * The score against the country's own baseline (the mean of the windows before it), both
 * rounded as shown, so the arrow agrees with the printed numbers.
 */
export function trendOf(score: number, baselineScores: readonly number[]): RiskTrend {
	const now = Math.round(score);
	const scores = baselineScores.map((x) => Math.round(x));
	const baseline = scores.length ? Math.round(scores.reduce((a, b) => a + b, 0) / scores.length) : 0;
	const delta = now - baseline;
	const moved = (d: number) => d > TREND_MIN_ABSOLUTE && d > TREND_MIN_RELATIVE * baseline;
	const direction: TrendDirection = moved(delta) ? 'up' : moved(-delta) ? 'down' : 'flat';
	return { direction, previousScore: scores[0] ?? 0, baseline, baselineScores: scores, change: delta };
}

// Day numbers of the few thousand dates a data set has, each worked out once.
const dayOf = memoByString(dayNumber);

/** Recency weight of a day in a range of `days` days: 1 on the last day, RECENCY_FLOOR on the first. */
export function recencyWeight(day: string, range: DayRange, days: number): number {
	if (days <= 1) return 1;
	const age = dayOf(range.end) - dayOf(day);
	return 1 - ((1 - RECENCY_FLOOR) * age) / (days - 1);
}

/** What turns a window's points into a yearly rate. */
export function yearlyScale(days: number): number {
	return YEAR_DAYS / days / MEAN_RECENCY;
}

/** The toll an incident's points record: the counted figure, and the range's ends when there is one. */
function pointsToll(inc: Incident): Pick<IncidentPoints, 'fatalities' | 'fatalitiesLow' | 'fatalitiesHigh'> {
	const counted = countedOf(inc.fatalities);
	const range = rangeOf(inc.fatalities);
	return {
		...(counted === undefined ? {} : { fatalities: counted }),
		...(range?.low === undefined ? {} : { fatalitiesLow: range.low }),
		...(range?.high === undefined ? {} : { fatalitiesHigh: range.high }),
	};
}

function scoreIncident(
	store: ActorLookup,
	inc: Incident,
	range: DayRange,
	days: number,
): { pts: IncidentPoints; raw: number } {
	const day = effectiveDay(inc);
	const recency = recencyWeight(day, range, days);
	const scale = yearlyScale(days);
	const severity = TYPE_WEIGHTS[inc.type] * recency;
	const fatalityPoints = KILLED_WEIGHT * killedOr0(inc) * recency;
	const targetPoints = targetsOfficials(store, inc) || targetsForeigners(inc) ? TARGET_BONUS * recency : 0;
	const raw = (severity + fatalityPoints + targetPoints) * scale;
	const pts: IncidentPoints = {
		id: inc.id,
		date: inc.date,
		day,
		type: inc.type,
		country: inc.country,
		...pointsToll(inc),
		recency: round(recency, 3),
		severity: round(severity, 2),
		fatalityPoints: round(fatalityPoints, 2),
		targetPoints: round(targetPoints, 2),
		points: round(raw, 2),
	};
	return { pts, raw };
}

/** Newest first by the formula's day, then by id, so month-only dates sort where they count. */
function newestFirst<T extends { id: string }>(items: T[], day: (t: T) => string): T[] {
	const cmp = (a: T, b: T) => {
		const da = day(a);
		const db = day(b);
		return da < db ? 1 : da > db ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
	};
	// A country's incidents come newest first already (unless month-only dates move): check before sorting.
	for (let i = 1; i < items.length; i++) {
		if (cmp(items[i - 1] as T, items[i] as T) > 0) return [...items].sort(cmp);
	}
	return [...items];
}

/**
 * Unrounded score of a country over a range (the baseline windows), from its
 * per-day sums: recency is the same for every incident of a day, and points
 * before recency are multiples of 0.5, so the sum is the incidents' sum exactly.
 */
function rawScore(data: Backend, code: string, range: DayRange, days: number, machineCoded: boolean): number {
	let sum = 0;
	for (const d of data.countryDays(code, range, machineCoded))
		sum += d.base * recencyWeight(d.day, range, days) * yearlyScale(days);
	return sum;
}

/** A country's incidents that count in the window, newest first by the day they count on: what the explanation and the tags' evidence list. */
function windowIncidents(data: Backend, code: string, window: RiskWindow): Incident[] {
	const inWindow = data.countryIncidents(code, window, window.includeMachineCoded === true);
	return newestFirst(inWindow, effectiveDay);
}

/** A key's incidents in a window, their dead, and their points (scaled to a yearly rate, unrounded). */
export interface KeyTotal {
	incidents: number;
	killed: number;
	points: number;
}

const keyId = (kind: RiskKeyKind | 'all', key: string) => `${kind}\u0000${key}`;
const ALL = keyId('all', '');
const NONE: KeyTotal = { incidents: 0, killed: 0, points: 0 };

/**
 * Points of incidents with these base points summed, and base × day number summed: recency
 * falls linearly by day (recencyWeight), so their sum weighs as the incidents' one by one.
 */
function windowPoints(base: number, baseDays: number, range: DayRange, days: number): number {
	const weighed = days <= 1 ? base : base - ((1 - RECENCY_FLOOR) * (dayOf(range.end) * base - baseDays)) / (days - 1);
	return weighed * yearlyScale(days);
}

/**
 * A window's totals from the backend's sums (Backend.countrySums): per key, every counted
 * incident under ALL, and per day for the buckets. Base points are multiples of 0.5, so
 * the sums are exact whichever backend made them and in whatever order.
 */
function windowSums(
	data: Backend,
	code: string,
	window: RiskWindow,
): { keys: Map<string, KeyTotal>; days: DateCount[]; machine: number } {
	const counted = window.includeMachineCoded === true;
	const sums = data.countrySums(code, window);
	const raw = new Map<string, { incidents: number; killed: number; base: number; baseDays: number }>();
	const add = (id: string, r: { incidents: number; killed: number; base: number }, baseDays: number) => {
		const t = raw.get(id);
		if (t) {
			t.incidents += r.incidents;
			t.killed += r.killed;
			t.base += r.base;
			t.baseDays += baseDays;
		} else raw.set(id, { incidents: r.incidents, killed: r.killed, base: r.base, baseDays });
	};
	let machine = 0;
	const perDay = new Map<string, DateCount>();
	for (const d of sums.days) {
		if (d.machine) machine += d.incidents;
		if (d.machine && !counted) continue;
		add(ALL, d, d.base * dayOf(d.day));
		const row = perDay.get(d.day);
		if (row) {
			row.count += d.incidents;
			row.killed += d.killed;
		} else perDay.set(d.day, { date: d.day, count: d.incidents, killed: d.killed });
	}
	for (const k of sums.keys) if (counted || !k.machine) add(keyId(k.kind, k.key), k, k.baseDays);
	const keys = new Map<string, KeyTotal>();
	for (const [id, t] of raw) {
		keys.set(id, {
			incidents: t.incidents,
			killed: t.killed,
			points: windowPoints(t.base, t.baseDays, window, window.days),
		});
	}
	return { keys, days: [...perDay.values()], machine };
}

export function countryRisk(source: Store | Backend, code: string, window: RiskWindow): CountryRisk {
	const data = asBackend(source);
	const counted = window.includeMachineCoded === true;
	const sums = windowSums(data, code, window);
	const all = sums.keys.get(ALL) ?? NONE;
	const score = round(all.points, 0);
	const baseline = window.baseline.map((range) => round(rawScore(data, code, range, window.days, counted), 0));
	const rate = rateOf(data, code, all.killed, window.days);
	// The records are read only when something asks for them (an opened country's explanation,
	// a tag's evidence): a table of every country is made from the sums alone.
	let records: Incident[] | undefined;
	const windowRecords = () => {
		records ??= windowIncidents(data, code, window);
		return records;
	};
	let explanation: CountryRisk['explanation'] | undefined;
	return {
		code,
		name: data.countryByCode.get(code)?.name ?? code,
		window,
		score,
		level: levelFor(score),
		trend: trendOf(score, baseline),
		incidents: all.incidents,
		fatalities: all.killed,
		...(rate ? { rate } : {}),
		unknownFatalities: sums.keys.get(keyId('untolled', ''))?.incidents ?? 0,
		machineCoded: { incidents: sums.machine, counted },
		buckets: countDates(sums.days, 'week', { since: window.start, until: window.end }),
		tags: riskTags(data, code, sums.keys, windowRecords),
		get explanation() {
			explanation ??= explain(data, windowRecords(), window, data.countryIncidents(code, window.previous, counted));
			return explanation;
		},
	};
}

/** The window's dead a year per 100,000 people, where the country's population is known. */
function rateOf(
	store: Pick<Backend, 'countryByCode'>,
	code: string,
	killed: number,
	days: number,
): RiskRate | undefined {
	const pop = store.countryByCode.get(code)?.population;
	if (!pop) return undefined;
	const killedPerYear = (killed * YEAR_DAYS) / days;
	return {
		perHundredThousand: round((killedPerYear / pop.count) * 100_000, 2),
		killedPerYear: round(killedPerYear, 0),
		population: pop.count,
		year: pop.year,
		source: pop.source,
	};
}

/** Heaviest first; ties newest first, then by id, so the order never depends on the input's. */
function heaviestFirst(points: IncidentPoints[]): IncidentPoints[] {
	return [...points].sort(
		(a, b) => b.points - a.points || (a.day < b.day ? 1 : a.day > b.day ? -1 : 0) || compareText(a.id, b.id),
	);
}

function explain(
	store: ActorLookup,
	incs: readonly Incident[],
	window: RiskWindow,
	previous: readonly Incident[],
): CountryRisk['explanation'] {
	const scored = incs.map((inc) => ({ inc, ...scoreIncident(store, inc, window, window.days) }));
	// Scored in their own window, as the previous score was: the points that window's score was made of.
	const left = previous.map((inc) => scoreIncident(store, inc, window.previous, window.days).pts);
	const scale = yearlyScale(window.days);
	const terms: RiskTerm[] = [];
	const byType = new Map<IncidentType, typeof scored>();
	for (const s of scored) {
		const list = byType.get(s.inc.type);
		if (list) list.push(s);
		else byType.set(s.inc.type, [s]);
	}
	for (const [type, list] of byType) {
		terms.push({
			kind: 'type',
			name: `${type} (weight ${TYPE_WEIGHTS[type]})`,
			value: list.length,
			contribution: round(
				list.reduce((s, x) => s + TYPE_WEIGHTS[type] * recencyWeight(x.pts.day, window, window.days) * scale, 0),
				1,
			),
			incidents: list.map((x) => x.inc.id),
		});
	}
	const killed = scored.filter((s) => killedOr0(s.inc) > 0);
	if (killed.length) {
		terms.push({
			kind: 'fatalities',
			name: `killed (${KILLED_WEIGHT} each)`,
			value: killed.reduce((s, x) => s + killedOr0(x.inc), 0),
			contribution: round(
				killed.reduce(
					(s, x) => s + KILLED_WEIGHT * killedOr0(x.inc) * recencyWeight(x.pts.day, window, window.days) * scale,
					0,
				),
				1,
			),
			incidents: killed.map((x) => x.inc.id),
		});
	}
	const targeted = scored.filter((s) => s.pts.targetPoints > 0);
	if (targeted.length) {
		terms.push({
			kind: 'target',
			name: `officials or foreigners targeted (+${TARGET_BONUS})`,
			value: targeted.length,
			contribution: round(
				targeted.reduce((s, x) => s + TARGET_BONUS * recencyWeight(x.pts.day, window, window.days) * scale, 0),
				1,
			),
			incidents: targeted.map((x) => x.inc.id),
		});
	}
	terms.sort((a, b) => b.contribution - a.contribution || compareText(a.name, b.name));

	return {
		scale: round(scale, 4),
		terms,
		incidents: scored.map((s) => s.pts),
		changed: { left: heaviestFirst(left), came: heaviestFirst(scored.map((s) => s.pts)) },
	};
}

/** One row per country with a Country record or incidents; highest score first. */
export function riskTable(source: Store | Backend, window: RiskWindow): CountryRisk[] {
	const data = asBackend(source);
	const codes = new Set([...data.countryByCode.keys(), ...data.incidentCountries()]);
	return [...codes]
		.map((code) => countryRisk(data, code, window))
		.sort((a, b) => b.score - a.score || b.incidents - a.incidents || compareText(a.name, b.name));
}

/**
 * What the numbers say of machine-coded incidents in the window, in words for
 * the explanation, the table and the brief; undefined when there are none.
 */
export function machineCodedNote(m: CountryRisk['machineCoded']): string | undefined {
	if (m.incidents === 0) return undefined;
	const what = plural(m.incidents, 'machine-coded (GDELT) incident');
	if (m.counted) return `${what} counted (--machine-coded or the riskMachineCoded setting)`;
	return `${what} not counted; --machine-coded or the riskMachineCoded setting counts ${m.incidents === 1 ? 'it' : 'them'}`;
}

function actorName(store: ActorLookup, id: string): string {
	const a = store.actorById.get(id);
	return a ? shortName(a) : id;
}

/** What a tag says beyond its sums, read from its evidence (the window's incidents under its key). */
type TagDetail = (evidence: readonly Incident[]) => { actors: string[]; detail: string };

/**
 * Tags heaviest first, manual tags (weight 0) last: which tags there are, their weights and
 * order from the window's sums per key; their evidence (and what a detail reads from it)
 * from the window's records, read only when asked for.
 */
export function riskTags(
	store: ActorLookup & Pick<Backend, 'countryByCode'>,
	code: string,
	sums: ReadonlyMap<string, KeyTotal>,
	records: () => readonly Incident[],
): RiskTag[] {
	const tags: { tag: RiskTag; count: number }[] = [];
	const total = sums.get(ALL)?.incidents ?? 0;
	const add = (label: string, kind: RiskTagKind, key: [RiskKeyKind, string], sum: KeyTotal, details: TagDetail) => {
		let made: { evidence: string[]; actors: string[]; detail: string } | undefined;
		const make = () => {
			if (!made) {
				const [k, v] = key;
				const evidence = records().filter((inc) => riskKeysOf(store, inc).some(([a, b]) => a === k && b === v));
				made = { evidence: evidence.map((i) => i.id), ...details(evidence) };
			}
			return made;
		};
		const tag: RiskTag = {
			label,
			kind,
			get evidence() {
				return make().evidence;
			},
			get actors() {
				return make().actors;
			},
			get detail() {
				return make().detail;
			},
			manual: false,
			weight: round(sum.points, 2),
		};
		tags.push({ tag, count: sum.incidents });
	};
	const sumOf = (kind: RiskKeyKind, key: string) => sums.get(keyId(kind, key));

	for (const type of incidentTypeLabels) {
		const sum = sumOf('type', type);
		const label = TYPE_TAG_LABELS[type];
		if (!sum || !label) continue;
		const n = sum.incidents;
		if (n < TAG_MIN_INCIDENTS && n / total < TAG_MIN_SHARE) continue;
		const detail = `${n} of ${plural(total, 'incident')} (${Math.round((100 * n) / total)}%): ${type}`;
		add(label, 'type', ['type', type], sum, () => ({ actors: [], detail }));
	}

	const actorPrefix = keyId('actor', '');
	const actorIds = [...sums.keys()].filter((k) => k.startsWith(actorPrefix)).map((k) => k.slice(actorPrefix.length));
	for (const id of actorIds.sort((a, b) => (a < b ? -1 : 1))) {
		const sum = sumOf('actor', id) as KeyTotal;
		if (sum.incidents < TAG_MIN_INCIDENTS) continue;
		// A country's own state forces fighting at home are not a risk tag for it (imported battles list both sides).
		const actor = store.actorById.get(id);
		if (actor?.kind === 'state' && actor.countries.includes(code)) continue;
		const detail = `${actor?.name ?? id}: ${plural(sum.incidents, 'incident')} as perpetrator or claimant`;
		add(`${actorName(store, id)} activity`, 'actor', ['actor', id], sum, () => ({ actors: [id], detail }));
	}

	const mass = sumOf('mass-casualty', '');
	if (mass) {
		add('mass-casualty', 'mass-casualty', ['mass-casualty', ''], mass, (list) => ({
			actors: [],
			detail: `${plural(list.length, 'incident')} with ${MASS_CASUALTY_KILLED}+ killed or tagged ${MASS_CASUALTY_TAG} (${list.map((i) => killedPhrase(i.fatalities)).join(', ')})`,
		}));
	}

	const cross = sumOf('cross-border', '');
	if (cross) {
		add('cross-border', 'cross-border', ['cross-border', ''], cross, (list) => {
			const actors = [...new Set(list.flatMap((inc) => crossBorder(store, inc) ?? []))];
			const based = actors.map((id) => `${actorName(store, id)} (${store.actorById.get(id)?.countries[0]})`);
			return {
				actors,
				detail: `${plural(list.length, 'incident')}${based.length ? `; perpetrators based elsewhere: ${based.join(', ')}` : ''}`,
			};
		});
	}

	const officials = sumOf('officials', '');
	if (officials) {
		add('attacks on officials', 'officials', ['officials', ''], officials, (list) => {
			const actors = [...new Set(list.flatMap((inc) => targetsOfficials(store, inc) ?? []))];
			return {
				actors,
				detail: `${plural(list.length, 'incident')} targeting officials or named individuals${actors.length ? `: ${actors.map((id) => store.actorById.get(id)?.name ?? id).join(', ')}` : ''}`,
			};
		});
	}

	const foreigners = sumOf('foreigners', '');
	if (foreigners) {
		const detail = `${plural(foreigners.incidents, 'incident')} tagged ${FOREIGNER_TAGS.join(' or ')}`;
		add('attacks on foreigners', 'foreigners', ['foreigners', ''], foreigners, () => ({ actors: [], detail }));
	}

	const kindOrder: RiskTagKind[] = ['type', 'actor', 'mass-casualty', 'cross-border', 'officials', 'foreigners'];
	tags.sort(
		(a, b) =>
			b.tag.weight - a.tag.weight ||
			b.count - a.count ||
			kindOrder.indexOf(a.tag.kind) - kindOrder.indexOf(b.tag.kind) ||
			compareText(a.tag.label, b.tag.label),
	);
	const out = tags.map((t) => t.tag);
	for (const label of store.countryByCode.get(code)?.tags ?? []) {
		out.push({
			label,
			kind: 'manual',
			evidence: [],
			actors: [],
			detail: 'manual tag from the country data',
			manual: true,
			weight: 0,
		});
	}
	return out;
}

function levelRanges(): string {
	return RISK_LEVELS.map((l, i) => {
		const next = RISK_LEVELS[i + 1];
		return next ? `${l.level} ${l.min} to <${next.min}` : `${l.level} ${l.min}+`;
	}).join(', ');
}

/** The formula in words, generated from the constants above (docs/risk.md, `--help`, briefs). */
export const RISK_FORMULA = [
	'Risk score for a country over a window of 30, 90 or 365 days (default 90) ending at --as-of or the newest incident,',
	'a yearly rate of deaths and deaths-equivalents:',
	`  score = (${YEAR_DAYS} / window days) / ${MEAN_RECENCY} × sum over the window's incidents of`,
	`          recency × (${KILLED_WEIGHT} per person killed + type weight + ${TARGET_BONUS} if officials or foreigners were targeted)`,
	`  recency: 1.0 on the window's last day, falling linearly by day to ${RECENCY_FLOOR} on its first; dividing by ${MEAN_RECENCY}, its mean, makes steady violence score its yearly rate.`,
	`  type weights (deaths-equivalents an attack adds whatever its toll): ${Object.entries(TYPE_WEIGHTS)
		.map(([t, w]) => `${t} ${w}`)
		.join(', ')}.`,
	'  killed: the best estimate, or the low end of the range when there is none; an unreported toll (or only an upper bound) counts as 0 (the type weight still counts).',
	`  officials or foreigners: a target that is a person in the actor list, or an incident tagged ${[...OFFICIAL_TAGS, ...FOREIGNER_TAGS].join(', ')}.`,
	`  dates: an incident counts on its (start) date; a month-only date (YYYY-MM) is placed on the ${MONTH_ONLY_DAY}th, for both window membership and recency.`,
	`  the score is rounded to a whole number; levels (deaths a year, after UCDP's thresholds: 25 an armed conflict, 1,000 a war): ${levelRanges()}.`,
	`  trend: against the country's own baseline, the mean score of the ${BASELINE_WINDOWS} windows of equal length before; up (or down) when the score is above (or below) it by more than ${TREND_MIN_ABSOLUTE} and more than ${TREND_MIN_RELATIVE * 100}% of the baseline, else flat.`,
	"  rate: the window's dead a year per 100,000 people, shown where the country's population is known (not part of the score).",
	'  machine-coded incidents (machineCoded: true, GDELT events coded by software from news text) count in nothing above unless --machine-coded (or the riskMachineCoded setting) asks; the explanation says how many were left out.',
	`Tags: incident types with ${TAG_MIN_INCIDENTS}+ incidents or ${TAG_MIN_SHARE * 100}%+ of the window's incidents; actors with ${TAG_MIN_INCIDENTS}+ incidents as perpetrator or claimant;`,
	`  mass-casualty (${MASS_CASUALTY_KILLED}+ killed, or tagged ${MASS_CASUALTY_TAG}); cross-border (a perpetrator or claimant whose main country is another, or tagged ${CROSS_BORDER_TAG}, or cross-border shelling);`,
	`  attacks on officials; attacks on foreigners; plus the country's manual tags. Ordered by the score points of their incidents.`,
].join('\n');
