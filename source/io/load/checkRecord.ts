// One record checked as the loader checks it: the fast check, else zod (unknown
// fields dropped, anything else skips it), then every string cleaned by the
// sanitizer. The loader and the SQLite index both use it, so a record is kept
// or skipped, and reported, the same way by both.
import { describeIssues } from '../../core/issues.js';
import { keepOriginal } from '../../core/originals.js';
import type { Severity } from '../../core/problems.js';
import { fastActor, fastArticle, fastCountry, fastIncident } from '../../core/recordCheck.js';
import { hasControl, sanitizeLine, sanitizeText } from '../../core/sanitize.js';
import type { recordSchemas } from '../../core/schema.js';
import type { Kind } from '../../core/schemaBase.js';

const FAST = { incidents: fastIncident, articles: fastArticle, actors: fastActor, countries: fastCountry } as const;

const MULTILINE = new Set(['body', 'description', 'summary', 'notes', 'cited']);

/** What is wrong with a record, at a path inside it. */
export interface RecordNote {
	severity: Severity;
	path: (string | number)[];
	message: string;
}

/** The record as kept (undefined: skipped) and what was said about it. */
export interface Checked {
	record: Record<string, unknown> | undefined;
	notes: RecordNote[];
}

/** `schemaOf` may throw (the loader's lazy zod): only records the fast check declines ask for it. */
export function checkRecord<K extends Kind>(
	kind: K,
	value: unknown,
	schemaOf: (kind: K) => (typeof recordSchemas)[K],
): Checked {
	const notes: RecordNote[] = [];
	const fast = FAST[kind](value);
	const parsed = fast ? { success: true as const, data: fast } : schemaOf(kind).safeParse(value);
	let record: Record<string, unknown>;
	if (parsed.success) {
		record = parsed.data as Record<string, unknown>;
	} else {
		const reports = describeIssues(parsed.error.issues, value);
		for (const r of reports)
			notes.push({ severity: r.unknownField ? 'warning' : 'error', path: r.path, message: r.message });
		// Unknown fields (at any depth) are dropped and the record kept; anything else skips it.
		const stripped = reports.every((r) => r.unknownField)
			? schemaOf(kind).safeParse(
					withoutPaths(
						value,
						reports.map((r) => r.path),
					),
				)
			: undefined;
		if (!stripped?.success) return { record: undefined, notes };
		record = stripped.data as Record<string, unknown>;
	}
	delete record.$schema;
	// The text as written is kept aside (core/originals.ts) for JSON output, copied only when cleaning changes it.
	let before: unknown;
	const rec = record;
	if (cleanStrings(record, false, () => (before ??= structuredClone(rec)))) {
		// A required text that was nothing but control characters is empty now: that record is not valid.
		const again = schemaOf(kind).safeParse(record);
		if (!again.success) {
			for (const r of describeIssues(again.error.issues, record)) {
				notes.push({
					severity: 'error',
					path: r.path,
					message: `${r.message} (after removing terminal control characters); record skipped`,
				});
			}
			return { record: undefined, notes };
		}
		notes.push({ severity: 'warning', path: [], message: 'terminal control characters removed from text' });
	}
	if (before !== undefined) keepOriginal(record, before);
	return { record, notes };
}

/**
 * A JSON value without the fields at the given paths. Only the arrays and
 * objects on those paths are copied: a deep copy would recurse through any
 * nesting (100k nested arrays overflow the stack) and copy what is dropped.
 */
function withoutPaths(value: unknown, paths: (string | number)[][]): unknown {
	type Obj = Record<string | number, unknown>;
	const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object';
	const copies = new Set<unknown>();
	const copy = (v: Obj): Obj => {
		// Spreading defines own properties: a "__proto__" field stays a field.
		const c = Array.isArray(v) ? [...v] : { ...v };
		copies.add(c);
		return c as Obj;
	};
	if (!isObj(value)) return value;
	const root = copy(value);
	for (const path of paths) {
		let node: Obj | undefined = root;
		for (const k of path.slice(0, -1)) {
			const child: unknown = node && Object.hasOwn(node, k) ? node[k] : undefined;
			if (!node || !isObj(child)) {
				node = undefined;
				break;
			}
			const own: Obj = copies.has(child) ? child : copy(child);
			Object.defineProperty(node, k, { value: own, writable: true, enumerable: true, configurable: true });
			node = own;
		}
		const last = path[path.length - 1];
		if (node && last !== undefined) delete node[last];
	}
	return root;
}

/**
 * Sanitizes every string in a record in place; true when a control character was removed.
 * `beforeChange` runs before the first string is replaced (the record is still as loaded).
 */
function cleanStrings(
	obj: Record<string, unknown> | unknown[],
	multiline = false,
	beforeChange?: () => unknown,
): boolean {
	let changed = false;
	const entries: [string | number, unknown][] = Array.isArray(obj) ? obj.map((v, i) => [i, v]) : Object.entries(obj);
	for (const [k, v] of entries) {
		const ml = multiline || (typeof k === 'string' && MULTILINE.has(k));
		if (typeof v === 'string') {
			if (hasControl(v)) changed = true;
			const clean = ml ? sanitizeText(v) : sanitizeLine(v);
			if (clean !== v) {
				beforeChange?.();
				(obj as Record<string | number, unknown>)[k] = clean;
			}
		} else if (v !== null && typeof v === 'object') {
			if (cleanStrings(v as Record<string, unknown>, ml, beforeChange)) changed = true;
		}
	}
	return changed;
}
