// What a detail view shows, and what a link points at. Following a link
// pushes a view on the pane's history; Esc pops it.
import { shortName } from '../core/resolve.js';
import type { Store } from '../core/store.js';
import { truncate } from '../core/width.js';

export type Target =
	| { kind: 'incident'; id: string }
	| { kind: 'actor'; id: string }
	| { kind: 'country'; code: string }
	| { kind: 'article'; id: string };

export function targetKey(t: Target): string {
	return `${t.kind}:${t.kind === 'country' ? t.code : t.id}`;
}

/** A short name for the breadcrumb. */
export function targetLabel(t: Target, store: Store): string {
	switch (t.kind) {
		case 'incident': {
			const inc = store.incidentById.get(t.id);
			return inc ? `${inc.date} ${inc.type}` : t.id;
		}
		case 'actor': {
			const a = store.actorById.get(t.id);
			return a ? shortName(a) : t.id;
		}
		case 'country':
			return store.countryByCode.get(t.code)?.name ?? t.code;
		case 'article': {
			const a = store.articleById.get(t.id);
			return a ? truncate(a.title, 30) : t.id;
		}
	}
}
