// What sitrep fetch remembers between runs, per source: when it was tried,
// the server's validators (ETag, Last-Modified) for conditional requests, the
// items already taken (so an edited headline updates its article instead of
// adding a second one) and a server's "not before" (429 Retry-After). Kept in
// the data directory (.sitrep/fetch-state.json) so whoever shares the data
// shares it. Losing it loses nothing but those shortcuts: a file that cannot
// be read is set aside and fetching starts afresh.
import * as fs from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomic.js';

export interface ItemSeen {
	/** The article's id. */
	id: string;
	/** Its date as first stored (an undated item keeps the time it was first fetched). */
	published: string;
}

export interface SourceState {
	/** The URL the validators belong to (a changed URL starts afresh). */
	url?: string;
	lastAttempt?: string;
	lastSuccess?: string;
	lastError?: string;
	etag?: string;
	lastModified?: string;
	/** Not to be asked again before this time (a 429 or 503 with Retry-After). */
	notBefore?: string;
	/** RSS/Atom: items taken, by GUID (else link, else title). */
	items?: Record<string, ItemSeen>;
	/** GDELT: the last export file taken, and the event ids of recent ones (GDELT re-emits events). */
	lastExport?: string;
	events?: string[];
	/** UCDP/ACLED: the record ids of the last fetch, to report those that disappeared (Candidate rows are withdrawn). */
	ids?: string[];
}

export interface FetchState {
	version: 1;
	sources: Record<string, SourceState>;
}

/** How many items per source are remembered; the oldest are forgotten first. */
export const MAX_ITEMS = 5000;
export const MAX_EVENTS = 50_000;

export const STATE_FILE = join('.sitrep', 'fetch-state.json');

export function statePath(dir: string): string {
	return join(dir, STATE_FILE);
}

/** The state as stored; a fresh one (and a note) when the file is missing or unusable. */
export function readState(dir: string): { state: FetchState; note?: string } {
	const path = statePath(dir);
	let text: string;
	try {
		text = fs.readFileSync(path, 'utf8');
	} catch {
		return { state: { version: 1, sources: {} } };
	}
	try {
		const json = JSON.parse(text) as FetchState;
		if (json && json.version === 1 && typeof json.sources === 'object' && json.sources !== null) {
			return { state: json };
		}
		throw new Error('not a version 1 fetch state');
	} catch (err) {
		const aside = `${path}.bad-${Date.now()}`;
		try {
			fs.renameSync(path, aside);
		} catch {
			// Left where it is: the next write replaces it.
		}
		return {
			state: { version: 1, sources: {} },
			note: `${STATE_FILE} was unusable (${(err as Error).message}); kept as ${aside}, starting afresh (every source is fetched in full once)`,
		};
	}
}

/** The most recent `max` entries of a record (insertion order is age order). */
function newest<T>(entries: Record<string, T>, max: number): Record<string, T> {
	const keys = Object.keys(entries);
	if (keys.length <= max) return entries;
	return Object.fromEntries(keys.slice(keys.length - max).map((k) => [k, entries[k] as T]));
}

export function writeState(dir: string, state: FetchState): void {
	for (const s of Object.values(state.sources)) {
		if (s.items) s.items = newest(s.items, MAX_ITEMS);
		if (s.events && s.events.length > MAX_EVENTS) s.events = s.events.slice(-MAX_EVENTS);
	}
	writeFileAtomic(statePath(dir), `${JSON.stringify(state)}\n`, { mkdir: true });
}
