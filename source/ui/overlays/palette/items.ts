// The command palette (: or Ctrl-P): one fuzzy list of panes, saved views,
// countries, actors, places, incident types, article titles and every keyed command, plus typed
// commands with an argument ("brief AF", "window 365", "export incidents"),
// so every action has a typed path as well as a key.

import type { Backend } from '../../../core/backend/types.js';
import { G, ownText } from '../../../core/glyphs.js';
import { placeNames, placeQuery } from '../../../core/placeNames.js';
import type { Resolver } from '../../../core/resolve.js';
import { RISK_WINDOWS, type RiskDays } from '../../../core/risk.js';
import { INCIDENT_TYPES } from '../../../core/schemaBase.js';
import type { Store } from '../../../core/store.js';
import { parseWatchKey, type WatchItem, watchKey } from '../../../core/watch.js';
import type { PaneId, SavedView } from '../../../io/settings/config.js';
import type { BriefTarget } from '../../../present/brief.js';
import type { Target } from '../../../present/target.js';
import { type Command, type Keymap, SCOPE_TITLES, type Scope } from '../../keymap.js';
import { keyLabel } from '../../keys.js';
import { availablePanes, PANE_TITLES } from '../../panes/registry.js';

export type ExportKind = 'incidents' | 'articles' | 'actors';

export type PaletteAction =
	| { kind: 'pane'; pane: PaneId }
	| { kind: 'command'; command: Command; pane?: PaneId }
	| { kind: 'view'; name: string }
	| { kind: 'saveView'; name: string }
	| { kind: 'deleteView'; name: string }
	| { kind: 'open'; target: Target; pane: PaneId }
	| { kind: 'brief'; target: BriefTarget }
	| { kind: 'window'; days: RiskDays }
	| { kind: 'watch'; key: string }
	| { kind: 'filter'; text: string }
	| { kind: 'search'; query: string }
	| { kind: 'export'; what: ExportKind; file?: string }
	/** A typed command that cannot run as typed: Enter says why. */
	| { kind: 'invalid'; message: string };

export interface PaletteItem {
	/** What the entry does, as shown. */
	label: string;
	/** Where it comes from: "pane", "view", "actor", "command"... */
	group: string;
	/** The key that does the same, when there is one. */
	key?: string;
	action: PaletteAction;
}

export interface PaletteContext {
	data: Backend;
	/** The records in memory, when they are: article titles are listed from them. */
	store?: Store | undefined;
	resolver: Resolver;
	keymap: Keymap;
	views: readonly SavedView[];
	watchlist: readonly string[];
}

/** Pane-specific scopes: their commands switch to the pane first. */
const PANE_OF: Partial<Record<Scope, PaneId>> = {
	timeline: 'timeline',
	actors: 'actors',
	risk: 'risk',
	search: 'search',
};
const COMMAND_SCOPES: readonly Scope[] = ['global', 'timeline', 'actors', 'risk', 'search', 'list'];
/** Commands that make no sense from the palette (it is itself open) or have a typed form below. */
const SKIP = new Set<Command>(['app.palette', 'app.interrupt', 'nav.pageUp', 'nav.pageDown']);

