// What a search result's row says after its title, for the Search pane and
// `sitrep search` alike: an article's outlet; an incident's perpetrator and
// toll, as its Timeline row gives them, so "who and when" is one row.
import { formatToll, type TollJson, tollJson } from '../core/fatalities.js';
import type { SearchResult } from '../core/search/index.js';
import type { Store } from '../core/store.js';
import { perpetratorLabel } from '../core/timeline.js';

export function resultMeta(store: Store, r: SearchResult): string[] {
	const date = r.date.slice(0, 10);
	const where = r.countries.join(',');
	if (r.kind !== 'incident') return [r.source ?? '', date, where].filter(Boolean);
	const inc = store.incidentById.get(r.id);
	if (!inc) return ['incident', date, where].filter(Boolean);
	const toll = inc.fatalities === undefined ? 'toll n/r' : `${formatToll(inc.fatalities, '?')} killed`;
	return [perpetratorLabel(store, inc), toll, date, where].filter(Boolean);
}

/** The same for --json: an incident result's perpetrators, claimant and toll. */
export function resultFacts(
	store: Store,
	r: SearchResult,
): (TollJson & { perpetrators: string[]; claimedBy: string | null }) | undefined {
	if (r.kind !== 'incident') return undefined;
	const inc = store.incidentById.get(r.id);
	if (!inc) return undefined;
	return { perpetrators: inc.perpetrators, claimedBy: inc.claimedBy ?? null, ...tollJson(inc.fatalities) };
}
