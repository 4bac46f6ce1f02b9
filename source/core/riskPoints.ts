// An incident's points before recency: its type's weight, its dead, and the
// bonus for officials or foreigners targeted, and the day it counts on. Apart
// from core/risk.ts so that a storage backend can sum them per day without
// importing the scoring (docs/risk.md has the formula).
import { killedOr0 } from './fatalities.js';
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
