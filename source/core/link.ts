// Entity linking: which actors, countries and incident types a text names.
// The gazetteer (the actors' names and aliases, the countries, the built-in
// places and incident wording of core/places.ts) is built once into a trie of
// folded words. A text is tokenized once and walked left to right, longest
// match first, so linking costs a map lookup per word, not a regex per alias.
// Words are folded like the search index's (case, diacritics), and every match
// keeps the offsets of the original text it came from.

import { G } from './glyphs.js';
import {
	EXTRA_ALIASES,
	INCIDENT_WORDS,
	LOCATIVES,
	NOT_BEFORE,
	NOT_INCIDENTS,
	REGION_COUNTRIES,
	TITLES,
} from './places.js';
import type { Actor, ActorKind, Article, Country } from './schema.js';
import { currentKey, Scanner } from './tokenize.js';
import { weakAliasesOf } from './weakAliases.js';
import { editDistance } from './words.js';

export interface LinkMatch {
	/** The original text matched, as written. */
	text: string;
	/** UTF-16 offsets in the text that was linked (in the field, for linkArticle). */
	start: number;
	end: number;
	field?: 'title' | 'body';
}

export interface Link {
	/** Actor id, country code, or incident type label for tags. */
	id: string;
	label: string;
	/** In text order. */
	matches: LinkMatch[];
}

export interface CountryLink extends Link {
	/** The country is in the data's countries (else it is one of the built-in region countries). */
	known: boolean;
}

export interface Links {
	/** In order of first mention. */
	actors: Link[];
	countries: CountryLink[];
	/** Suggested incident-type tags (labels of INCIDENT_TYPES). */
	tags: Link[];
}

const ACTOR = 0;
const COUNTRY = 1;
const TAG = 2;
type Layer = typeof ACTOR | typeof COUNTRY | typeof TAG;

interface Entry {
	layer: Layer;
	/** Actor id, country code or tag label; '' for a phrase that only blocks (rocket-propelled). */
	target: string;
	/** Short all-capital aliases (IS, TTP): the words exactly as they must be written. */
	exact?: string[];
	/** A person's bare surname: only after a title or the full name. */
	surname?: boolean;
	/**
	 * A weak alias (core/weakAliases.ts: "Haqqani" for the network): never a link on its own. Only
	 * another mention of an actor the text has already named, and not inside a longer name.
	 */
	weak?: boolean;
	/** An actor alias that is also a place (Islamabad, Tehran): not after "in", "near"... */
	place?: boolean;
	/** Not after "ethnic" (an ethnic Tajik in Afghanistan is not Tajikistan). */
	demonym?: boolean;
	/** Not when one of these words follows within the phrase ("the execution of attacks"). */
	notBefore?: Set<string>;
}

interface Node {
	next?: Map<string, Node>;
	entries?: Entry[];
}

export interface Gazetteer {
	root: Node;
	actors: Map<string, { label: string; kind: ActorKind }>;
	countries: Map<string, { label: string; known: boolean }>;
}

const TITLE_WORDS = new Set(TITLES);
const LOCATIVE_WORDS = new Set(LOCATIVES);
/** Case-sensitive aliases that are also English words: not trusted in an all-capitals line. */
const ENGLISH = new Set(['is', 'us', 'it', 'as', 'am', 'an', 'at', 'in', 'on', 'or', 'no', 'so', 'do', 'we', 'me']);

interface Tokens {
	text: string;
	starts: number[];
	ends: number[];
	keys: string[];
	/** The gap before token k may sit inside a name (space, hyphen, apostrophe; no sentence break). */
	joins: boolean[];
	/** Token k is the "s" of a possessive ("Taliban's", "Taliban’s"). */
	possessive: boolean[];
}

const scanner = new Scanner();

