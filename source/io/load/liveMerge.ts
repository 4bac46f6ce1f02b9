// What a re-read changes in the open data: per kind, the records that are new
// or changed (a record read again that holds the same data keeps its old
// object, so nothing downstream redoes work for it), the keys gone, and the
// problems now. The files are walked in the loader's order, so the first of
// two records with one id wins, as at start. A file that no longer reads
// cleanly keeps the records of its last good read (its new problems say why).
import type { Problem } from '../../core/problems.js';
import { sameValue } from '../../core/same.js';
import type { Actor, Article, Country, Incident } from '../../core/schema.js';
import { KINDS, type Kind, singular } from '../../core/schemaBase.js';
import type { Store } from '../../core/store.js';
import type { KindChange, StoreChange } from '../../core/storeUpdate.js';
import { type DataFile, displayPath, type FilesResult } from './loader.js';

type AnyRecord = Article | Incident | Actor | Country;

/** As the loader keys records: the id, or a country's code. */
export const keyOf = (r: AnyRecord): string => {
	const k = r as { id?: string; code?: string };
	return String(k.id ?? k.code);
};

function byKey(store: Store, kind: Kind): ReadonlyMap<string, AnyRecord> {
	return kind === 'articles'
		? store.articleById
		: kind === 'incidents'
			? store.incidentById
			: kind === 'actors'
				? store.actorById
				: store.countryByCode;
}

export interface KeyLists {
	incidents: string[];
	articles: string[];
}

export interface Merged {
	change: StoreChange;
	problems: Problem[];
	/** Per file, the keys it holds now. */
	fileKeys: Map<string, string[]>;
	/** Files showing their last good read. */
	stale: Set<string>;
	added: KeyLists;
	changed: KeyLists;
	removed: KeyLists;
}

export interface MergeInput {
	store: Store;
	problems: readonly Problem[];
	fileKeys: ReadonlyMap<string, string[]>;
	stale: ReadonlySet<string>;
	/** The data files now, in the loader's order. */
	files: readonly DataFile[];
	/** The kinds whose files were read or removed. */
	kinds: ReadonlySet<Kind>;
	read: FilesResult;
	/** The whole directory was read (its problems are all there is). */
	whole: boolean;
}

const noteFor = (kind: Kind, n: number) =>
	`does not read cleanly now: the ${n} ${n === 1 ? singular[kind] : kind} of its last good read are kept until it does`;

export function* mergeSteps(input: MergeInput, due: () => boolean): Generator<void, Merged> {
	const { store, read } = input;
	const fileKeys = new Map(input.fileKeys);
	const stale = new Set(input.stale);
	const change: StoreChange = {};
	const added: KeyLists = { incidents: [], articles: [] };
	const changed: KeyLists = { incidents: [], articles: [] };
	const removed: KeyLists = { incidents: [], articles: [] };
	const extra: Problem[] = [];
	const present = new Set(input.files.map((f) => f.file));
	for (const f of fileKeys.keys()) if (!present.has(f)) fileKeys.delete(f);
	for (const f of stale) if (!present.has(f)) stale.delete(f);
	let work = 0;
	for (const kind of KINDS) {
		if (!input.kinds.has(kind)) continue;
		const readNow = new Map<string, AnyRecord>();
		for (const r of read.records[kind] as AnyRecord[]) readNow.set(keyOf(r), r);
		const old = byKey(store, kind);
		const seen = new Set<string>();
		const fresh: AnyRecord[] = [];
		const gone = new Set<string>();
		for (const f of input.files) {
			if (f.kind !== kind) continue;
			let keys = read.fileKeys.get(f.file);
			let isRead = keys !== undefined;
			if (isRead && read.broken.has(f.file) && fileKeys.has(f.file)) {
				isRead = false;
				keys = fileKeys.get(f.file);
				stale.add(f.file);
				extra.push({
					severity: 'warning',
					file: displayPath(f.file),
					pointer: '',
					message: noteFor(kind, keys?.length ?? 0),
				});
			} else if (isRead) stale.delete(f.file);
			keys ??= fileKeys.get(f.file) ?? [];
			fileKeys.set(f.file, keys);
			for (const key of keys) {
				if (++work > 256 && due()) {
					yield;
					work = 0;
				}
				if (seen.has(key)) {
					if (isRead) {
						const message = `duplicate ${singular[kind]} id "${key}" (first defined in an earlier file); skipped`;
						extra.push({ severity: 'error', file: displayPath(f.file), pointer: '', message });
					}
					continue;
				}
				seen.add(key);
				if (!isRead) continue;
				const rec = readNow.get(key) as AnyRecord;
				const was = old.get(key);
				if (!was) {
					fresh.push(rec);
					if (kind === 'incidents' || kind === 'articles') added[kind].push(key);
				} else if (!sameValue(was, rec)) {
					fresh.push(rec);
					gone.add(key);
					if (kind === 'incidents' || kind === 'articles') changed[kind].push(key);
				}
			}
		}
		for (const key of old.keys()) {
			if (++work > 2048 && due()) {
				yield;
				work = 0;
			}
			if (seen.has(key)) continue;
			gone.add(key);
			if (kind === 'incidents' || kind === 'articles') removed[kind].push(key);
		}
		if (fresh.length || gone.size) (change as Record<Kind, KindChange<AnyRecord>>)[kind] = { fresh, gone };
	}
	return { change, problems: problemsNow(input, extra), fileKeys, stale, added, changed, removed };
}

/** The problems of the files read replace theirs; those of files gone go; the rest stay. In reading order. */
function problemsNow(input: MergeInput, extra: Problem[]): Problem[] {
	const read = new Set([...input.read.fileKeys.keys(), ...input.read.files].map(displayPath));
	const present = new Set(input.files.map((f) => displayPath(f.file)));
	const known = new Set([...input.fileKeys.keys()].map(displayPath));
	const kept = input.whole
		? []
		: input.problems.filter(
				(p) =>
					!read.has(p.file) &&
					// A file gone takes its problems with it; the directory's own stay, but for "no data files" once there are.
					(present.has(p.file) || !known.has(p.file)) &&
					!(present.size > 0 && p.message.startsWith('no data files found')),
			);
	const order = new Map(input.files.map((f, i) => [displayPath(f.file), i]));
	const all = [...kept, ...input.read.problems, ...extra];
	return all
		.map((p, i) => ({ p, i }))
		.sort(
			(a, b) =>
				(order.get(a.p.file) ?? -1) - (order.get(b.p.file) ?? -1) ||
				(a.p.line ?? Number.POSITIVE_INFINITY) - (b.p.line ?? Number.POSITIVE_INFINITY) ||
				(a.p.col ?? 0) - (b.p.col ?? 0) ||
				a.i - b.i,
		)
		.map(({ p }) => p);
}

const MISSING_ARTICLE = /^unknown article "(.*)" \(not in articles\)$/;

/** Warnings about incidents citing an article that has since arrived go. */
export function withoutFoundArticles(problems: readonly Problem[], store: Store): Problem[] {
	return problems.filter((p) => {
		const id = MISSING_ARTICLE.exec(p.message)?.[1];
		return id === undefined || !store.articleById.has(id);
	});
}
