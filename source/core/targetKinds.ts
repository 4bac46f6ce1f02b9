// What an incident was aimed at, as a few kinds an analyst asks about ("TTP's
// attacks on police"). Read from the incident's tags and its `targets`: free
// text ("police trainees", "Shia pilgrims") and actor ids (a state's forces).
// One incident can be several kinds (a police station is police and security
// forces). The list is deliberately short and documented in docs/data.md.
import type { Actor, Incident } from './schema.js';

export interface TargetKind {
	id: string;
	label: string;
	/** Incident tags that mean this kind. */
	tags: readonly string[];
	/** Words in a `targets` entry that mean it (whole words, case folded). */
	words: RegExp;
}

export const TARGET_KINDS: readonly TargetKind[] = [
	{
		id: 'police',
		label: 'police',
		tags: ['police'],
		words: /\b(police|constabulary|policemen)\b/i,
	},
	{
		id: 'security-forces',
		label: 'security forces',
		tags: ['security-forces', 'military-base', 'border-guards'],
		words:
			/\b(military|army|soldiers?|troops|cadets|security forces|border (posts?|guards|forces)|frontier corps|checkpoint|cantonment|air bases?|police)\b/i,
	},
	{
		id: 'civilians',
		label: 'civilians',
		tags: ['civilians', 'children', 'women'],
		words:
			/\b(civilians?|passengers|worshippers|villagers?|village houses|students|schoolgirls|pupils|pilgrims|mourners|travell?ers|labourers|workers|customers|visitors|audience|residents?|residential|refugees|protesters|athletes|procession)\b/i,
	},
	{
		id: 'officials',
		label: 'officials',
		tags: ['officials', 'government-building', 'judiciary', 'political'],
		words:
			/\b(officials?|governor|ministry|minister|government|judiciary|court|party (workers|supporters)|supporters)\b/i,
	},
	{
		id: 'religious',
		label: 'Shia and religious sites',
		tags: ['shia', 'hazara', 'mosque', 'shrine', 'cleric', 'pilgrims', 'seminary', 'religious-gathering'],
		words: /\b(shia|hazara|mosques?|shrine|seminar(y|ies)|clerics?|maulana|worshippers|pilgrims)\b/i,
	},
	{
		id: 'foreigners',
		label: 'foreigners',
		tags: ['foreigners', 'chinese-nationals', 'tourists', 'diplomatic'],
		words: /\b(chinese|foreign|tourists|embassy|delegation)\b/i,
	},
	{
		id: 'infrastructure',
		label: 'infrastructure',
		tags: ['infrastructure', 'cpec', 'railway', 'airport', 'nuclear'],
		words: /\b(hydropower|port authority|cpec|railway|airport|nuclear facilities|projects?)\b/i,
	},
	{
		id: 'education',
		label: 'schools',
		tags: ['education'],
		words: /\b(school|schoolgirls|pupils|students|university|confucius institute)\b/i,
	},
	{
		id: 'journalists',
		label: 'journalists',
		tags: ['journalists'],
		words: /\b(journalists?|reporters?)\b/i,
	},
];

const BY_ID = new Map(TARGET_KINDS.map((k) => [k.id, k]));

export function targetKind(id: string): TargetKind | undefined {
	return BY_ID.get(id);
}

/**
 * The kinds an incident was aimed at, in TARGET_KINDS order. A target that is
 * an actor id counts as security forces when the actor is a state's, so
 * "pakistan-military" is one.
 */
export function targetKindsOf(inc: Incident, actorById?: ReadonlyMap<string, Actor>): string[] {
	const tags = new Set(inc.tags);
	const out: string[] = [];
	for (const k of TARGET_KINDS) {
		const hit =
			k.tags.some((t) => tags.has(t)) ||
			inc.targets.some((t) => {
				const actor = actorById?.get(t);
				if (actor)
					return k.id === 'security-forces' && actor.kind === 'state' && /military|forces|army/i.test(actor.id);
				return k.words.test(t);
			});
		if (hit) out.push(k.id);
	}
	return out;
}
