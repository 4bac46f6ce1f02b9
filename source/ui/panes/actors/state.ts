// The Actors pane's list: rows for the window, sort, kind/country filters,
// and "/" jump-by-name with fuzzy matching.
import {
	type ActorRow,
	type ActorSortKey,
	actorRows,
	filterActorRows,
	matchActors,
	nextActorSort,
	sortActorRows,
} from '../../../core/actorProfile.js';
import type { RiskWindow } from '../../../core/risk.js';
import { ACTOR_KINDS, type ActorKind } from '../../../core/schema.js';
import type { Store } from '../../../core/store.js';
import { keepVisible, type ListPos } from '../../app/state.js';
import type { Command } from '../../keymap.js';
import { perWindow } from '../../window.js';

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

function derive(s: Omit<ActorsState, 'rows'>, height: number, keepId?: string): ActorsState {
	const rows = sortActorRows(filterActorRows(s.all, { kind: s.kind, country: s.country }), s.sort, s.reverse);
	const at = keepId ? rows.findIndex((r) => r.id === keepId) : -1;
	return { ...s, rows, pos: keepVisible({ cursor: Math.max(0, at), top: s.pos.top }, rows.length, height) };
}

/** An actor row list per store and window, worked out once. */
export const actorRowsFor = perWindow(actorRows);

export function actorsState(store: Store, window: RiskWindow): ActorsState {
	// Most active first: what an analyst wants to see on opening the pane.
	return derive(
		{ all: actorRowsFor(store, window), sort: 'perpetrator', reverse: false, pos: { cursor: 0, top: 0 }, jump: null },
		1,
	);
}

export function refreshActors(store: Store, s: ActorsState, window: RiskWindow, height: number): ActorsState {
	return derive({ ...s, all: actorRowsFor(store, window) }, height, s.rows[s.pos.cursor]?.id);
}

/** Countries that actors are based in, most actors first. */
function countryCycle(all: readonly ActorRow[]): string[] {
	const n = new Map<string, number>();
	for (const r of all) for (const c of r.countries) n.set(c, (n.get(c) ?? 0) + 1);
	return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

function cycle<T>(list: readonly T[], current: T | undefined): T | undefined {
	const i = current === undefined ? -1 : list.indexOf(current);
	return i + 1 < list.length ? list[i + 1] : undefined;
}

export function actorsCommand(
	s: ActorsState,
	cmd: Command,
	_store: Store,
	_window: RiskWindow,
	height: number,
): ActorsState {
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

export function jumpType(s: ActorsState, input: string, store: Store, height: number): ActorsState {
	if (!s.jump) return s;
	return search(s, s.jump.query + input, store, height);
}

function search(s: ActorsState, query: string, store: Store, height: number): ActorsState {
	if (!s.jump) return s;
	const index = new Map(s.rows.map((r, i) => [r.id, i]));
	const matches = matchActors(store, query, 20)
		.map((m) => index.get(m.actor.id))
		.filter((i): i is number => i !== undefined);
	return jumpTo(s, { ...s.jump, query, matches, index: 0 }, height);
}

export function jumpCommand(s: ActorsState, cmd: Command, height: number, store?: Store): ActorsState {
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
			return store ? search(s, [...j.query].slice(0, -1).join(''), store, height) : s;
		default:
			return s;
	}
}
