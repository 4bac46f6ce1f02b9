// Actor profiles and the Actors list: who an actor is, where it sits among
// the others, what it did and who wrote about it. `sitrep actor`, the
// Actors pane and briefs all read these.
import Fuse from 'fuse.js';
import { asBackend } from './backend/memory.js';
import type { Backend } from './backend/types.js';
import { compareText } from './collate.js';
import { fold, squash } from './fold.js';
import { shortName } from './resolve.js';
import { type DayRange, DEFAULT_RISK_DAYS, effectiveDay, inRange, type RiskWindow, riskWindow } from './risk.js';
import type { Actor, ActorKind, Affiliation, Article, Incident } from './schema.js';
import { type ActorRole, rolesIn, type Store, tallyRoles } from './store.js';

/** The actor lookups profiles and matching need: the small table, whichever backend holds it. */
export interface ActorTables {
	readonly actors: readonly Actor[];
	readonly actorById: ReadonlyMap<string, Actor>;
}

import { TARGET_KINDS, targetKindsOf } from './targetKinds.js';
import { type Bucket, countBy, countDates } from './timeline.js';
import { weakAliasesOf } from './weakAliases.js';

export interface ActorLink {
	id: string;
	name: string;
	kind?: ActorKind;
	/** False when the id is not in the actor list. */
	known: boolean;
}

export interface RoleSpan {
	role?: string;
	since?: string;
	until?: string;
}

export interface AffiliationNode extends ActorLink {
	/** How the lower actor relates to the upper one: part of it (parent) or a person in it (member). */
	relation: 'parent' | 'member';
	/** One per affiliation record (a person may hold several posts in one group). */
	roles: RoleSpan[];
	/** Upward: the groups this one is part of. Downward: the groups within this one. */
	links: AffiliationNode[];
}

export interface MemberEntry extends ActorLink {
	roles: RoleSpan[];
	status?: string;
}

export interface Affiliations {
	/** What the actor belongs to, up to the top (Haqqani network → Taliban). */
	parents: AffiliationNode[];
	/** Groups within the actor, down to the bottom. */
	children: AffiliationNode[];
	/** Persons (or others) recorded as members of the actor, with their roles. */
	members: MemberEntry[];
	/** Declared by either side. */
	allies: ActorLink[];
	rivals: ActorLink[];
}

export type MentionField = 'title' | 'summary' | 'body';

export interface Mention {
	article: Article;
	/** The article lists the actor in its `actors` ids. */
	linked: boolean;
	/** Names or aliases found in the text (empty when only linked). */
	terms: string[];
	fields: MentionField[];
}

export interface ActorIncident {
	incident: Incident;
	roles: ActorRole[];
}

export interface ActorCounts {
	/** Perpetrator or claimant. */
	asPerpetrator: number;
	asTarget: number;
	/** Any role. */
	incidents: number;
}

/** What an actor did in one country: its incidents there by role, and the newest of them. */
export interface CountryActivity {
	country: string;
	/** With the actor in any role (an incident it both carried out and claimed counts once). */
	incidents: number;
	perpetrator: number;
	claimant: number;
	target: number;
	latest: ActorIncident;
}

/** What an actor's attacks were aimed at, by kind (core/targetKinds.ts): as perpetrator or claimant only. */
export interface TargetActivity {
	kind: string;
	incidents: number;
	latest: ActorIncident;
}

export interface ActorProfile {
	actor: Actor;
	aliases: string[];
	affiliations: Affiliations;
	/** All incidents involving the actor, newest first. */
	incidents: ActorIncident[];
	/** Newest first. */
	mentions: Mention[];
	firstSeen?: string;
	lastSeen?: string;
	/**
	 * lastSeen mixes incidents and articles, and an article written later
	 * about an old attack is no sign of activity: these keep the two apart.
	 */
	lastIncident?: string;
	lastMentioned?: string;
	/** Where first/last seen come from: incidents and articles, the actor record's firstActive/lastActive, or nowhere. */
	seenFrom: 'data' | 'record' | 'none';
	window: RiskWindow;
	/** In the window. */
	counts: ActorCounts;
	/** The window's incidents, newest first: what its counts are made of. */
	windowIncidents: ActorIncident[];
	/** Per country, up to the window's end (an --as-of date leaves later incidents out): busiest first. */
	activity: CountryActivity[];
	/** Per kind of target of its attacks, up to the window's end: busiest first. */
	targets: TargetActivity[];
	/** Weekly, across the window. */
	buckets: Bucket[];
}

