// An incident's points before recency: its type's weight, its dead, and the
// bonus for officials or foreigners targeted, and the day it counts on. Apart
// from core/risk.ts so that a storage backend can sum them per day without
// importing the scoring (docs/risk.md has the formula).
import { dayNumber } from './dates.js';
import { killed, killedOr0 } from './fatalities.js';
import type { Actor, Incident } from './schema.js';
import type { IncidentType } from './schemaBase.js';

/** The actor lookup the points need: a person as target makes an incident aimed at officials. */
export interface ActorLookup {
	readonly actorById: ReadonlyMap<string, Actor>;
}

/**
 * What an incident adds besides its dead, by type, in deaths-equivalents: an attack is a
 * signal of violence whatever its toll (and many tolls are never reported).
 */
export const TYPE_WEIGHTS: Readonly<Record<IncidentType, number>> = {
	'suicide bombing': 3,
	'armed assault': 2.5,
	bombing: 2,
	IED: 2,
	'targeted killing': 2,
	airstrike: 2,
	'rocket attack': 1.5,
	'armed clash': 1.5,
	'cross-border shelling': 1.5,
	abduction: 1.5,
	execution: 1,
	protest: 0.5,
	other: 1,
};

/** Each person reported killed counts this much: the score is a death rate first, like UCDP's thresholds. */
export const KILLED_WEIGHT = 1;
/** Extra points when officials or foreigners were targeted. */
export const TARGET_BONUS = 1;
/** A month-only date (YYYY-MM) is placed on this day of the month. */
export const MONTH_ONLY_DAY = 15;
/** Incident tags that mark a target as officials, or as foreigners. */
export const OFFICIAL_TAGS: readonly string[] = ['officials'];
export const FOREIGNER_TAGS: readonly string[] = ['foreigners', 'diplomatic'];
export const CROSS_BORDER_TAG = 'cross-border';
export const MASS_CASUALTY_TAG = 'mass-casualty';
export const MASS_CASUALTY_KILLED = 10;
export interface DayRange {
	/** Inclusive YYYY-MM-DD bounds. */
	start: string;
	end: string;
}

/** The day an incident counts on: its (start) date, or the 15th for a month-only date. */
export function effectiveDay(inc: Pick<Incident, 'date'>): string {
	return inc.date.length >= 10
		? inc.date.slice(0, 10)
		: `${inc.date.slice(0, 7)}-${String(MONTH_ONLY_DAY).padStart(2, '0')}`;
}

export function inRange(inc: Pick<Incident, 'date'>, range: DayRange): boolean {
	const d = effectiveDay(inc);
	return d >= range.start && d <= range.end;
}

/** Targets a named person in the actor list, or is tagged as aimed at officials. */
export function targetsOfficials(store: ActorLookup, inc: Incident): string[] | undefined {
	const persons = inc.targets.filter((t) => store.actorById.get(t)?.kind === 'person');
	if (persons.length || inc.tags.some((t) => OFFICIAL_TAGS.includes(t))) return persons;
	return undefined;
}

export function targetsForeigners(inc: Incident): boolean {
	return inc.tags.some((t) => FOREIGNER_TAGS.includes(t));
}

/**
 * An incident's points before recency and scaling: its type's weight, the
 * killed, and the bonus for officials or foreigners targeted. A storage index
 * keeps this per incident, and sums it per country and day.
 */
export function basePoints(actors: ActorLookup, inc: Incident): number {
	const target = targetsOfficials(actors, inc) || targetsForeigners(inc) ? TARGET_BONUS : 0;
	return TYPE_WEIGHTS[inc.type] + KILLED_WEIGHT * killedOr0(inc) + target;
}

/** The perpetrators and the claimant, once each: the actors a risk tag holds responsible. */
export function responsibleOf(inc: Incident): string[] {
	return [...new Set([...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])])];
}

/**
 * Cross-border when a perpetrator's or claimant's main country (its first)
 * is not the incident's country, or the incident is tagged cross-border or
 * is cross-border shelling. Returns the foreign-based perpetrators.
 */
