// What a search result's row says after its title, for the Search pane and
// `sitrep search` alike: an article's outlet; an incident's perpetrator and
// toll, as its Timeline row gives them, so "who and when" is one row.

import type { Backend } from '../core/backend/types.js';
import { formatToll, type TollJson, tollJson } from '../core/fatalities.js';
import type { Incident } from '../core/schema.js';
import type { SearchResult } from '../core/search/index.js';
import type { Store } from '../core/store.js';
import { perpetratorLabel } from '../core/timeline.js';

/** The store or a backend: `sitrep search` reads through either (commands/backend.ts). */
type Data = Store | Backend;

function incidentOf(data: Data, id: string): Incident | undefined {
	return 'kind' in data ? data.incident(id) : data.incidentById.get(id);
}

export function resultMeta(store: Data, r: SearchResult): string[] {
	const date = r.date.slice(0, 10);
	const where = r.countries.join(',');
	if (r.kind !== 'incident') return [r.source ?? '', date, where].filter(Boolean);
	const inc = incidentOf(store, r.id);
	if (!inc) return ['incident', date, where].filter(Boolean);
	const toll = inc.fatalities === undefined ? 'toll n/r' : `${formatToll(inc.fatalities, '?')} killed`;
	return [perpetratorLabel(store, inc), toll, date, where].filter(Boolean);
}

/** The same for --json: an incident result's perpetrators, claimant and toll. */
export function resultFacts(
	store: Data,
	r: SearchResult,
): (TollJson & { perpetrators: string[]; claimedBy: string | null }) | undefined {
	if (r.kind !== 'incident') return undefined;
	const inc = incidentOf(store, r.id);
	if (!inc) return undefined;
	return { perpetrators: inc.perpetrators, claimedBy: inc.claimedBy ?? null, ...tollJson(inc.fatalities) };
}