function tokenize(text: string): Tokens {
	const t: Tokens = { text, starts: [], ends: [], keys: [], joins: [], possessive: [] };
	scanner.reset(text);
	let prevEnd = -1;
	while (scanner.next()) {
		const key = currentKey(scanner);
		if (key === '') continue;
		const { start, end } = scanner;
		t.joins.push(prevEnd >= 0 && joinable(text, prevEnd, start));
		t.possessive.push(
			prevEnd >= 0 &&
				start - prevEnd === 1 &&
				key === 's' &&
				end - start === 1 &&
				isApostrophe(text.charCodeAt(prevEnd)),
		);
		t.starts.push(start);
		t.ends.push(end);
		t.keys.push(key);
		prevEnd = end;
	}
	return t;
}

function isApostrophe(c: number): boolean {
	return c === 39 || c === 0x2019 || c === 0x2bc;
}

/** Spaces, one line break, hyphens and apostrophes join the words of a name; anything else ends it. */
function joinable(text: string, from: number, to: number): boolean {
	if (to - from > 3) return false;
	let breaks = 0;
	for (let i = from; i < to; i++) {
		const c = text.charCodeAt(i);
		if (c === 10) breaks++;
		else if (
			!(c === 32 || c === 9 || c === 13 || c === 0xa0 || c === 45 || c === 0x2010 || c === 0x2011 || c === 0x2013) &&
			!isApostrophe(c)
		)
			return false;
	}
	return breaks <= 1;
}

function isShortCapitals(name: string): boolean {
	const letters = name.replace(/[^\p{L}\p{N}]/gu, '');
	return letters.length <= 4 && /^[A-Z0-9]+$/.test(letters) && /[A-Z]/.test(letters);
}

function add(root: Node, phrase: string, entry: Omit<Entry, 'exact'>): void {
	const t = tokenize(phrase);
	if (t.keys.length === 0) return;
	let node = root;
	for (const key of t.keys) {
		node.next ??= new Map();
		let child = node.next.get(key);
		if (!child) {
			child = {};
			node.next.set(key, child);
		}
		node = child;
	}
	const e: Entry = { ...entry };
	if (isShortCapitals(phrase)) e.exact = t.starts.map((s, i) => phrase.slice(s, t.ends[i]));
	node.entries ??= [];
	const same = node.entries.find(
		(o) =>
			o.layer === e.layer &&
			o.target === e.target &&
			o.surname === e.surname &&
			o.weak === e.weak &&
			!o.exact === !e.exact,
	);
	if (!same) node.entries.push(e);
}

/** Doubled letters collapsed: "Haqqani" and "Haqani" are one surname for telling persons apart. */
function collapse(key: string): string {
	return key.replace(/(.)\1+/g, '$1');
}

function lastKey(phrase: string): { key: string; count: number } {
	const t = tokenize(phrase);
	return { key: t.keys[t.keys.length - 1] ?? '', count: t.keys.length };
}

/** A person's surname and its spellings among the aliases ("Muzammil", "Muzamil"). */
function surnamesOf(person: Actor): string[] {
	const { key, count } = lastKey(person.name);
	if (count < 2 || key.length < 4) return [];
	const out = new Set([key]);
	for (const alias of person.aliases) {
		const a = lastKey(alias);
		if (a.count >= 2 && a.key.length >= 4 && editDistance(a.key, key) <= 2) out.add(a.key);
	}
	return [...out];
}

