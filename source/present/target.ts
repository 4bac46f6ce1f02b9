// What a detail view shows, and what a link points at. Following a link
// pushes a view on the pane's history; Esc pops it.

import type { Backend } from '../core/backend/types.js';
import { shortName } from '../core/resolve.js';
import { targetKind } from '../core/targetKinds.js';
import { truncate } from '../core/width.js';

/** Search matches to draw in a document: ranges per field, for the query that found them. */
export interface Highlight {
	query: string;
	fields: readonly { field: string; ranges: readonly (readonly [number, number])[] }[];
}

export type Target =
	| { kind: 'incident'; id: string; hl?: Highlight }
	/**
	 * With a country, the profile's incident list shows only that country's;
	 * with `on`, only its attacks on that kind of target (Enter on an activity row).
	 */
	| { kind: 'actor'; id: string; country?: string; on?: string }
	| { kind: 'country'; code: string }
	| { kind: 'article'; id: string; hl?: Highlight };

export function targetKey(t: Target): string {
	const narrow = t.kind === 'actor' ? `${t.country ? `@${t.country}` : ''}${t.on ? `#${t.on}` : ''}` : '';
	const base = `${t.kind}:${t.kind === 'country' ? t.code : t.id}${narrow}`;
	return 'hl' in t && t.hl ? `${base}?${t.hl.query}` : base;
}

export function rangesOf(hl: Highlight | undefined, field: string): readonly (readonly [number, number])[] {
	return hl?.fields.find((f) => f.field === field)?.ranges ?? [];
}

/** A short name for the breadcrumb. */
export function targetLabel(t: Target, store: Backend): string {
	switch (t.kind) {
		case 'incident': {
			const inc = store.incident(t.id);
			return inc ? `${inc.date} ${inc.type}` : t.id;
		}
		case 'actor': {
			const a = store.actorById.get(t.id);
			const name = a ? shortName(a) : t.id;
			if (t.country) return `${name} in ${store.countryByCode.get(t.country)?.name ?? t.country}`;
			return t.on ? `${name} on ${targetKind(t.on)?.label ?? t.on}` : name;
		}
		case 'country':
			return store.countryByCode.get(t.code)?.name ?? t.code;
		case 'article': {
			const a = store.article(t.id);
			return a ? truncate(a.title, 30) : t.id;
		}
	}
}