function link(store: ActorTables, id: string): ActorLink {
	const a = store.actorById.get(id);
	return a ? { id, name: a.name, kind: a.kind, known: true } : { id, name: id, known: false };
}

function span(af: Affiliation): RoleSpan {
	return {
		...(af.role ? { role: af.role } : {}),
		...(af.since ? { since: af.since } : {}),
		...(af.until ? { until: af.until } : {}),
	};
}

/** Groups an actor's parent/member records by the group they point to, in record order. */
function upward(store: ActorTables, actor: Actor | undefined, path: Set<string>): AffiliationNode[] {
	if (!actor) return [];
	const nodes = new Map<string, AffiliationNode>();
	for (const af of actor.affiliations) {
		if (af.relation !== 'parent' && af.relation !== 'member') continue;
		if (path.has(af.actor)) continue;
		const key = `${af.relation}:${af.actor}`;
		let node = nodes.get(key);
		if (!node) {
			node = { ...link(store, af.actor), relation: af.relation, roles: [], links: [] };
			node.links = upward(store, store.actorById.get(af.actor), new Set([...path, af.actor]));
			nodes.set(key, node);
		}
		const s = span(af);
		if (Object.keys(s).length) node.roles.push(s);
	}
	return [...nodes.values()];
}

function downward(store: ActorTables, id: string, path: Set<string>): AffiliationNode[] {
	const out: AffiliationNode[] = [];
	for (const a of store.actors) {
		if (path.has(a.id)) continue;
		const recs = a.affiliations.filter((af) => af.relation === 'parent' && af.actor === id);
		if (!recs.length) continue;
		out.push({
			...link(store, a.id),
			relation: 'parent',
			roles: recs.map(span).filter((s) => Object.keys(s).length),
			links: downward(store, a.id, new Set([...path, a.id])),
		});
	}
	return out;
}

export function affiliationsOf(store: ActorTables, actorId: string): Affiliations {
	const actor = store.actorById.get(actorId);
	const members: MemberEntry[] = [];
	const allies = new Set<string>();
	const rivals = new Set<string>();
	for (const af of actor?.affiliations ?? []) {
		if (af.relation === 'ally') allies.add(af.actor);
		if (af.relation === 'rival') rivals.add(af.actor);
	}
	for (const a of store.actors) {
		if (a.id === actorId) continue;
		const recs = a.affiliations.filter((af) => af.actor === actorId);
		const asMember = recs.filter((af) => af.relation === 'member');
		if (asMember.length) {
			members.push({
				...link(store, a.id),
				roles: asMember.map(span).filter((s) => Object.keys(s).length),
				...(a.status ? { status: a.status } : {}),
			});
		}
		if (recs.some((af) => af.relation === 'ally')) allies.add(a.id);
		if (recs.some((af) => af.relation === 'rival')) rivals.add(a.id);
	}
	const links = (ids: Set<string>) =>
		[...ids].map((id) => link(store, id)).sort((a, b) => compareText(a.name, b.name) || compareText(a.id, b.id));
	return {
		parents: upward(store, actor, new Set([actorId])),
		children: downward(store, actorId, new Set([actorId])),
		members,
		allies: links(allies),
		rivals: links(rivals),
	};
}

export function roleText(r: RoleSpan): string {
	const when =
		r.since && r.until ? `${r.since} to ${r.until}` : r.since ? `since ${r.since}` : r.until ? `until ${r.until}` : '';
	return [r.role, when].filter(Boolean).join(', ');
}