/** One gazetteer per data set: actors (name, short, aliases), countries, built-in places and incident words. */
export function buildGazetteer(data: { actors: readonly Actor[]; countries: readonly Country[] }): Gazetteer {
	const root: Node = {};
	const gaz: Gazetteer = { root, actors: new Map(), countries: new Map() };
	const placeKeys = new Set<string>();
	const addPlace = (phrase: string, code: string, demonym = false) => {
		add(root, phrase, { layer: COUNTRY, target: code, ...(demonym ? { demonym } : {}) });
		placeKeys.add(tokenize(phrase).keys.join(' '));
	};
	for (const c of data.countries) {
		gaz.countries.set(c.code, { label: c.name, known: true });
		addPlace(c.name, c.code);
	}
	for (const c of REGION_COUNTRIES) {
		if (!gaz.countries.has(c.code)) gaz.countries.set(c.code, { label: c.name, known: false });
		for (const name of [c.name, ...c.names, ...c.places]) addPlace(name, c.code);
		for (const d of c.demonyms) addPlace(d, c.code, true);
	}
	// Surnames held by one actor only: a bare "Haqqani" could be any of three people or the network.
	const holders = new Map<string, Set<string>>();
	const hold = (key: string, id: string) => {
		slot(holders, collapse(key), () => new Set<string>()).add(id);
	};
	const surnames = new Map<string, string[]>();
	const weakAliases = weakAliasesOf(data.actors);
	for (const a of data.actors) {
		gaz.actors.set(a.id, { label: a.name, kind: a.kind });
		const names = [a.name, ...(a.short ? [a.short] : []), ...a.aliases, ...(EXTRA_ALIASES[a.id] ?? [])];
		const weak = weakAliases.get(a.id);
		for (const name of names) {
			const key = tokenize(name).keys.join(' ');
			add(root, name, {
				layer: ACTOR,
				target: a.id,
				...(placeKeys.has(key) ? { place: true } : {}),
				...(weak?.has(name) && name !== a.name && name !== a.short ? { weak: true } : {}),
			});
			if (!key.includes(' ')) hold(key, a.id);
		}
		if (a.kind === 'person') {
			const own = surnamesOf(a);
			surnames.set(a.id, own);
			for (const s of own) hold(s, a.id);
		}
	}
	for (const [id, own] of surnames) {
		for (const s of own)
			if (holders.get(collapse(s))?.size === 1) add(root, s, { layer: ACTOR, target: id, surname: true });
	}
	for (const [label, words] of INCIDENT_WORDS) {
		const not = NOT_BEFORE[label];
		for (const w of words) add(root, w, { layer: TAG, target: label, ...(not ? { notBefore: new Set(not) } : {}) });
	}
	for (const w of NOT_INCIDENTS) add(root, w, { layer: TAG, target: '' });
	return gaz;
}

const cache = new WeakMap<object, Gazetteer>();

/** The gazetteer of a store (or any {actors, countries}), built on first use. */
export function gazetteerOf(data: { actors: readonly Actor[]; countries: readonly Country[] }): Gazetteer {
	let g = cache.get(data);
	if (!g) {
		g = buildGazetteer(data);
		cache.set(data, g);
	}
	return g;
}

interface RawMatch {
	layer: Layer;
	target: string;
	start: number;
	end: number;
}

/** The line holding pos is mostly capitals (a shouted headline), where "IS" is just a word. */
function shouting(text: string, pos: number): boolean {
	const from = text.lastIndexOf('\n', pos) + 1;
	let to = text.indexOf('\n', pos);
	if (to < 0) to = text.length;
	const words = text.slice(from, to).match(/\p{L}{2,}/gu) ?? [];
	const caps = words.filter((w) => w === w.toUpperCase()).length;
	return words.length >= 3 && caps >= 0.8 * words.length;
}

/** Whether token k's first letter is a capital as written. */
function capitalised(t: Tokens, k: number): boolean {
	const ch = t.text.slice(t.starts[k] ?? 0, (t.starts[k] ?? 0) + 2);
	return /^\p{Lu}/u.test(ch);
}

/**
 * Tokens first..last sit inside a longer name: a title, or a word written with
 * a capital, joins them before or after ("Hamid ul Haq Haqqani", "Mr Haqqani",
 * "Haqqani Trust").
 */
function insideName(t: Tokens, first: number, last: number): boolean {
	const before = first - 1;
	if (before >= 0 && t.joins[first] && (TITLE_WORDS.has(t.keys[before] ?? '') || capitalised(t, before))) return true;
	const after = last + 1;
	return after < t.keys.length && (t.joins[after] ?? false) && capitalised(t, after);
}

