// CAMEO event codes (the Conflict and Mediation Event Observations codebook,
// v1.1b3, as GDELT uses it: gdeltproject.org/data/lookups/CAMEO.eventcodes.txt)
// as sitrep's incident types. CAMEO codes what was done, not the weapon or the
// target, so some of its codes are wider than a type (180, "unconventional
// violence") and some are narrower; where a code does not fit a type it is
// "other", never a guess.
import type { IncidentType } from '../schemaBase.js';

interface CameoCode {
	/** CAMEO's own words, lower case, as a description quotes them. */
	label: string;
	/** The sitrep type; the caller decides 196 (below). */
	type: IncidentType;
}

/** Root codes 18 (assault), 19 (fight) and 20 (mass violence): the ones an incident can come from. */
const VIOLENT: Readonly<Record<string, CameoCode>> = {
	'180': { label: 'use unconventional violence', type: 'other' },
	'181': { label: 'abduct, hijack, or take hostage', type: 'abduction' },
	// A beating, a sexual assault, torture: no type of sitrep's is one of these.
	'182': { label: 'physically assault', type: 'other' },
	'1821': { label: 'sexually assault', type: 'other' },
	'1822': { label: 'torture', type: 'other' },
	'1823': { label: 'kill by physical assault', type: 'other' },
	'183': { label: 'conduct suicide, car, or other non-military bombing', type: 'bombing' },
	'1831': { label: 'carry out suicide bombing', type: 'suicide bombing' },
	// A car bomb need not have a driver who dies with it: a bombing, not a suicide bombing.
	'1832': { label: 'carry out vehicular bombing', type: 'bombing' },
	'1833': { label: 'carry out roadside bombing', type: 'IED' },
	'1834': { label: 'carry out location bombing', type: 'bombing' },
	'184': { label: 'use as human shield', type: 'other' },
	'185': { label: 'attempt to assassinate', type: 'targeted killing' },
	'186': { label: 'assassinate', type: 'targeted killing' },
	'190': { label: 'use conventional military force', type: 'armed clash' },
	'191': { label: 'impose blockade, restrict movement', type: 'other' },
	'192': { label: 'occupy territory', type: 'other' },
	'193': { label: 'fight with small arms and light weapons', type: 'armed clash' },
	'194': { label: 'fight with artillery and tanks', type: 'armed clash' },
	'195': { label: 'employ aerial weapons', type: 'airstrike' },
	'1951': { label: 'employ precision-guided aerial munitions', type: 'airstrike' },
	'1952': { label: 'employ remotely piloted aerial munitions', type: 'airstrike' },
	'196': { label: 'violate ceasefire', type: 'armed clash' },
	'200': { label: 'use unconventional mass violence', type: 'other' },
	'201': { label: 'engage in mass expulsion', type: 'other' },
	// Killing many at once: sitrep's armed assault takes in mass shootings.
	'202': { label: 'engage in mass killings', type: 'armed assault' },
	'203': { label: 'engage in ethnic cleansing', type: 'other' },
	'204': { label: 'use weapons of mass destruction', type: 'other' },
	'2041': { label: 'use chemical, biological, or radiological weapons', type: 'other' },
	'2042': { label: 'detonate nuclear weapons', type: 'other' },
};

/** CAMEO's twenty root codes, for events outside 18–20 that a caller asks for. */
const ROOTS: Readonly<Record<string, string>> = {
	'01': 'make public statement',
	'02': 'appeal',
	'03': 'express intent to cooperate',
	'04': 'consult',
	'05': 'engage in diplomatic cooperation',
	'06': 'engage in material cooperation',
	'07': 'provide aid',
	'08': 'yield',
	'09': 'investigate',
	'10': 'demand',
	'11': 'disapprove',
	'12': 'reject',
	'13': 'threaten',
	'14': 'protest',
	'15': 'exhibit force posture',
	'16': 'reduce relations',
	'17': 'coerce',
	'18': 'assault',
	'19': 'fight',
	'20': 'use unconventional mass violence',
};

/**
 * CAMEO 196, "violate ceasefire": in this region nearly always fire across a
 * border or the Line of Control between two states' forces; between a state
 * and an armed group at home it is fighting like any other.
 */
function ceasefireType(actor1Country?: string, actor2Country?: string): IncidentType {
	return actor1Country && actor2Country && actor1Country !== actor2Country ? 'cross-border shelling' : 'armed clash';
}

/**
 * The sitrep type and CAMEO's words for an event code: the code's own entry,
 * else its base code's (the first three digits), else its root's ("other";
 * "protest" for root 14).
 */
export function cameoType(
	eventCode: string,
	rootCode: string,
	actors: { actor1Country?: string; actor2Country?: string } = {},
): { type: IncidentType; label: string; code: string } {
	for (const code of [eventCode, eventCode.slice(0, 3)]) {
		const known = VIOLENT[code];
		if (known) {
			const type = code === '196' ? ceasefireType(actors.actor1Country, actors.actor2Country) : known.type;
			return { type, label: known.label, code };
		}
	}
	return {
		type: rootCode === '14' ? 'protest' : 'other',
		label: ROOTS[rootCode] ?? 'an event CAMEO does not list',
		code: eventCode,
	};
}