export interface OutlineLine {
	depth: number;
	text: string;
	/** The actor the line is about, for following the link. */
	id?: string;
}

/**
 * The affiliation tree as indented lines, e.g.
 *   Member of Haqqani Network: senior leader, until 2024-12-11
 *     Part of Taliban
 */
export function affiliationOutline(aff: Affiliations): OutlineLine[] {
	const out: OutlineLine[] = [];
	const roles = (n: { roles: RoleSpan[] }) => {
		const t = n.roles.map(roleText).filter(Boolean).join('; ');
		return t ? `: ${t}` : '';
	};
	const up = (nodes: AffiliationNode[], depth: number) => {
		for (const n of nodes) {
			out.push({ depth, text: `${n.relation === 'member' ? 'Member of' : 'Part of'} ${n.name}${roles(n)}`, id: n.id });
			up(n.links, depth + 1);
		}
	};
	const down = (nodes: AffiliationNode[], depth: number) => {
		for (const n of nodes) {
			out.push({ depth, text: `${n.name}${roles(n)}`, id: n.id });
			down(n.links, depth + 1);
		}
	};
	up(aff.parents, 0);
	if (aff.children.length) {
		out.push({ depth: 0, text: 'Groups within it' });
		down(aff.children, 1);
	}
	const group = (title: string, list: (ActorLink & { roles?: RoleSpan[] })[]) => {
		if (!list.length) return;
		out.push({ depth: 0, text: title });
		for (const m of list)
			out.push({ depth: 1, text: `${m.name}${m.roles ? roles({ roles: m.roles }) : ''}`, id: m.id });
	};
	group('Members', aff.members);
	group('Allies', aff.allies);
	group('Rivals', aff.rivals);
	return out;
}

/** Name, short name and aliases, without repeats (by folded form). */
export function actorTerms(a: Actor): string[] {
	const seen = new Set<string>();
	const out: string[] = [];
	for (const t of [a.name, ...(a.short ? [a.short] : []), ...a.aliases]) {
		const k = fold(t);
		if (k && !seen.has(k)) {
			seen.add(k);
			out.push(t);
		}
	}
	return out;
}

/** Aliases this short (IS, AQ, TTP) match only as written, so "is" and "aq" in prose don't count. */
export const CASE_SENSITIVE_MAX = 3;

interface Token {
	raw: string;
	folded: string;
}

const ASCII_WORD = /^[A-Za-z0-9]+$/;

/** Words of a text: letters and digits (and their marks), folded for comparison. */
function tokens(text: string): Token[] {
	const out: Token[] = [];
	for (const raw of text.split(/[^\p{L}\p{N}\p{M}]+/u)) {
		if (!raw) continue;
		// Plain ASCII words fold to lower case; only the rest need Unicode normalisation.
		if (ASCII_WORD.test(raw)) {
			out.push({ raw, folded: raw.toLowerCase() });
			continue;
		}
		const parts = fold(raw).split(' ').filter(Boolean);
		if (parts.length === 1) out.push({ raw, folded: parts[0] ?? '' });
		else for (const p of parts) out.push({ raw: p, folded: p });
	}
	return out;
}

interface Pattern {
	term: string;
	words: Token[];
	exactCase: boolean;
}

function patternOf(term: string): Pattern {
	return { term, words: tokens(term), exactCase: term.length <= CASE_SENSITIVE_MAX };
}

/** Where each folded word occurs in a text's words. */
type WordIndex = Map<string, number[]>;

function wordIndex(text: Token[]): WordIndex {
	const idx: WordIndex = new Map();
	text.forEach((t, i) => {
		const list = idx.get(t.folded);
		if (list) list.push(i);
		else idx.set(t.folded, [i]);
	});
	return idx;
}

