// Aliases that never link on their own. A one-word alias that is also a
// family name or a nisba ("Haqqani": the network, three of its leaders, the
// cleric Hamid ul Haq Haqqani, the Haqqania seminary) names the actor in a
// filter or a lookup, but in running text it is more often someone else.
// The data marks such aliases (an actor's `weakAliases`); and a group's,
// state's or organisation's one-word alias that is the family name of a
// person in the data is weak without being marked.
import { fold } from './fold.js';
import type { Actor } from './schema.js';

const cache = new WeakMap<readonly Actor[], Map<string, Set<string>>>();

/** Per actor id, its aliases (as written) that never link alone. */
export function weakAliasesOf(actors: readonly Actor[]): Map<string, Set<string>> {
	let hit = cache.get(actors);
	if (!hit) {
		hit = findWeak(actors);
		cache.set(actors, hit);
	}
	return hit;
}

function findWeak(actors: readonly Actor[]): Map<string, Set<string>> {
	const families = new Set<string>();
	for (const a of actors) {
		if (a.kind !== 'person') continue;
		const words = fold(a.name).split(' ');
		if (words.length >= 2) families.add(words[words.length - 1] ?? '');
	}
	const out = new Map<string, Set<string>>();
	for (const a of actors) {
		const weak = new Set(a.weakAliases ?? []);
		if (a.kind !== 'person') {
			for (const alias of a.aliases) {
				const key = fold(alias);
				if (key && !key.includes(' ') && families.has(key)) weak.add(alias);
			}
		}
		if (weak.size) out.set(a.id, weak);
	}
	return out;
}