function scan(gaz: Gazetteer, text: string): RawMatch[] {
	const t = tokenize(text);
	const { keys, starts, ends, joins, possessive } = t;
	const n = keys.length;
	const out: RawMatch[] = [];
	const nextFree = [0, 0, 0];
	const seen = new Set<string>();
	const path: number[] = [];
	const best: (Entry[] | undefined)[] = [undefined, undefined, undefined];
	const bestEnd = [0, 0, 0];

	const valid = (e: Entry, i: number, depth: number): boolean => {
		if (e.exact) {
			if (e.exact.length !== depth) return false;
			for (let d = 0; d < depth; d++) {
				const k = path[d] ?? 0;
				if (text.slice(starts[k], ends[k]) !== e.exact[d]) return false;
			}
			if (depth === 1 && ENGLISH.has(keys[i] ?? '') && shouting(text, starts[i] ?? 0)) return false;
		}
		const prev = i > 0 && joins[i] ? keys[i - 1] : undefined;
		if (e.surname && !seen.has(e.target)) {
			// "Mullah Akhundzada", "Gen. Munir": the title may end in a full stop.
			const gap = i > 0 ? text.slice(ends[i - 1], starts[i]) : '';
			if (!(i > 0 && TITLE_WORDS.has(keys[i - 1] ?? '') && /^\.?\s{1,2}$/.test(gap))) return false;
		}
		if (e.weak && (!seen.has(e.target) || insideName(t, i, path[depth - 1] ?? i))) return false;
		if (e.place && prev !== undefined && LOCATIVE_WORDS.has(prev)) return false;
		if (e.demonym && prev === 'ethnic') return false;
		if (e.notBefore) {
			const last = path[depth - 1] ?? i;
			for (let k = last + 1; k < Math.min(n, last + 5) && joins[k]; k++)
				if (e.notBefore.has(keys[k] ?? '')) return false;
		}
		return true;
	};

	for (let i = 0; i < n; i++) {
		const first = gaz.root.next?.get(keys[i] ?? '');
		if (!first) continue;
		let node: Node = first;
		best[0] = best[1] = best[2] = undefined;
		let j = i;
		path.length = 0;
		path.push(i);
		for (;;) {
			if (node.entries) {
				for (const layer of [ACTOR, COUNTRY, TAG] as const) {
					if (i < (nextFree[layer] ?? 0)) continue;
					const ok = node.entries.filter((e) => e.layer === layer && valid(e, i, path.length));
					if (ok.length) {
						best[layer] = ok;
						bestEnd[layer] = j;
					}
				}
			}
			// Extend by the next word, stepping over a possessive "'s" inside a name.
			let k = j + 1;
			if (k >= n || !joins[k]) break;
			let child: Node | undefined = node.next?.get(keys[k] ?? '');
			if (!child && possessive[k] && k + 1 < n && joins[k + 1]) {
				k++;
				child = node.next?.get(keys[k] ?? '');
			}
			if (!child) break;
			node = child;
			j = k;
			path.push(k);
		}
		for (const layer of [ACTOR, COUNTRY, TAG] as const) {
			const found = best[layer];
			if (!found) continue;
			const last = bestEnd[layer] ?? i;
			nextFree[layer] = last + 1;
			// An alias beats a bare surname or a weak alias; two actors sharing an alias link neither.
			const firm = found.filter((e) => !e.surname && !e.weak);
			const targets = new Set((firm.length ? firm : found).map((e) => e.target));
			if (targets.size !== 1) continue;
			const target = [...targets][0] ?? '';
			if (target === '') continue;
			out.push({ layer, target, start: starts[i] ?? 0, end: ends[last] ?? 0 });
			if (layer === ACTOR) seen.add(target);
		}
	}
	return out;
}

function slot<V>(map: Map<string, V>, key: string, make: () => V): V {
	let v = map.get(key);
	if (v === undefined) {
		v = make();
		map.set(key, v);
	}
	return v;
}

