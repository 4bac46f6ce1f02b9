// Whether two records hold the same data: a record read again from a changed
// file is a new object even when nothing in it changed, and only a real
// change should replace it (and be re-indexed) in the open dashboard.

/** Deep equality of JSON-like values (objects, arrays, strings, numbers, booleans, null); key order aside. */
export function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameValue(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const x = a as Record<string, unknown>;
	const y = b as Record<string, unknown>;
	let n = 0;
	for (const k in x) {
		if (!Object.hasOwn(x, k)) continue;
		// A field left out and a field set to undefined are the same record.
		if (x[k] === undefined) continue;
		n++;
		if (!Object.hasOwn(y, k) || !sameValue(x[k], y[k])) return false;
	}
	let m = 0;
	for (const k in y) if (Object.hasOwn(y, k) && y[k] !== undefined) m++;
	return n === m;
}