/** Start indices where the pattern's words occur in the text's words. */
function occurrences(text: Token[], idx: WordIndex, p: Pattern): number[] {
	const n = p.words.length;
	const first = p.words[0];
	if (!first) return [];
	const hits: number[] = [];
	for (const i of idx.get(first.folded) ?? []) {
		let ok = i + n <= text.length;
		for (let j = 0; j < n && ok; j++) {
			const t = text[i + j];
			const w = p.words[j];
			ok = t !== undefined && w !== undefined && (p.exactCase ? t.raw === w.raw : t.folded === w.folded);
		}
		if (ok) hits.push(i);
	}
	return hits;
}

/**
 * Terms of the actor found in a text. An occurrence inside a longer name of
 * another actor does not count: "Taliban" in "Pakistani Taliban" is the TTP,
 * "Haqqani" in "Sirajuddin Haqqani" is the person.
 */
function termsIn(text: Token[], own: Pattern[], others: Pattern[], idx: WordIndex = wordIndex(text)): string[] {
	const found: string[] = [];
	const memo = new Map<Pattern, number[]>();
	const at = (o: Pattern) => {
		let hits = memo.get(o);
		if (!hits) {
			hits = occurrences(text, idx, o);
			memo.set(o, hits);
		}
		return hits;
	};
	for (const p of own) {
		const hits = occurrences(text, idx, p);
		if (!hits.length) continue;
		// Inside one of the actor's own longer terms, the longer term is the one reported.
		const covered = (i: number) =>
			[...own, ...others].some(
				(o) => o.words.length > p.words.length && at(o).some((s) => s <= i && s + o.words.length >= i + p.words.length),
			);
		if (hits.some((i) => !covered(i))) found.push(p.term);
	}
	return found;
}

const mentionCache = new WeakMap<Backend, Map<string, Mention[]>>();
const ASCII_TEXT = /^[\u0000-\u007f]*$/;

/** Articles linking the actor by id, or naming it (or an alias) in the title, summary or body; newest first. */
export function mentionsOf(source: Store | Backend, actorId: string): Mention[] {
	const data = asBackend(source);
	let perStore = mentionCache.get(data);
	if (!perStore) {
		perStore = new Map();
		mentionCache.set(data, perStore);
	}
	let hit = perStore.get(actorId);
	if (!hit) {
		hit = findMentions(data, actorId);
		perStore.set(actorId, hit);
	}
	return hit;
}

/** An actor's own terms (less its weak aliases: core/weakAliases.ts), and the other actors' longer names that can contain them. */
function patternsFor(store: ActorTables, actorId: string): { own: Pattern[]; others: Pattern[] } {
	const actor = store.actorById.get(actorId);
	const weak = weakAliasesOf(store.actors).get(actorId);
	const own = actor
		? actorTerms(actor)
				.filter((t) => !weak?.has(t))
				.map(patternOf)
		: [];
	const ownFolded = own.map((p) => p.words.map((w) => w.folded).join(' '));
	// Only longer names that contain one of the actor's terms can cover an occurrence.
	const others = store.actors
		.filter((a) => a.id !== actorId)
		.flatMap((a) => actorTerms(a).map(patternOf))
		.filter((o) => {
			const f = ` ${o.words.map((w) => w.folded).join(' ')} `;
			return ownFolded.some((t) => t && f.includes(` ${t} `));
		});
	return { own, others };
}

function sortTerms(terms: string[], own: Pattern[]): void {
	terms.sort((a, b) => own.findIndex((p) => p.term === a) - own.findIndex((p) => p.term === b));
}

/**
 * Every actor's mentions in one pass over the articles: each text is cut into
 * words once for all actors (mentionsOf cuts them again for each actor). The
 * dashboard runs it in idle slices, so opening a profile does no scan.
 */
export function allMentions(store: Store): Map<string, Mention[]> {
	const steps = allMentionsSteps(store);
	for (;;) {
		const step = steps.next();
		if (step.done) return step.value;
	}
}

