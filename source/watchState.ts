// What the analyst has seen of the watchlist, kept next to the settings as
// watch.json. Read and written through conf (atomic writes); a broken file is
// reported and left alone, never thrown at the caller or silently reset.
import Conf from 'conf';
import type { Seen } from './core/watch.js';

type SeenFile = Partial<Seen>;

function open(): Conf<SeenFile> {
	const cwd = process.env.SITREP_CONFIG_DIR;
	return new Conf<SeenFile>({ projectName: 'sitrep', configName: 'watch', ...(cwd ? { cwd } : {}) });
}

const isIdList = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');

/** Checked by hand: the file may have been edited, or written by another version. */
function asSeen(data: unknown): Seen | string {
	if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'not a JSON object';
	const { since, items } = data as Record<string, unknown>;
	if (typeof since !== 'string' || Number.isNaN(Date.parse(since))) return '"since" is not an ISO timestamp';
	if (typeof items !== 'object' || items === null || Array.isArray(items)) return '"items" is not an object';
	const out: Seen = { since, items: {} };
	for (const [key, entry] of Object.entries(items)) {
		const e = entry as { incidents?: unknown; articles?: unknown } | null;
		if (typeof e !== 'object' || e === null || !isIdList(e.incidents) || !isIdList(e.articles)) {
			return `"items.${key}" needs "incidents" and "articles" lists of ids`;
		}
		out.items[key] = { incidents: e.incidents, articles: e.articles };
	}
	return out;
}

/** The seen record; undefined when there is none yet (first run) or it cannot be read (then with why). */
export function loadSeen(): { seen: Seen | undefined; error?: string } {
	let conf: Conf<SeenFile>;
	try {
		conf = open();
	} catch (err) {
		// conf names no file when its constructor fails: point at the directory `sitrep config path` shows.
		return {
			seen: undefined,
			error: `cannot read watch.json (next to the settings file, see sitrep config path): ${(err as Error).message}`,
		};
	}
	let data: SeenFile;
	try {
		data = conf.store;
	} catch (err) {
		return { seen: undefined, error: `cannot read ${conf.path}: ${(err as Error).message}` };
	}
	// conf gives {} for a missing file: nothing seen yet is not an error.
	if (Object.keys(data).length === 0) return { seen: undefined };
	const seen = asSeen(data);
	if (typeof seen === 'string') return { seen: undefined, error: `invalid ${conf.path}: ${seen}` };
	return { seen };
}

/** Writes the seen record (ids and keys sorted, so the file changes only when the data does); the error, if any. */
export function saveSeen(seen: Seen): string | undefined {
	const items: Seen['items'] = {};
	for (const key of Object.keys(seen.items).sort()) {
		const e = seen.items[key];
		if (e) items[key] = { incidents: [...e.incidents].sort(), articles: [...e.articles].sort() };
	}
	try {
		open().store = { since: seen.since, items };
		return undefined;
	} catch (err) {
		return `cannot write the watch state: ${(err as Error).message}`;
	}
}
