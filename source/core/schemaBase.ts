// What the record schema says that plain code needs without zod: the
// vocabularies, the date check, the kinds. schema.ts builds the zod schemas
// from these and re-exports them; modules on the dashboard's way to its first
// frame import them from here, so that zod and the schemas are loaded only
// when a record needs them (io/load/loader.ts).
import type { SourceRef } from './schema.js';

/** Incident type vocabulary. Labels are what users type in filters. */
export const INCIDENT_TYPES = [
	['suicide bombing', 'An attack in which the attacker detonates explosives on their body or in a vehicle.'],
	['bombing', 'A non-suicide explosive attack (planted, thrown or remotely detonated), other than a roadside IED.'],
	['IED', 'A roadside or planted improvised explosive device aimed at a passing target.'],
	[
		'targeted killing',
		'The deliberate killing of a named individual (official, cleric, journalist...) by gunfire or other means.',
	],
	['armed assault', 'Gunmen attacking a place or a crowd (including complex attacks and mass shootings).'],
	['armed clash', 'Fighting between two armed parties (insurgents and security forces, or two forces).'],
	['airstrike', 'A strike from aircraft, drones or missiles.'],
	['rocket attack', 'Rockets or mortars fired at a target from a distance.'],
	['cross-border shelling', 'Artillery or small-arms fire between forces across a border.'],
	['abduction', 'Kidnapping or hostage-taking, including hijackings.'],
	['execution', 'A killing of people in custody, or a public execution.'],
	['protest', 'A demonstration, including one met with force.'],
	['other', 'An incident that fits none of the types above.'],
] as const;

export type IncidentType = (typeof INCIDENT_TYPES)[number][0];
export const incidentTypeLabels = INCIDENT_TYPES.map(([label]) => label) as [IncidentType, ...IncidentType[]];

export const ACTOR_KINDS = ['group', 'person', 'state', 'organisation'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const AFFILIATION_RELATIONS = ['parent', 'member', 'ally', 'rival'] as const;

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "YYYY-MM" or "YYYY-MM-DD" names a real day (or month); arithmetic, as the loader checks 100k of them. */
export function isRealDate(s: string): boolean {
	const y = Number(s.slice(0, 4));
	const m = Number(s.slice(5, 7));
	// Years before 1000 are not dates any record here describes (and Date.UTC treats 0-99 as 1900s).
	if (!Number.isInteger(y) || y < 1000 || s[4] !== '-' || !(m >= 1 && m <= 12)) return false;
	if (s.length === 7) return true;
	if (s.length !== 10 || s[7] !== '-') return false;
	const d = Number(s.slice(8, 10));
	const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
	const days = m === 2 && leap ? 29 : (MONTH_DAYS[m - 1] ?? 0);
	return Number.isInteger(d) && d >= 1 && d <= days;
}

/** The outlet or data set a source names (article ids are looked up by the caller). */
export function outletOf(src: Exclude<SourceRef, string>): string {
	return 'dataset' in src ? src.dataset : src.outlet;
}

export const KINDS = ['articles', 'incidents', 'actors', 'countries'] as const;
export type Kind = (typeof KINDS)[number];

export const singular: Record<Kind, string> = {
	articles: 'article',
	incidents: 'incident',
	actors: 'actor',
	countries: 'country',
};

/** What an object toll must satisfy beyond its fields' own checks; the fast record check (recordCheck.ts) asks the same. */
export function checkToll(
	f: { best?: number; low?: number; high?: number },
	add: (path: string, input: unknown, message: string) => void,
): void {
	const { best, low, high } = f;
	if (best === undefined && low === undefined && high === undefined) {
		add('', f, 'at least one of "best", "low" or "high" (write a plain number for one agreed figure)');
		return;
	}
	if (low !== undefined && best !== undefined && low > best) add('low', low, `"low" ≤ "best" (${best})`);
	if (high !== undefined && best !== undefined && high < best) add('high', high, `"high" ≥ "best" (${best})`);
	if (low !== undefined && high !== undefined && low > high) add('high', high, `"high" ≥ "low" (${low})`);
}

/** An incident's fields in the schema's (and zod's output) order; schema.test.ts checks it against incidentSchema. */
export const INCIDENT_FIELDS = [
	'$schema',
	'id',
	'date',
	'endDate',
	'country',
	'admin1',
	'location',
	'lat',
	'lon',
	'type',
	'perpetrators',
	'targets',
	'fatalities',
	'injured',
	'claimedBy',
	'description',
	'sources',
	'tags',
	'machineCoded',
] as const;