/** allMentions an article at a time: it yields after each, for callers that run it in slices. */
export function* allMentionsSteps(store: Store): Generator<void, Map<string, Mention[]>> {
	const patterns = new Map(store.actors.map((a) => [a.id, patternsFor(store, a.id)]));
	const out = new Map<string, Mention[]>(store.actors.map((a) => [a.id, []]));
	for (const article of store.articles) {
		yield;
		const found = new Map<string, { terms: string[]; fields: MentionField[] }>();
		for (const field of ['title', 'summary', 'body'] as const) {
			const text = article[field];
			if (!text) continue;
			const words = tokens(text);
			const idx = wordIndex(words);
			for (const [id, { own, others }] of patterns) {
				// No term's first word in the text: no mention, without looking further.
				if (!own.some((p) => p.words[0] && idx.has(p.words[0].folded))) continue;
				const terms = termsIn(words, own, others, idx);
				if (!terms.length) continue;
				const f = found.get(id) ?? { terms: [], fields: [] };
				f.fields.push(field);
				for (const t of terms) if (!f.terms.includes(t)) f.terms.push(t);
				found.set(id, f);
			}
		}
		for (const a of store.actors) {
			const linked = article.actors.includes(a.id);
			const f = found.get(a.id);
			if (!linked && !f) continue;
			const terms = f?.terms ?? [];
			sortTerms(terms, patterns.get(a.id)?.own ?? []);
			out.get(a.id)?.push({ article, linked, terms, fields: f?.fields ?? [] });
		}
	}
	return out;
}

/** Fills the mentions cache (see allMentions), so profiles open without scanning articles. */
export function primeMentions(store: Store, byActor: ReadonlyMap<string, Mention[]>): void {
	const data = asBackend(store);
	let perStore = mentionCache.get(data);
	if (!perStore) {
		perStore = new Map();
		mentionCache.set(data, perStore);
	}
	for (const [id, list] of byActor) if (!perStore.has(id)) perStore.set(id, list);
}

function findMentions(data: Backend, actorId: string): Mention[] {
	const { own, others } = patternsFor(data, actorId);
	// Tokenizing every article is what costs; a plain-ASCII text that holds
	// none of the terms' first words (in any case) cannot mention the actor.
	const needles = [...new Set(own.flatMap((p) => p.words.slice(0, 1).flatMap((w) => [w.raw.toLowerCase(), w.folded])))];
	const mayMention = (text: string) => {
		if (!ASCII_TEXT.test(text)) return true;
		const low = text.toLowerCase();
		return needles.some((n) => low.includes(n));
	};
	const out: Mention[] = [];
	// The backend narrows the articles to those that can hold a term's first word (or link the actor).
	for (const article of data.mentionCandidates(actorId, needles)) {
		const linked = article.actors.includes(actorId);
		const terms: string[] = [];
		const fields: MentionField[] = [];
		for (const field of ['title', 'summary', 'body'] as const) {
			const text = article[field];
			if (!text || !mayMention(text)) continue;
			const found = termsIn(tokens(text), own, others);
			if (found.length) fields.push(field);
			for (const t of found) if (!terms.includes(t)) terms.push(t);
		}
		if (linked || terms.length) {
			sortTerms(terms, own);
			out.push({ article, linked, terms, fields });
		}
	}
	return out;
}

function involved(
	all: readonly Incident[],
	actorId: string,
	range: DayRange,
): { incs: Incident[]; counts: ActorCounts } {
	const incs = all.filter((i) => inRange(i, range));
	const counts: ActorCounts = { asPerpetrator: 0, asTarget: 0, incidents: incs.length };
	for (const inc of incs) {
		tallyRoles(counts, new Set(rolesIn(inc, actorId)));
	}
	return { incs, counts };
}

