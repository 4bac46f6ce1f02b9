// Incident types for imported rows: ACLED's sub-event types map one to one;
// UCDP gives only the kind of violence, so its headline's words decide when
// they are clear (a suicide bombing, a drone strike) and the kind otherwise.
import type { IncidentType } from '../../core/schema.js';

const ACLED_SUB_EVENT: Record<string, IncidentType> = {
	'armed clash': 'armed clash',
	'government regains territory': 'armed clash',
	'non-state actor overtakes territory': 'armed clash',
	'suicide bomb': 'suicide bombing',
	'remote explosive/landmine/ied': 'IED',
	'air/drone strike': 'airstrike',
	'shelling/artillery/missile attack': 'rocket attack',
	grenade: 'bombing',
	'chemical weapon': 'other',
	attack: 'armed assault',
	'abduction/forced disappearance': 'abduction',
	'sexual violence': 'other',
	'peaceful protest': 'protest',
	'protest with intervention': 'protest',
	'excessive force against protesters': 'protest',
	'violent demonstration': 'protest',
	'mob violence': 'other',
};

const ACLED_EVENT: Record<string, IncidentType> = {
	battles: 'armed clash',
	'explosions/remote violence': 'bombing',
	'violence against civilians': 'armed assault',
	protests: 'protest',
	riots: 'protest',
	'strategic developments': 'other',
};

export function acledType(eventType: string | undefined, subEventType: string | undefined): IncidentType {
	const sub = ACLED_SUB_EVENT[(subEventType ?? '').trim().toLowerCase()];
	return sub ?? ACLED_EVENT[(eventType ?? '').trim().toLowerCase()] ?? 'other';
}

/** Headline words that name an incident type unambiguously, most specific first. */
const WORDS: [RegExp, IncidentType][] = [
	[/\bsuicide (bomb|attack|blast|car bomb)/i, 'suicide bombing'],
	[/\b(suicide bomber|self-?immolat)/i, 'suicide bombing'],
	[/\b(drone|air ?strikes?|airstrikes?|air raids?|bombard)/i, 'airstrike'],
	[/\b(roadside bomb|IEDs?\b|landmine|improvised explosive)/i, 'IED'],
	[/\b(rocket|mortar|shelling)/i, 'rocket attack'],
	[/\b(kidnap|abduct|hostage)/i, 'abduction'],
	[/\b(beheaded|executed|execution)/i, 'execution'],
	[/\b(assassinat|gunned down|shot dead|target(ed)? killing)/i, 'targeted killing'],
	[/\b(bomb|blast|explosion|grenade)/i, 'bombing'],
];

/** UCDP type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians). */
export const VIOLENCE = { '1': 'state-based', '2': 'non-state', '3': 'one-sided' } as const;

export function ucdpType(violence: string | undefined, headline: string | undefined): IncidentType {
	if (headline) for (const [re, type] of WORDS) if (re.test(headline)) return type;
	return violence?.trim() === '3' ? 'armed assault' : 'armed clash';
}
