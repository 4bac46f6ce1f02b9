// What the analyst has seen of the watchlist, kept next to the settings as
// watch.json. Read as conf reads it, written through conf (atomic writes; conf
// is loaded for the first write, so saving returns a promise). A broken file is
// never thrown at the caller nor silently reset: it is moved aside as
// watch.json.bad-<time> and sitrep starts afresh, saying so once; only when it
// cannot be moved is it reported and left alone (and not written over).

import { resolve } from 'node:path';
import type Conf from 'conf';
import type { Seen } from '../../core/watch.js';
import {
	detailOf,
	errorText,
	loadConf,
	loadedConf,
	movedAside,
	openStateFile,
	readAsConf,
	settingsPath,
	tolerantReader,
} from './file.js';

/**
 * One record per data directory ({dirs: {"/abs/dir": {since, items}}}): what was
 * seen of one data set says nothing about another. A flat {since, items} (no
 * directory given) is read and written as it is.
 */
type SeenFile = Partial<Seen> & { dirs?: Record<string, unknown> };

const open = (ConfClass: typeof Conf, deserialize: (text: string) => Record<string, unknown>) =>
	openStateFile<SeenFile>(ConfClass, 'watch', deserialize);

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

export interface Loaded {
	/** Undefined when there is none yet (first run), or it could not be used. */
	seen: Seen | undefined;
	/** The file could not be read, nor kept aside: it is left alone and not written over (saveSeen refuses too). */
	error?: string;
	/** The file was unusable and is kept aside as a backup: starting afresh. To be said once. */
	notice?: string;
}

/** A broken file moved aside; undefined when it could not be (then it must be left alone). */
function setAside(path: string, text: string, problem: string, detail = ''): Loaded | undefined {
	const notice = movedAside(path, text, problem, 'what is there now counts as seen', detail);
	return notice === undefined ? undefined : { seen: undefined, notice };
}

/** The seen record for a data directory, or why there is none. A file that is not a valid record is moved aside (watch.json.bad-<time>). */
export function loadSeen(dir?: string): Loaded {
	const reader = tolerantReader();
	const conf = { path: settingsPath('watch.json') };
	try {
		readAsConf(conf.path, reader.deserialize);
	} catch (err) {
		// As when conf's constructor failed, which names no file.
		return { seen: undefined, error: `cannot read ${conf.path}: ${errorText(err)}` };
	}
	const read = reader.last();
	// No file: nothing seen yet is not an error.
	if (!read) return { seen: undefined };
	let what: string;
	const detail = detailOf(read.parsed);
	if ('problem' in read.parsed) what = read.parsed.problem;
	else {
		// An empty object is what a first run leaves: nothing seen yet.
		const value = read.parsed.value as SeenFile;
		if (Object.keys(value).length === 0) return { seen: undefined };
		const dirs = value.dirs;
		const perDir = dirs !== undefined;
		const entry = perDir ? (dir === undefined ? undefined : (dirs as Record<string, unknown>)[resolve(dir)]) : value;
		const bad =
			perDir && (typeof dirs !== 'object' || dirs === null || Array.isArray(dirs))
				? '"dirs" is not an object'
				: undefined;
		if (!bad && entry === undefined) return { seen: undefined };
		const seen = bad ?? asSeen(entry);
		if (typeof seen !== 'string') return { seen };
		what = `not a watch record (${seen})`;
	}
	return (
		setAside(conf.path, read.text, what, detail) ?? {
			seen: undefined,
			error: `${conf.path} is ${what} and could not be kept aside: fix or delete it`,
		}
	);
}

/**
 * Writes the seen record of a data directory (ids and keys sorted, so the file changes only when
 * the data does); the error, if any. Once conf is loaded (loadedConf) the file is written before
 * this returns, as a save on the way out needs.
 */
export async function saveSeen(seen: Seen, dir?: string): Promise<string | undefined> {
	const ConfClass = loadedConf() ?? (await loadConf());
	return saveSeenWith(ConfClass, seen, dir);
}

function saveSeenWith(ConfClass: typeof Conf, seen: Seen, dir?: string): string | undefined {
	const items: Seen['items'] = {};
	for (const key of Object.keys(seen.items).sort()) {
		const e = seen.items[key];
		if (e) items[key] = { incidents: [...e.incidents].sort(), articles: [...e.articles].sort() };
	}
	try {
		const reader = tolerantReader();
		const conf = open(ConfClass, reader.deserialize);
		// Never written over: a file that became unusable since it was loaded is kept aside first.
		const read = reader.last();
		if (read && 'problem' in read.parsed && !setAside(conf.path, read.text, read.parsed.problem)) {
			return `cannot write the watch state: ${conf.path} is ${read.parsed.problem} and could not be kept aside`;
		}
		if (dir === undefined) conf.store = { since: seen.since, items };
		else {
			// The other directories' records stay as they are; a flat record from before is dropped.
			const before = read && !('problem' in read.parsed) ? (read.parsed.value as SeenFile).dirs : undefined;
			const dirs = before && typeof before === 'object' && !Array.isArray(before) ? { ...before } : {};
			dirs[resolve(dir)] = { since: seen.since, items };
			conf.store = { dirs };
		}
		return undefined;
	} catch (err) {
		return `cannot write the watch state: ${errorText(err)}`;
	}
}