/** Busiest country first; ties go to the one with the newer latest incident, then by code. */
export function activityByCountry(incidents: readonly ActorIncident[], until?: string): CountryActivity[] {
	const by = new Map<string, CountryActivity>();
	for (const ai of incidents) {
		if (until !== undefined && effectiveDay(ai.incident) > until) continue;
		const code = ai.incident.country;
		let row = by.get(code);
		if (!row) {
			row = { country: code, incidents: 0, perpetrator: 0, claimant: 0, target: 0, latest: ai };
			by.set(code, row);
		}
		// Month-only dates sort before that month's days but count as its 15th (core/risk.ts).
		if (effectiveDay(ai.incident) > effectiveDay(row.latest.incident)) row.latest = ai;
		row.incidents++;
		if (ai.roles.includes('perpetrator')) row.perpetrator++;
		if (ai.roles.includes('claimant')) row.claimant++;
		if (ai.roles.includes('target')) row.target++;
	}
	return [...by.values()].sort(
		(a, b) =>
			b.incidents - a.incidents ||
			compareDay(effectiveDay(b.latest.incident), effectiveDay(a.latest.incident)) ||
			compareText(a.country, b.country),
	);
}

const KIND_ORDER = TARGET_KINDS.map((k) => k.id);

/** Busiest kind first; ties go to the newer latest incident, then the kinds' own order. */
export function targetsOf(
	incidents: readonly ActorIncident[],
	actorById?: ReadonlyMap<string, Actor>,
	until?: string,
): TargetActivity[] {
	const by = new Map<string, TargetActivity>();
	for (const ai of incidents) {
		if (!ai.roles.includes('perpetrator') && !ai.roles.includes('claimant')) continue;
		if (until !== undefined && effectiveDay(ai.incident) > until) continue;
		for (const kind of targetKindsOf(ai.incident, actorById)) {
			const row = by.get(kind);
			if (!row) {
				by.set(kind, { kind, incidents: 1, latest: ai });
				continue;
			}
			row.incidents++;
			if (effectiveDay(ai.incident) > effectiveDay(row.latest.incident)) row.latest = ai;
		}
	}
	return [...by.values()].sort(
		(a, b) =>
			b.incidents - a.incidents ||
			compareDay(effectiveDay(b.latest.incident), effectiveDay(a.latest.incident)) ||
			KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
	);
}

const compareDay = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function weekly(incs: Incident[], range: DayRange): Bucket[] {
	return countBy(
		incs.map((i) => ({ ...i, date: effectiveDay(i) })),
		'week',
		{ since: range.start, until: range.end },
	);
}

export function actorProfile(source: Store | Backend, actorId: string, window?: RiskWindow): ActorProfile | undefined {
	const store = asBackend(source);
	const actor = store.actorById.get(actorId);
	if (!actor) return undefined;
	const win = window ?? riskWindow(store, { days: DEFAULT_RISK_DAYS });
	const all = store.actorIncidents(actorId);
	const mentions = mentionsOf(store, actorId);
	const published = mentions.map((m) => m.article.published.slice(0, 10)).sort();
	const dates = [...all.map((i) => i.date), ...published].sort();
	const lastMentioned = published[published.length - 1];
	const { incs, counts } = involved(all, actorId, win);
	const incidents = all.map((incident) => ({ incident, roles: rolesIn(incident, actorId) }));
	const seen =
		dates.length > 0
			? { firstSeen: dates[0], lastSeen: dates[dates.length - 1], seenFrom: 'data' as const }
			: actor.firstActive || actor.lastActive
				? {
						...(actor.firstActive ? { firstSeen: actor.firstActive } : {}),
						...(actor.lastActive ? { lastSeen: actor.lastActive } : {}),
						seenFrom: 'record' as const,
					}
				: { seenFrom: 'none' as const };
	return {
		actor,
		aliases: actor.aliases,
		affiliations: affiliationsOf(store, actorId),
		incidents,
		mentions,
		...seen,
		...(all[0] ? { lastIncident: all[0].date } : {}),
		...(lastMentioned ? { lastMentioned } : {}),
		window: win,
		counts,
		windowIncidents: incs.map((incident) => ({ incident, roles: rolesIn(incident, actorId) })),
		activity: activityByCountry(incidents, win.end),
		targets: targetsOf(incidents, store.actorById, win.end),
		buckets: weekly(incs, win),
	};
}

