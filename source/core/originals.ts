// The text of records as the data files wrote it, for the few records whose
// strings the loader had to clean (core/load.ts). The store holds the cleaned
// record, which is what the terminal shows; JSON outputs (timeline, actor,
// search, export, TUI export) print the original, escaped so that it is still
// safe on a terminal (terminalJson in present/json.ts). Records that needed no
// cleaning, nearly all of them, have no entry and cost nothing.
//
// The table is per process: records that cross a worker or the load cache are
// structured clones and lose their entry, so they fall back to the cleaned
// text. Only the dashboard uses either, and it shows only cleaned text.

const raw = new WeakMap<object, unknown>();

/** Remembers `copy` (a deep copy taken before cleaning) as the original of `record`. */
export function keepOriginal(record: object, copy: unknown): void {
	raw.set(record, copy);
}

/** The record as the data file wrote it, or the record itself when cleaning changed nothing. */
export function original<T>(record: T): T {
	if (record === null || typeof record !== 'object') return record;
	return (raw.get(record) as T | undefined) ?? record;
}

/** True when the record's text was cleaned at load (its original differs). */
export function hasOriginal(record: object): boolean {
	return raw.has(record);
}

/**
 * `to` replaces `from` with some fields changed (articles linked to actors and
 * countries, core/link.ts): its original is from's, with those fields taken
 * from `to` (they are not text the loader cleaned).
 */
export function carryOriginal(from: object, to: object): void {
	const before = raw.get(from);
	if (before === undefined) return;
	const copy = { ...(before as Record<string, unknown>) };
	const f = from as Record<string, unknown>;
	for (const [k, v] of Object.entries(to)) if (v !== f[k]) copy[k] = v;
	raw.set(to, copy);
}