function collect(gaz: Gazetteer, raw: RawMatch[], text: string, place: (m: RawMatch) => LinkMatch): Links {
	const actors = new Map<string, Link>();
	const countries = new Map<string, CountryLink>();
	const tags = new Map<string, Link>();
	for (const m of raw) {
		const match = place(m);
		match.text = text.slice(m.start, m.end);
		const id = m.target;
		const link =
			m.layer === ACTOR
				? slot(actors, id, () => ({ id, label: gaz.actors.get(id)?.label ?? id, matches: [] }))
				: m.layer === COUNTRY
					? slot(countries, id, () => {
							const c = gaz.countries.get(id);
							return { id, label: c?.label ?? id, known: c?.known ?? false, matches: [] };
						})
					: slot(tags, id, () => ({ id, label: id, matches: [] }));
		link.matches.push(match);
	}
	// "bombing" only when nothing more specific (a suicide attack, an IED) was named.
	if (tags.has('suicide bombing') || tags.has('IED')) tags.delete('bombing');
	return { actors: [...actors.values()], countries: [...countries.values()], tags: [...tags.values()] };
}

/** Actors, countries and incident-type tags named in a text, each with every match. */
export function linkText(gaz: Gazetteer, text: string): Links {
	return collect(gaz, scan(gaz, text), text, (m) => ({ text: '', start: m.start, end: m.end }));
}

/** Links title and body as one text (a name in the title gives context to a surname in the body). */
export function linkArticle(gaz: Gazetteer, article: { title: string; body: string }): Links {
	const sep = '\n\n';
	const text = article.title + sep + article.body;
	const bodyAt = article.title.length + sep.length;
	return collect(gaz, scan(gaz, text), text, (m) =>
		m.start < bodyAt
			? { text: '', start: m.start, end: m.end, field: 'title' }
			: { text: '', start: m.start - bodyAt, end: m.end - bodyAt, field: 'body' },
	);
}

/** `"Islamic State Khorasan Province" (title), "ISKP" ×3`: the distinct texts of a link's matches. */
export function matchSummary(matches: readonly LinkMatch[]): string {
	const groups = new Map<string, { text: string; field?: string; n: number }>();
	for (const m of matches) {
		const key = `${m.field ?? ''}\u0000${m.text}`;
		const g = groups.get(key);
		if (g) g.n++;
		else groups.set(key, { text: m.text, field: m.field, n: 1 });
	}
	return [...groups.values()]
		.map(
			(g) => `${JSON.stringify(g.text)}${g.field === 'title' ? ' (title)' : ''}${g.n > 1 ? ` ${G.times}${g.n}` : ''}`,
		)
		.join(', ');
}

/**
 * Articles whose actors or countries are empty get them linked from title and
 * body; only the empty list is filled, and a filled article is a new object
 * (`replaced` hears of each). Countries are kept when the data lists them, or
 * when the data has no countries at all. The gazetteer is built only if needed
 * (or given: the SQLite index links its articles a few at a time).
 */
export function linkEmptyArticles<T extends Pick<Article, 'title' | 'body' | 'actors' | 'countries'>>(
	data: { articles: T[]; actors: readonly Actor[]; countries: readonly Country[] },
	replaced?: (from: T, to: T) => void,
	given?: Gazetteer,
): T[] {
	let gaz: Gazetteer | undefined = given;
	return data.articles.map((art) => {
		if (art.actors.length > 0 && art.countries.length > 0) return art;
		gaz ??= buildGazetteer(data);
		const links = linkArticle(gaz, art);
		const anyCountry = data.countries.length === 0;
		const actors = links.actors.map((l) => l.id);
		const countries = links.countries.filter((c) => c.known || anyCountry).map((c) => c.id);
		const fill = {
			actors: art.actors.length === 0 && actors.length > 0,
			countries: art.countries.length === 0 && countries.length > 0,
		};
		if (!fill.actors && !fill.countries) return art;
		const to = {
			...art,
			actors: fill.actors ? actors : art.actors,
			countries: fill.countries ? countries : art.countries,
		};
		replaced?.(art, to);
		return to;
	});
}