export interface ActorRow {
	id: string;
	name: string;
	short: string;
	kind: ActorKind;
	/** The actor's first country. */
	mainCountry?: string;
	countries: string[];
	/** In the window; perpetrator or claimant. */
	asPerpetrator: number;
	asTarget: number;
	/** Newest incident involving the actor up to the window's end. */
	lastActivity?: string;
	buckets: Bucket[];
}

/** One row per actor: its window's counts by role, its last activity up to the window's end, weekly counts. */
export function actorRows(source: Store | Backend, window: RiskWindow): ActorRow[] {
	const data = asBackend(source);
	const windows = data.actorWindows(window);
	const lastDates = data.actorLastDates(window.end);
	return data.actors.map((a) => {
		const w = windows.get(a.id);
		const last = lastDates.get(a.id);
		return {
			id: a.id,
			name: a.name,
			short: shortName(a),
			kind: a.kind,
			...(a.countries[0] ? { mainCountry: a.countries[0] } : {}),
			countries: a.countries,
			asPerpetrator: w?.asPerpetrator ?? 0,
			asTarget: w?.asTarget ?? 0,
			...(last ? { lastActivity: last } : {}),
			buckets: countDates(w?.days ?? [], 'week', { since: window.start, until: window.end }),
		};
	});
}

export const ACTOR_SORT_KEYS = ['name', 'kind', 'country', 'perpetrator', 'target', 'last'] as const;
export type ActorSortKey = (typeof ACTOR_SORT_KEYS)[number];

export function nextActorSort(key: ActorSortKey): ActorSortKey {
	return ACTOR_SORT_KEYS[(ACTOR_SORT_KEYS.indexOf(key) + 1) % ACTOR_SORT_KEYS.length] ?? 'name';
}

/**
 * Names, kinds and countries sort A→Z; counts and last activity busiest or
 * newest first. Rows without a country or activity go last; ties by name.
 */
export function sortActorRows(rows: readonly ActorRow[], key: ActorSortKey, reverse = false): ActorRow[] {
	const byName = (a: ActorRow, b: ActorRow) => compareText(a.name, b.name) || compareText(a.id, b.id);
	const missingLast = (x: string | undefined, y: string | undefined, desc: boolean) => {
		if (x === y) return 0;
		if (x === undefined) return 1;
		if (y === undefined) return -1;
		return desc ? (x < y ? 1 : -1) : x < y ? -1 : 1;
	};
	const primary = (a: ActorRow, b: ActorRow): number => {
		switch (key) {
			case 'name':
				return 0;
			case 'kind':
				return compareText(a.kind, b.kind);
			case 'country':
				return missingLast(a.mainCountry, b.mainCountry, false);
			case 'perpetrator':
				return b.asPerpetrator - a.asPerpetrator;
			case 'target':
				return b.asTarget - a.asTarget;
			case 'last':
				return missingLast(a.lastActivity, b.lastActivity, true);
		}
	};
	const sorted = [...rows].sort((a, b) => primary(a, b) || byName(a, b));
	return reverse ? sorted.reverse() : sorted;
}

export interface ActorFilter {
	kind?: ActorKind;
	/** Any of the actor's countries. */
	country?: string;
}

export function filterActorRows(rows: readonly ActorRow[], f: ActorFilter): ActorRow[] {
	return rows.filter((r) => (!f.kind || r.kind === f.kind) && (!f.country || r.countries.includes(f.country)));
}

export interface ActorMatch {
	actor: Actor;
	/** 0 is a perfect match, 1 none (Fuse's scale). */
	score: number;
	/** The name, alias or id that matched best. */
	matched: string;
	/** The query equals a name, alias or id (ignoring case, diacritics and punctuation). */
	exact: boolean;
}

interface Entry {
	actor: Actor;
	term: string;
	folded: string;
	squashed: string;
}

/** Fuzzy hits scoring worse than this are dropped. */
export const FUZZY_MAX_SCORE = 0.4;