function staticItems(ctx: PaletteContext): PaletteItem[] {
	const items: PaletteItem[] = [];
	for (const pane of availablePanes())
		items.push({ label: `${PANE_TITLES[pane]} pane`, group: 'pane', action: { kind: 'pane', pane } });
	for (const v of ctx.views) items.push({ label: v.name, group: 'view', action: { kind: 'view', name: v.name } });
	const seen = new Set<string>();
	for (const b of ctx.keymap.bindings) {
		if (!COMMAND_SCOPES.includes(b.scope) || SKIP.has(b.command) || /^pane\.\d$/.test(b.command)) continue;
		const pane = PANE_OF[b.scope];
		const id = `${b.command}|${pane ?? ''}`;
		if (seen.has(id)) continue;
		seen.add(id);
		const where = pane ? `${SCOPE_TITLES[b.scope]}: ` : '';
		items.push({
			label: ownText(`${where}${b.help}`),
			group: 'command',
			...(b.keys[0] ? { key: ownText(keyLabel(b.keys[0])) } : {}),
			action: { kind: 'command', command: b.command, ...(pane ? { pane } : {}) },
		});
	}
	for (const days of RISK_WINDOWS) {
		items.push({ label: `risk window ${days} days`, group: 'command', action: { kind: 'window', days } });
	}
	for (const what of ['incidents', 'articles', 'actors'] as const) {
		items.push({
			label: `export ${what} (what the pane shows) to CSV`,
			group: 'command',
			action: { kind: 'export', what },
		});
	}
	const { data, store } = ctx;
	const countries = new Set([...data.countryByCode.keys(), ...data.incidentCountries()]);
	for (const code of [...countries].sort()) {
		const name = data.countryByCode.get(code)?.name ?? code;
		items.push({
			label: `${name} (${code})`,
			group: 'country',
			action: { kind: 'open', target: { kind: 'country', code }, pane: 'risk' },
		});
	}
	for (const a of data.actors) {
		const aka = a.aliases.length ? ` ${G.dash} ${a.aliases.slice(0, 4).join(', ')}` : '';
		items.push({
			label: `${a.name}${aka}`,
			group: 'actor',
			action: { kind: 'open', target: { kind: 'actor', id: a.id }, pane: 'actors' },
		});
	}
	for (const p of placeNames(data.placeCounts())) {
		// No place filter on the Timeline: its incidents are a search in its country (core/placeNames.ts).
		const where = p.kind === 'place' ? '' : p.kind === 'admin1' ? ' province' : ' location';
		items.push({
			label: `${p.name}, ${p.country}${where} ${G.dash} ${p.count} incident${p.count === 1 ? '' : 's'}`,
			group: 'place',
			action: { kind: 'search', query: placeQuery(p) },
		});
	}
	// Articles by title: "open the piece on the BLA's escalation" is a few letters of its title.
	// Over the SQLite index (hundreds of thousands of articles) titles are left to Search.
	for (const a of store?.articles ?? []) {
		items.push({
			label: `${a.title} ${G.dash} ${a.source}, ${a.published.slice(0, 10)}`,
			group: 'article',
			action: { kind: 'open', target: { kind: 'article', id: a.id }, pane: 'search' },
		});
	}
	for (const [type] of INCIDENT_TYPES) {
		items.push({ label: `${type} incidents`, group: 'type', action: { kind: 'filter', text: `type:"${type}"` } });
	}
	return items;
}

const VERBS: Record<string, string> = {
	brief: 'brief COUNTRY|ACTOR',
	window: 'window 30|90|365',
	risk: 'risk window 30|90|365',
	watch: 'watch ACTOR|COUNTRY|TYPE',
	unwatch: 'unwatch ACTOR|COUNTRY|TYPE',
	filter: 'filter country:AF since:90d type:IED (country:-AF,-PK: neither)',
	search: 'search WORDS',
	find: 'find WORDS',
	export: 'export incidents|articles|actors [FILE]',
	save: 'save NAME',
	delete: 'delete NAME',
};

/**
 * A typed command ("brief AF") becomes its one entry; a known verb whose
 * argument is missing or matches nothing gives one entry that says so, never
 * a fuzzy match that would run something else on Enter.
 */
function typedOrInvalid(input: string, ctx: PaletteContext): PaletteItem[] | undefined {
	const trimmed = input.trim();
	const verb = (/^\S+/.exec(trimmed)?.[0] ?? '').toLowerCase();
	const usage = VERBS[verb];
	if (!usage) return undefined;
	const hasArg = /\s\S/.test(trimmed);
	// Only a verb typed so far: the fuzzy list still helps ("watch" also finds "Watch or unwatch…").
	if (!hasArg && !/\s$/.test(input)) return undefined;
	// "filter by…" without key:value pairs is looking for the filter command by name.
	if (verb === 'filter' && !/\w:/.test(trimmed)) return undefined;
	const items = typedItems(input, ctx);
	if (items.length) return items;
	const arg = trimmed.slice(verb.length).trim();
	const message = arg ? `${verb}: nothing matches "${arg}" (${usage})` : `${verb}: ${usage}`;
	return [{ label: message, group: 'typed', action: { kind: 'invalid', message } }];
}