export function crossBorder(store: ActorLookup, inc: Incident): string[] | undefined {
	const foreign = responsibleOf(inc).filter((p) => {
		const home = store.actorById.get(p)?.countries[0];
		return home !== undefined && home !== inc.country;
	});
	if (foreign.length || inc.tags.includes(CROSS_BORDER_TAG) || inc.type === 'cross-border shelling') return foreign;
	return undefined;
}

export function isMassCasualty(inc: Incident): boolean {
	return killedOr0(inc) >= MASS_CASUALTY_KILLED || inc.tags.includes(MASS_CASUALTY_TAG);
}

/**
 * What a risk row counts an incident under besides its country and day (core/risk riskTags):
 * its type, each actor responsible, each kind of tag it is evidence of, and 'untolled'
 * when it reports no toll. A backend sums incidents, killed and base points per key and
 * day (Backend.countrySums), so a row is made without reading the records.
 */
export type RiskKeyKind = 'type' | 'actor' | 'mass-casualty' | 'cross-border' | 'officials' | 'foreigners' | 'untolled';

export function riskKeysOf(store: ActorLookup, inc: Incident): [RiskKeyKind, string][] {
	const keys: [RiskKeyKind, string][] = [['type', inc.type]];
	for (const id of responsibleOf(inc)) keys.push(['actor', id]);
	if (isMassCasualty(inc)) keys.push(['mass-casualty', '']);
	if (crossBorder(store, inc) !== undefined) keys.push(['cross-border', '']);
	if (targetsOfficials(store, inc) !== undefined) keys.push(['officials', '']);
	if (targetsForeigners(inc)) keys.push(['foreigners', '']);
	if (killed(inc) === undefined) keys.push(['untolled', '']);
	return keys;
}

/** A country's incidents on one effective day, machine-coded or not: their number, dead (killedOr0) and base points. */
export interface RiskDaySum {
	day: string;
	machine: boolean;
	incidents: number;
	killed: number;
	base: number;
}

/** A country's incidents in a range under one key (riskKeysOf), machine-coded or not. */
export interface RiskKeySum {
	kind: RiskKeyKind;
	key: string;
	machine: boolean;
	incidents: number;
	killed: number;
	base: number;
	/**
	 * Sum of base × dayNumber(day): with `base`, what recency (linear in the day) weighs
	 * the key's points by (core/risk). Whole multiples of 0.5, so exact in any order.
	 */
	baseDays: number;
}

export interface CountrySums {
	/** Oldest first, the not machine-coded first. */
	days: RiskDaySum[];
	/** By kind, key, then the not machine-coded first. */
	keys: RiskKeySum[];
}

const cmp = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Puts sums in the order every backend answers them in. */
export function sortCountrySums(sums: CountrySums): CountrySums {
	sums.days.sort((a, b) => cmp(a.day, b.day) || Number(a.machine) - Number(b.machine));
	sums.keys.sort((a, b) => cmp(a.kind, b.kind) || cmp(a.key, b.key) || Number(a.machine) - Number(b.machine));
	return sums;
}

/** Incidents summed per day and per key (core's rule for a backend that holds the records). */
export function countrySumsOf(store: ActorLookup, incidents: readonly Incident[]): CountrySums {
	const days = new Map<string, RiskDaySum>();
	const keys = new Map<string, RiskKeySum>();
	for (const inc of incidents) {
		const day = effectiveDay(inc);
		const machine = inc.machineCoded === true;
		const dead = killedOr0(inc);
		const base = basePoints(store, inc);
		const d = days.get(`${day}\u0000${machine}`);
		if (d) {
			d.incidents++;
			d.killed += dead;
			d.base += base;
		} else days.set(`${day}\u0000${machine}`, { day, machine, incidents: 1, killed: dead, base });
		const baseDays = base * dayNumber(day);
		for (const [kind, key] of riskKeysOf(store, inc)) {
			const id = `${kind}\u0000${key}\u0000${machine}`;
			const row = keys.get(id);
			if (row) {
				row.incidents++;
				row.killed += dead;
				row.base += base;
				row.baseDays += baseDays;
			} else keys.set(id, { kind, key, machine, incidents: 1, killed: dead, base, baseDays });
		}
	}
	return sortCountrySums({ days: [...days.values()], keys: [...keys.values()] });
}
