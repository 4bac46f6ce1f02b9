// Turns the actor names of imported rows into sitrep actor ids: the data's
// own actors first (by name, short name, alias), then the alias table, then a
// new actor. Every merge is counted so the import report can show it.
import { KNOWN_ACTORS, type KnownActor, NOT_ACTORS } from '../../core/aliases.js';
import { compareText } from '../../core/collate.js';
import { fold } from '../../core/fold.js';
import { sanitizeLine } from '../../core/sanitize.js';
import type { Actor } from '../../core/schema.js';
import { countryCode } from './countries.js';

export interface Merge {
	/** The name as the file gives it. */
	name: string;
	into: string;
	via: 'name' | 'alias' | 'alias table';
	rows: number;
}

export type Resolved = { id: string } | { label: string };

interface Where {
	country: string;
	date: string;
	dataset: string;
	ref: string;
}

/** "Military Forces of Pakistan (2018-2022)" -> "Military Forces of Pakistan". */
function withoutPeriod(name: string): string {
	return name.replace(/\s*\((\d{4})?\s*-\s*(\d{4})?\)\s*$/, '');
}

function slug(name: string): string {
	return (
		fold(name)
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 60) || 'actor'
	);
}

export class ActorMerger {
	readonly created: Actor[] = [];
	private readonly merges = new Map<string, Merge>();
	private readonly byKey = new Map<string, { id: string; via: Merge['via'] }>();
	private readonly ids = new Set<string>();
	private readonly createdIds = new Set<string>();
	private readonly cache = new Map<string, Resolved | undefined>();

	constructor(private readonly existing: Actor[]) {
		for (const a of existing) {
			this.ids.add(a.id);
			this.key(a.name, a.id, 'name');
			for (const alias of [a.short, ...a.aliases]) if (alias) this.key(alias, a.id, 'alias');
		}
	}

	private key(name: string, id: string, via: Merge['via']): void {
		const k = fold(name);
		if (k && !this.byKey.has(k)) this.byKey.set(k, { id, via });
	}

	get merged(): Merge[] {
		return [...this.merges.values()].sort((a, b) => b.rows - a.rows || compareText(a.name, b.name));
	}

	/** An actor id, a plain label for non-actors ("civilians"), or undefined for an empty cell. */
	resolve(raw: string, where: Where): Resolved | undefined {
		// As the loader will show it: a name with escape sequences or odd spacing still merges.
		const name = sanitizeLine(raw);
		if (!name) return undefined;
		// Names whose meaning depends on place and date ("Government of Afghanistan") cache per meaning.
		const scoped = scopedMatch(name, where) ?? scopedMatch(withoutPeriod(name), where);
		const cacheKey = `${name}\u0000${where.country}\u0000${scoped?.id ?? ''}`;
		if (this.cache.has(cacheKey)) {
			const hit = this.cache.get(cacheKey);
			if (hit && 'id' in hit) this.count(name, hit.id);
			return hit;
		}
		const found = this.find(name, where);
		this.cache.set(cacheKey, found);
		return found;
	}

	private count(name: string, id: string, via?: Merge['via']): void {
		const m = this.merges.get(`${name}\u0000${id}`);
		if (m) m.rows++;
		else if (via) this.merges.set(`${name}\u0000${id}`, { name, into: id, via, rows: 1 });
	}

	private find(name: string, where: Where): Resolved {
		for (const { pattern, label } of NOT_ACTORS) if (pattern.test(name)) return { label };
		const variants = [name, withoutPeriod(name), ...name.split(/:\s+/)].filter(
			(v, i, all) => v && all.indexOf(v) === i,
		);
		// Names whose meaning depends on place and date come first ("IS" in Pakistan is ISKP).
		for (const v of variants) {
			const known = scopedMatch(v, where);
			if (known) return this.fromTable(name, known);
		}
		for (const v of variants) {
			const hit = this.byKey.get(fold(v));
			if (hit) {
				if (this.createdIds.has(hit.id)) return { id: hit.id };
				this.count(name, hit.id, hit.via);
				return { id: hit.id };
			}
		}
		for (const v of variants) {
			const known = tableMatch(v);
			if (known) return this.fromTable(name, known);
		}
		return { id: this.create(name, where) };
	}

	/** A table actor: the data's own when it has one (by id or name), else created from the table. */
	private fromTable(name: string, known: KnownActor): Resolved {
		const own =
			this.existing.find((a) => a.id === known.id) ?? this.existing.find((a) => fold(a.name) === fold(known.name));
		if (own) {
			this.count(name, own.id, 'alias table');
			return { id: own.id };
		}
		if (!this.ids.has(known.id)) {
			this.ids.add(known.id);
			this.createdIds.add(known.id);
			this.created.push({
				id: known.id,
				name: known.name,
				...(known.short ? { short: known.short } : {}),
				aliases: [...known.aliases],
				kind: known.kind,
				affiliations: [],
				countries: [...known.countries],
				summary: known.summary,
			});
			this.key(known.name, known.id, 'alias table');
		}
		return { id: known.id };
	}

	private create(name: string, where: Where): string {
		const base = withoutPeriod(name);
		const state = /^(government|military forces|police forces) of (the )?(.+)$/i.exec(base);
		const home = state ? countryCode({ name: state[3] }) : undefined;
		let id = slug(base);
		for (let n = 2; this.ids.has(id); n++) id = `${slug(base)}-${n}`;
		this.ids.add(id);
		this.createdIds.add(id);
		this.created.push({
			id,
			name: base,
			aliases: base === name ? [] : [name],
			kind: state ? 'state' : 'group',
			affiliations: [],
			// "Government of India" in a Pakistani row is India's; other groups belong where first seen.
			countries: home ? [home] : /^[A-Z]{2}$/.test(where.country) ? [where.country] : [],
			summary: `Imported from ${where.dataset}; first seen in record ${where.ref}.`,
		});
		this.key(base, id, 'name');
		this.key(name, id, 'name');
		return id;
	}
}

function scopedMatch(name: string, where: Where): KnownActor | undefined {
	const k = fold(name);
	for (const known of KNOWN_ACTORS) {
		for (const s of known.scoped ?? []) {
			if (fold(s.alias) !== k) continue;
			if (s.countries && !s.countries.includes(where.country)) continue;
			if (s.since && where.date < s.since) continue;
			if (s.until && where.date > s.until) continue;
			return known;
		}
	}
	return undefined;
}

let tableKeys: Map<string, KnownActor> | undefined;

function tableMatch(name: string): KnownActor | undefined {
	if (!tableKeys) {
		tableKeys = new Map();
		for (const known of KNOWN_ACTORS) {
			for (const n of [known.name, known.short, ...known.aliases]) {
				if (n && !tableKeys.has(fold(n))) tableKeys.set(fold(n), known);
			}
		}
	}
	return tableKeys.get(fold(name));
}