/** A typed command with its argument: "brief AF", "window 365", "watch iskp", "view AF last 90 days". */
function typedItems(input: string, ctx: PaletteContext): PaletteItem[] {
	const m = /^(\S+)\s+(.+)$/.exec(input.trim());
	if (!m) return [];
	const verb = (m[1] ?? '').toLowerCase();
	const arg = (m[2] ?? '').trim();
	const { resolver, data: store } = ctx;
	const entity = (): { target: BriefTarget; label: string } | undefined => {
		const c = resolver.country(arg);
		if (c.ok) return { target: { country: c.value }, label: store.countryByCode.get(c.value)?.name ?? c.value };
		const a = resolver.actor(arg);
		if (a.ok) return { target: { actor: a.value }, label: store.actorById.get(a.value)?.name ?? a.value };
		return undefined;
	};
	switch (verb) {
		case 'brief': {
			const e = entity();
			return e ? [{ label: `brief ${e.label}`, group: 'typed', action: { kind: 'brief', target: e.target } }] : [];
		}
		case 'risk':
		case 'window': {
			const n = Number(/(\d+)/.exec(arg)?.[1]);
			const days = RISK_WINDOWS.find((d) => d === n);
			return days ? [{ label: `risk window ${days} days`, group: 'typed', action: { kind: 'window', days } }] : [];
		}
		case 'watch':
		case 'unwatch': {
			const item = watchItemFor(arg, resolver);
			if (!item) return [];
			const key = watchKey(item);
			const on = ctx.watchlist.includes(key);
			const label = `${on ? 'unwatch' : 'watch'} ${labelOf(item, store)}`;
			return [{ label, group: 'typed', action: { kind: 'watch', key } }];
		}
		case 'filter':
			// "filter country:AF since:90d"; plain words are left to the fuzzy match ("filter by…").
			if (!/\w:/.test(arg)) return [];
			return [{ label: `filter the timeline: ${arg}`, group: 'typed', action: { kind: 'filter', text: arg } }];
		case 'search':
		case 'find':
			return [{ label: `search ${arg}`, group: 'typed', action: { kind: 'search', query: arg } }];
		case 'export': {
			const [what, file] = arg.split(/\s+/, 2);
			const kind = (['incidents', 'articles', 'actors'] as const).find((k) => k.startsWith((what ?? '').toLowerCase()));
			if (!kind) return [];
			const to = file ? ` to ${file}` : '';
			return [
				{
					label: `export ${kind}${to}`,
					group: 'typed',
					action: { kind: 'export', what: kind, ...(file ? { file } : {}) },
				},
			];
		}
		case 'save':
			return [{ label: `save this view as "${arg}"`, group: 'typed', action: { kind: 'saveView', name: arg } }];
		case 'delete': {
			const name = arg.replace(/^view\s+/i, '');
			return ctx.views
				.filter((v) => fuzzyScore(name, v.name) !== undefined)
				.map((v) => ({
					label: `delete view "${v.name}"`,
					group: 'typed',
					action: { kind: 'deleteView', name: v.name },
				}));
		}
		default:
			return [];
	}
}

export function watchItemFor(arg: string, resolver: Resolver): WatchItem | undefined {
	const direct = parseWatchKey(arg);
	if (direct) return direct;
	const c = resolver.country(arg);
	if (c.ok) return { kind: 'country', id: c.value };
	const t = resolver.type(arg);
	if (t.ok) return { kind: 'type', id: t.value };
	const a = resolver.actor(arg);
	if (a.ok) return { kind: 'actor', id: a.value };
	return undefined;
}

function labelOf(item: WatchItem, store: Backend): string {
	if (item.kind === 'actor') return store.actorById.get(item.id)?.name ?? item.id;
	if (item.kind === 'country') return store.countryByCode.get(item.id)?.name ?? item.id;
	return `${item.id} incidents`;
}

/**
 * How well each typed word is found in a label, best alignment first: at a
 * word's start (3), inside a word (2), or as letters in order with gaps (1).
 * Gapped matches are taken only for words of up to three letters ("tl" for
 * Timeline): a longer word spread over a label is a coincidence ("kurram" in
 * "Khalil ur Rahman"), never what was meant. undefined = no match.
 */