/** Suggestions when nothing matches: past the noise line, but near enough to be worth a look ("hakkanee"). */
export const SUGGEST_MAX_SCORE = 0.55;

const entryCache = new WeakMap<readonly Actor[], { entries: Entry[]; fuse: Fuse<Entry> }>();
const looseCache = new WeakMap<readonly Actor[], Fuse<Entry>>();

function matcher(store: ActorTables): { entries: Entry[]; fuse: Fuse<Entry> } {
	let m = entryCache.get(store.actors);
	if (!m) {
		const entries = store.actors.flatMap((actor) =>
			[...actorTerms(actor), actor.id].map((term) => ({ actor, term, folded: fold(term), squashed: squash(term) })),
		);
		const fuse = new Fuse(entries, {
			keys: ['folded'],
			includeScore: true,
			ignoreDiacritics: true,
			// Names are matched anywhere: "muzamil" is the end of "Dawood Muzamil".
			ignoreLocation: true,
			threshold: 0.35,
		});
		m = { entries, fuse };
		entryCache.set(store.actors, m);
	}
	return m;
}

/**
 * Actors by name or alias, best first: exact names and aliases, then names
 * starting with the query, then containing it, then fuzzy matches (typos).
 */
export function matchActors(store: ActorTables, query: string, limit = 10): ActorMatch[] {
	const q = fold(query);
	const sq = squash(query);
	if (!sq) return [];
	const { entries, fuse } = matcher(store);
	const fuzzy = new Map<Entry, number>();
	// Fuse's final score also weighs field length; past this, hits are noise ("haqani" ~ "Ghafari").
	for (const hit of fuse.search(q)) if ((hit.score ?? 1) <= FUZZY_MAX_SCORE) fuzzy.set(hit.item, hit.score ?? 1);
	const best = new Map<string, { tier: number; score: number; entry: Entry }>();
	for (const e of entries) {
		const tier =
			e.squashed === sq
				? 0
				: e.squashed.startsWith(sq) || e.folded.split(' ').some((w) => w.startsWith(q))
					? 1
					: e.squashed.includes(sq)
						? 2
						: fuzzy.has(e)
							? 3
							: undefined;
		if (tier === undefined) continue;
		const score = tier === 0 ? 0 : Math.min(fuzzy.get(e) ?? 0.1, tier === 3 ? 1 : 0.1);
		const prev = best.get(e.actor.id);
		if (!prev || tier < prev.tier || (tier === prev.tier && score < prev.score)) {
			best.set(e.actor.id, { tier, score, entry: e });
		}
	}
	return [...best.values()]
		.sort((a, b) => a.tier - b.tier || a.score - b.score || compareText(a.entry.actor.name, b.entry.actor.name))
		.slice(0, limit)
		.map(({ tier, score, entry }) => ({
			actor: entry.actor,
			score: Math.round(score * 1000) / 1000,
			matched: entry.term,
			exact: tier === 0,
		}));
}

/**
 * Actors worth suggesting when matchActors finds none: fuzzy hits with a looser
 * cut, best first, one per actor.
 */
export function suggestActors(store: ActorTables, query: string, limit = 5): ActorMatch[] {
	const q = fold(query);
	if (!q) return [];
	const { entries } = matcher(store);
	let fuse = looseCache.get(store.actors);
	if (!fuse) {
		fuse = new Fuse(entries, { keys: ['folded'], includeScore: true, ignoreLocation: true, threshold: 0.6 });
		looseCache.set(store.actors, fuse);
	}
	const out: ActorMatch[] = [];
	for (const hit of fuse.search(q)) {
		const score = hit.score ?? 1;
		if (score > SUGGEST_MAX_SCORE || out.length >= limit) break;
		if (out.some((m) => m.actor.id === hit.item.actor.id)) continue;
		out.push({ actor: hit.item.actor, score: Math.round(score * 1000) / 1000, matched: hit.item.term, exact: false });
	}
	return out;
}
