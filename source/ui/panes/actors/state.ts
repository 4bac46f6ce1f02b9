// The Actors pane's state: rows for the window, sort, kind/country filters,
// and "/" jump-by-name with fuzzy matching.
import {
	ACTOR_SORT_KEYS,
	type ActorRow,
	type ActorSortKey,
	actorRows,
	filterActorRows,
	matchActors,
	nextActorSort,
	sortActorRows,
} from '../../../core/actorProfile.js';
import type { Backend } from '../../../core/backend/types.js';
import { compareText } from '../../../core/collate.js';
import type { RiskWindow } from '../../../core/risk.js';
import { ACTOR_KINDS, type ActorKind } from '../../../core/schemaBase.js';
import type { SavedView } from '../../../io/settings/config.js';
import type { Target } from '../../../present/target.js';
import type { Command } from '../../keymap.js';
import { keepVisible, type ListPos, moveList, NAV_COMMANDS } from '../../list.js';
import { perWindow } from '../../window.js';
import type { DataChange, PaneCtx, ViewPart } from '../pane.js';

export interface JumpState {
	query: string;
	/** Row indices of the matches, best first. */
	matches: number[];
	index: number;
	/** Cursor before the jump, for Esc. */
	from: ListPos;
}

export interface ActorsState {
	all: ActorRow[];
	rows: ActorRow[];
	sort: ActorSortKey;
	reverse: boolean;
	kind?: ActorKind;
	country?: string;
	pos: ListPos;
	jump: JumpState | null;
}

/** List rows: the body less the summary line, the column headings and the jump line when open. */
export function listHeight(s: ActorsState, body: number): number {
	return Math.max(1, body - 2 - (s.jump ? 1 : 0));
}

function derive(s: Omit<ActorsState, 'rows'>, height: number, keepId?: string): ActorsState {
	const rows = sortActorRows(filterActorRows(s.all, { kind: s.kind, country: s.country }), s.sort, s.reverse);
	const at = keepId ? rows.findIndex((r) => r.id === keepId) : -1;
	return { ...s, rows, pos: keepVisible({ cursor: Math.max(0, at), top: s.pos.top }, rows.length, height) };
}

/** An actor row list per store and window, worked out once (again only when the incidents or actors change). */
export const actorRowsFor = perWindow(actorRows);

/** States whose rows are not worked out yet: nobody has looked at the pane. */
const unread = new WeakSet<ActorsState>();

/**
 * Most active first: what an analyst wants to see on opening the pane. The rows are
 * worked out when first read (the pane shown, a key in it), not for the first frame:
 * over millions of incidents they are a query of their own.
 */
export function actorsState(data: Backend, window: RiskWindow): ActorsState {
	let made: ActorsState | undefined;
	const make = (): ActorsState => {
		made ??= derive(
			{ all: actorRowsFor(data, window), sort: 'perpetrator', reverse: false, pos: { cursor: 0, top: 0 }, jump: null },
			1,
		);
		unread.delete(state);
		return made;
	};
	const state: ActorsState = {
		get all() {
			return make().all;
		},
		get rows() {
			return make().rows;
		},
		get pos() {
			return make().pos;
		},
		sort: 'perpetrator',
		reverse: false,
		jump: null,
	};
	unread.add(state);
	return state;
}

export function refreshActors(data: Backend, s: ActorsState, window: RiskWindow, height: number): ActorsState {
	// Still unread: another window changes nothing anyone has seen, so it stays unread.
	if (unread.has(s)) return actorsState(data, window);
	return derive({ ...s, all: actorRowsFor(data, window) }, height, s.rows[s.pos.cursor]?.id);
}

/** Countries that actors are based in, most actors first. */
function countryCycle(all: readonly ActorRow[]): string[] {
	const n = new Map<string, number>();
	for (const r of all) for (const c of r.countries) n.set(c, (n.get(c) ?? 0) + 1);
	return [...n].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0])).map(([c]) => c);
}

function cycle<T>(list: readonly T[], current: T | undefined): T | undefined {
	const i = current === undefined ? -1 : list.indexOf(current);
	return i + 1 < list.length ? list[i + 1] : undefined;
}