export function fuzzyMatch(query: string, label: string): { score: number; tier: number } | undefined {
	const words = query.toLowerCase().split(/\s+/).filter(Boolean);
	if (!words.length) return { score: 0, tier: 3 };
	const text = label.toLowerCase();
	const wordStart = (i: number) => i === 0 || /[\s(\u2014:,-]/.test(text[i - 1] ?? '');
	let total = 0;
	let tier = 3;
	for (const w of words) {
		let at = text.indexOf(w);
		let found: number | undefined;
		for (; at >= 0; at = text.indexOf(w, at + 1)) {
			if (wordStart(at)) {
				found = at;
				break;
			}
			found ??= at;
		}
		if (found !== undefined) {
			const starts = wordStart(found);
			tier = Math.min(tier, starts ? 3 : 2);
			// The label starting with the word: "watch" means "Watch or unwatch…" before "…the watchlist…".
			total += w.length * 4 + (starts ? 4 : 0) + (found === 0 ? 3 : 0);
			continue;
		}
		if (w.length > 3) return undefined;
		const gapped = gappedScore(w, text, wordStart);
		if (gapped === undefined) return undefined;
		tier = 1;
		total += gapped;
	}
	return { score: total - label.length * 0.01, tier };
}

/** fzf-like: every letter in order; word starts and runs score higher. */
function gappedScore(w: string, text: string, wordStart: (i: number) => boolean): number | undefined {
	let best: number | undefined;
	for (let start = text.indexOf(w[0] ?? ''); start >= 0; start = text.indexOf(w[0] ?? '', start + 1)) {
		let score = 0;
		let at = start;
		let prev = -2;
		let ok = true;
		for (const ch of w) {
			const i = text.indexOf(ch, at);
			if (i < 0) {
				ok = false;
				break;
			}
			score += 1;
			if (i === prev + 1) score += 3;
			if (wordStart(i)) score += 4;
			score -= Math.min(3, i - at) * 0.5;
			prev = i;
			at = i + 1;
		}
		if (ok && (best === undefined || score > best)) best = score;
		if (start > 200) break;
	}
	return best;
}

/** fuzzyMatch as one number: a better tier always outranks a better alignment. */
export function fuzzyScore(query: string, label: string): number | undefined {
	const m = fuzzyMatch(query, label);
	return m ? m.tier * 1000 + m.score : undefined;
}

const staticCache = new WeakMap<Backend, { key: string; items: PaletteItem[] }>();

/**
 * Article titles are long and name actors and places in passing: one wins only
 * where no actor, country or place matches as well ("isk" is ISKP, not a
 * title that starts with "ISKP's").
 */
const GROUP_PENALTY: Record<string, number> = { article: 12 };

/** Groups too long to list before anything is typed. */
const BROWSE_ONLY_WHEN_TYPED = new Set(['actor', 'country', 'place', 'article']);

const GROUP_ORDER: Record<string, number> = {
	typed: 0,
	view: 1,
	pane: 2,
	command: 3,
	country: 4,
	actor: 5,
	place: 6,
	type: 7,
	article: 8,
};

/** The entries for what is typed, best first (empty input: panes, views, then commands). */
export function paletteItems(input: string, ctx: PaletteContext, limit = 60): PaletteItem[] {
	const cacheKey = `${ctx.views.map((v) => v.name).join('\u0000')}|${ctx.keymap.bindings.length}`;
	let hit = staticCache.get(ctx.data);
	if (!hit || hit.key !== cacheKey || hit.items.length === 0) {
		hit = { key: cacheKey, items: staticItems(ctx) };
		staticCache.set(ctx.data, hit);
	}
	const typed = typedOrInvalid(input, ctx);
	if (typed) return typed;
	if (!input.trim()) return hit.items.filter((i) => !BROWSE_ONLY_WHEN_TYPED.has(i.group)).slice(0, limit);
	const scored: { item: PaletteItem; score: number }[] = [];
	for (const item of hit.items) {
		// The label itself first; "actor iskp" or "view af" also match through the group's name.
		const own = fuzzyScore(input, item.label);
		const grouped =
			item.group === 'command' || item.group === 'pane' ? undefined : fuzzyScore(input, `${item.group} ${item.label}`);
		const score = own ?? (grouped === undefined ? undefined : grouped - 8);
		if (score !== undefined) scored.push({ item, score: score - (GROUP_PENALTY[item.group] ?? 0) });
	}
	scored.sort((a, b) => b.score - a.score || (GROUP_ORDER[a.item.group] ?? 9) - (GROUP_ORDER[b.item.group] ?? 9));
	// Letters scattered over a label are offered only when nothing holds the words themselves.
	const best = Math.floor((scored[0]?.score ?? 0) / 1000);
	const kept = best >= 2 ? scored.filter((s) => s.score >= 2000 - 100) : scored;
	return kept.slice(0, limit).map((s) => s.item);
}
