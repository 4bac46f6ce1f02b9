// Resolves what a person typed ("pakistan", "iskp", "haqani", "suicide")
// to countries, actors and incident types, or explains why it can't.
import Fuse from 'fuse.js';
import type { Backend } from './backend/types.js';
import { fold, squash } from './fold.js';
import type { Actor } from './schema.js';
import { type IncidentType, incidentTypeLabels } from './schemaBase.js';
import type { Store } from './store.js';

export type Resolved<T> = { ok: true; value: T } | { ok: false; error: string; suggestions: string[] };

interface Named<T> {
	value: T;
	label: string;
	keys: string[];
	/** The keys squashed once, for the comparisons made on every keystroke. */
	squashed: string[];
}

function named<T>(value: T, label: string, keys: string[]): Named<T> {
	return { value, label, keys, squashed: keys.map(squash) };
}

// A plural written out, since "country" does not take an s.
const plurals: Record<'country' | 'actor' | 'type', string> = { country: 'countries', actor: 'actors', type: 'types' };

function resolveAmong<T>(
	input: string,
	what: 'country' | 'actor' | 'type',
	items: Named<T>[],
	fuzzy: Fuse<Named<T>> | undefined,
): Resolved<T> {
	const q = squash(input);
	if (q === '') return { ok: false, error: `empty ${what}`, suggestions: [] };
	const exact = items.filter((it) => it.squashed.includes(q));
	if (exact.length === 1 && exact[0]) return { ok: true, value: exact[0].value };
	const prefix = exact.length > 1 ? exact : items.filter((it) => it.squashed.some((k) => k.startsWith(q)));
	if (prefix.length === 1 && prefix[0]) return { ok: true, value: prefix[0].value };
	if (prefix.length > 1) {
		return {
			ok: false,
			error: `"${input}" matches several ${plurals[what]}`,
			suggestions: prefix.slice(0, 6).map((it) => it.label),
		};
	}
	const hits = fuzzy?.search(fold(input), { limit: 5 }) ?? [];
	const best = hits[0];
	if (best && (best.score ?? 1) <= 0.25 && (hits.length === 1 || (hits[1]?.score ?? 1) - (best.score ?? 0) > 0.1)) {
		return { ok: true, value: best.item.value };
	}
	return {
		ok: false,
		error: `unknown ${what} "${input}"`,
		suggestions: hits.map((h) => h.item.label),
	};
}

function fuseOver<T>(items: Named<T>[]): Fuse<Named<T>> {
	return new Fuse(items, {
		keys: ['keys'],
		includeScore: true,
		ignoreDiacritics: true,
		threshold: 0.4,
		getFn: (it) => it.keys.map(fold),
	});
}

/** Lookup tables for one store, built once. */
export class Resolver {
	private readonly countries: Named<string>[];
	private readonly actors: Named<string>[];
	private readonly types: Named<IncidentType>[];
	private readonly actorFuse: Fuse<Named<string>>;
	private readonly countryFuse: Fuse<Named<string>>;

	private readonly memory: Store | undefined;
	/** What the names come from: the store or the backend (search's source: and actor: filters read it). */
	readonly data: Store | Backend;
	private readonly newest: () => string | undefined;

	/** From the store, or from a backend's small tables (the names of the index's data). */
	constructor(source: Store | Backend) {
		const data = source;
		this.data = source;
		this.memory = 'kind' in source ? undefined : source;
		const withIncidents = 'kind' in source ? source.incidentCountries() : [...source.incidentsByCountry.keys()];
		this.newest = 'kind' in source ? () => source.newestDays().incidentDate : () => source.incidents[0]?.date;
		const codes = new Set<string>([...data.countryByCode.keys(), ...withIncidents]);
		this.countries = [...codes].sort().map((code) => {
			const name = data.countryByCode.get(code)?.name;
			return named(code, name ? `${code} ${name}` : code, name ? [code, name] : [code]);
		});
		this.actors = data.actors.map((a) =>
			named(a.id, actorLabel(a), [a.id, a.name, ...(a.short ? [a.short] : []), ...a.aliases]),
		);
		this.types = incidentTypeLabels.map((t) => named(t, t, [t]));
		this.actorFuse = fuseOver(this.actors);
		this.countryFuse = fuseOver(this.countries);
	}

	/** The newest incident's recorded date: where a relative "90d" counts back from. */
	newestIncidentDate(): string | undefined {
		return this.newest();
	}

	/** The in-memory store, for what only it answers yet (search sources, watch names). */
	get store(): Store {
		if (!this.memory) throw new Error('this answer needs the data loaded in memory, not from the index');
		return this.memory;
	}

	country(input: string): Resolved<string> {
		return resolveAmong(input, 'country', this.countries, this.countryFuse);
	}

	actor(input: string): Resolved<string> {
		return resolveAmong(input, 'actor', this.actors, this.actorFuse);
	}

	type(input: string): Resolved<IncidentType> {
		return resolveAmong(input, 'type', this.types, undefined);
	}

	/** Completion candidates for a partly typed value, best first. */
	complete(field: 'country' | 'actor' | 'type', input: string, limit = 8): { value: string; label: string }[] {
		const items: Named<string>[] = field === 'country' ? this.countries : field === 'actor' ? this.actors : this.types;
		const q = squash(input);
		if (q === '') return items.slice(0, limit).map(({ value, label }) => ({ value, label }));
		const starts = items.filter((it) => it.squashed.some((k) => k.startsWith(q)));
		const contains = items.filter((it) => !starts.includes(it) && it.squashed.some((k) => k.includes(q)));
		let out = [...starts, ...contains];
		if (out.length === 0 && field !== 'type') {
			const fuse = field === 'country' ? this.countryFuse : this.actorFuse;
			out = fuse.search(fold(input), { limit }).map((h) => h.item);
		}
		return out.slice(0, limit).map(({ value, label }) => ({ value, label }));
	}
}

export function actorLabel(a: Actor): string {
	const short = shortName(a);
	return short.toLowerCase() === a.name.toLowerCase() ? a.name : `${short} (${a.name})`;
}

/** A name that fits a table cell: the actor's short name, else its name. */
export function shortName(a: Actor): string {
	return a.short ?? a.name;
}