export function actorsCommand(s: ActorsState, cmd: Command, ctx: PaneCtx): ActorsState {
	const height = listHeight(s, ctx.height);
	if (s.jump) return jumpCommand(s, cmd, height, ctx.env.data);
	if (NAV_COMMANDS.has(cmd)) return { ...s, pos: moveList(s.pos, cmd, s.rows.length, height) };
	const keep = s.rows[s.pos.cursor]?.id;
	switch (cmd) {
		case 'actors.sort':
			return derive({ ...s, sort: nextActorSort(s.sort), reverse: false }, height, keep);
		case 'actors.reverse':
			return derive({ ...s, reverse: !s.reverse }, height, keep);
		case 'actors.kind':
			return derive({ ...s, kind: cycle(ACTOR_KINDS, s.kind) }, height, keep);
		case 'actors.country':
			return derive({ ...s, country: cycle(countryCycle(s.all), s.country) }, height, keep);
		case 'actors.clear':
			return derive({ ...s, kind: undefined, country: undefined }, height, keep);
		case 'actors.jump':
			return { ...s, jump: { query: '', matches: [], index: 0, from: s.pos } };
		default:
			return s;
	}
}

function jumpTo(s: ActorsState, jump: JumpState, height: number): ActorsState {
	const row = jump.matches[jump.index];
	const pos = row === undefined ? jump.from : keepVisible({ cursor: row, top: s.pos.top }, s.rows.length, height);
	return { ...s, jump, pos };
}

export function jumpType(s: ActorsState, input: string, ctx: PaneCtx): ActorsState {
	if (!s.jump) return s;
	return search(s, s.jump.query + input, ctx.env.data, listHeight(s, ctx.height));
}

function search(s: ActorsState, query: string, data: Backend, height: number): ActorsState {
	if (!s.jump) return s;
	const index = new Map(s.rows.map((r, i) => [r.id, i]));
	const matches = matchActors(data, query, 20)
		.map((m) => index.get(m.actor.id))
		.filter((i): i is number => i !== undefined);
	return jumpTo(s, { ...s.jump, query, matches, index: 0 }, height);
}

function jumpCommand(s: ActorsState, cmd: Command, height: number, data: Backend): ActorsState {
	const j = s.jump;
	if (!j) return s;
	switch (cmd) {
		case 'jump.accept':
			return { ...s, jump: null };
		case 'jump.cancel':
			return { ...s, jump: null, pos: j.from };
		case 'jump.next':
		case 'jump.prev': {
			if (j.matches.length === 0) return s;
			const n = j.matches.length;
			return jumpTo(s, { ...j, index: (j.index + (cmd === 'jump.next' ? 1 : -1) + n) % n }, height);
		}
		case 'jump.deleteChar':
			return search(s, [...j.query].slice(0, -1).join(''), data, height);
		default:
			return s;
	}
}

export function actorsRefit(s: ActorsState, ctx: PaneCtx, windowChanged: boolean): ActorsState {
	const height = listHeight(s, ctx.height);
	if (windowChanged) return refreshActors(ctx.env.data, s, ctx.window, height);
	return { ...s, pos: keepVisible(s.pos, s.rows.length, height) };
}

/** Rows from the new incidents and actors, the same sort and filters, the jump's matches found again. */
export function actorsRefresh(s: ActorsState, ctx: PaneCtx, changed: DataChange): ActorsState {
	if (!changed.incidents && !changed.actors) return s;
	const height = listHeight(s, ctx.height);
	const next = refreshActors(ctx.env.data, s, ctx.window, height);
	return next.jump ? search(next, next.jump.query, ctx.env.data, height) : next;
}

export function actorsSelected(s: ActorsState): Target | undefined {
	const row = s.rows[s.pos.cursor];
	return row && { kind: 'actor', id: row.id };
}

export function actorsSelect(s: ActorsState, id: string, ctx: PaneCtx): ActorsState {
	const at = s.rows.findIndex((r) => r.id === id);
	if (at < 0) return s;
	return { ...s, pos: keepVisible({ cursor: at, top: 0 }, s.rows.length, listHeight(s, ctx.height)) };
}

export function actorsSave(s: ActorsState): ViewPart {
	return {
		actors: {
			sort: s.sort,
			reverse: s.reverse,
			...(s.kind ? { kind: s.kind } : {}),
			...(s.country ? { country: s.country } : {}),
		},
	};
}

export function actorsRestore(s: ActorsState, view: SavedView, ctx: PaneCtx): { state: ActorsState; notes: string[] } {
	const saved = view.actors;
	if (!saved) return { state: s, notes: [] };
	const sort = ACTOR_SORT_KEYS.find((k) => k === saved.sort) as ActorSortKey | undefined;
	const kind = ACTOR_KINDS.find((k) => k === saved.kind) as ActorKind | undefined;
	const next = { ...s, sort: sort ?? s.sort, reverse: saved.reverse, kind, country: saved.country };
	return { state: refreshActors(ctx.env.data, next, ctx.window, listHeight(next, ctx.height)), notes: [] };
}

export function actorsNameHint(s: ActorsState): string[] {
	return [s.kind, s.country].filter((p): p is string => !!p);
}
