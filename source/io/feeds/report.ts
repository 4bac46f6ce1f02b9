// What sitrep fetch says about each source: the same object in --json and,
// line by line, on the terminal.
import type { FeedKind } from '../../core/feeds/sources.js';

export type SourceStatus = 'ok' | 'not-modified' | 'error' | 'waiting';

export interface Skipped {
	/** The item's GUID, link or title; a row or line number for a data set. */
	item: string;
	reason: string;
}

export interface Taken {
	id: string;
	title: string;
	status: 'new' | 'updated';
	actors: string[];
	countries: string[];
}

export interface SourceReport {
	name: string;
	kind: FeedKind;
	url: string;
	status: SourceStatus;
	new: number;
	updated: number;
	unchanged: number;
	/** The server said nothing changed (304, or GDELT's newest file is the one already taken). */
	notModified: boolean;
	/** Items the source's --match or --country left out (not errors). */
	filtered: number;
	skipped: Skipped[];
	/** Why the source failed; its items (if any) were not written. */
	error: string | null;
	/** The records added or changed. */
	items: Taken[];
	/** UCDP/ACLED: ids the previous fetch had and this one does not (withdrawn rows; kept in the data). */
	gone?: string[];
	/** Things worth knowing that are not failures: an item's page that could not be fetched for --full, undated items. */
	notes: string[];
	/** When the next fetch is due (ISO). */
	nextDue?: string;
}

export interface FetchReport {
	dir: string;
	dryRun: boolean;
	startedAt: string;
	sources: SourceReport[];
	new: number;
	updated: number;
	failed: number;
	/** The write itself failed: nothing was written. */
	writeError: string | null;
	/** The fetch state could not be read and was started afresh. */
	notes: string[];
}

export function emptyReport(name: string, kind: FeedKind, url: string): SourceReport {
	return {
		name,
		kind,
		url,
		status: 'ok',
		new: 0,
		updated: 0,
		unchanged: 0,
		notModified: false,
		filtered: 0,
		skipped: [],
		error: null,
		items: [],
		notes: [],
	};
}
