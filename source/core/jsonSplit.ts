// Finds the records of a big data file in its bytes, so each can be decoded
// and parsed on its own: JSON.parse of the whole file would first need the
// whole text as one string (twice the file's size in memory once any
// character is not ASCII) and then hold it alongside every record.
// Anything unexpected returns undefined, and the caller parses the whole text
// the ordinary way (which also explains syntax errors with line and column).

const SPACE = new Uint8Array(256);
for (const c of [0x20, 0x09, 0x0a, 0x0d]) SPACE[c] = 1;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The byte after the string that starts at `at` (a quote), or -1 if it never ends. */
function stringEnd(buf: Uint8Array, at: number): number {
	for (let i = at + 1; i < buf.length; i++) {
		const c = buf[i];
		if (c === BACKSLASH) i++;
		else if (c === QUOTE) return i + 1;
	}
	return -1;
}

function skipSpace(buf: Uint8Array, at: number): number {
	let i = at;
	while (i < buf.length && SPACE[buf[i] as number]) i++;
	return i;
}

/** The byte after the value starting at `at`, or -1 (brackets are balanced outside strings). */
function valueEnd(buf: Uint8Array, at: number): number {
	const first = buf[at];
	if (first === QUOTE) return stringEnd(buf, at);
	if (first !== 0x7b && first !== 0x5b) {
		// A number, true, false or null: up to the next delimiter.
		let i = at;
		while (i < buf.length) {
			const c = buf[i] as number;
			if (c === 0x2c || c === 0x5d || c === 0x7d || SPACE[c]) break;
			i++;
		}
		return i > at ? i : -1;
	}
	let depth = 0;
	for (let i = at; i < buf.length; i++) {
		const c = buf[i];
		if (c === QUOTE) {
			i = stringEnd(buf, i) - 1;
			if (i < 0) return -1;
		} else if (c === 0x7b || c === 0x5b) depth++;
		else if (c === 0x7d || c === 0x5d) {
			depth--;
			if (depth === 0) return i + 1;
		}
	}
	return -1;
}

const INVALID = Symbol('invalid');

/** The JSON value in buf[start, end), or INVALID: values around the list are checked, not just skipped. */
function parseRange(buf: Uint8Array, start: number, end: number): unknown {
	try {
		return JSON.parse(Buffer.from(buf.buffer, buf.byteOffset + start, end - start).toString('utf8'));
	} catch {
		return INVALID;
	}
}

/**
 * Byte ranges of the elements of the file's record list — a bare array, or
 * the array under `key` in a top-level object — and the path of that list.
 */
export function recordRanges(buf: Uint8Array, key: string): { path: string[]; ranges: Int32Array } | undefined {
	let i = skipSpace(buf, buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0);
	let path: string[] = [];
	if (buf[i] === 0x7b) {
		// {"$schema": "...", "incidents": [...]}: find the key at the top level.
		i = skipSpace(buf, i + 1);
		for (;;) {
			if (buf[i] !== QUOTE) return undefined;
			const end = stringEnd(buf, i);
			if (end < 0) return undefined;
			// Decoded as JSON.parse decodes it: "incident\u0073" is the key too.
			const name = parseRange(buf, i, end);
			if (typeof name !== 'string') return undefined;
			i = skipSpace(buf, end);
			if (buf[i] !== 0x3a) return undefined;
			i = skipSpace(buf, i + 1);
			if (name === key) {
				path = [key];
				break;
			}
			const after = valueEnd(buf, i);
			if (after < 0 || parseRange(buf, i, after) === INVALID) return undefined;
			i = skipSpace(buf, after);
			if (buf[i] !== 0x2c) return undefined;
			i = skipSpace(buf, i + 1);
		}
	}
	if (buf[i] !== 0x5b) return undefined;
	const ranges: number[] = [];
	i = skipSpace(buf, i + 1);
	// An empty list is checked for what follows it like any other ("[][]" is not a file of no records).
	if (buf[i] !== 0x5d) {
		for (;;) {
			const end = valueEnd(buf, i);
			if (end < 0) return undefined;
			ranges.push(i, end);
			i = skipSpace(buf, end);
			if (buf[i] === 0x2c) {
				i = skipSpace(buf, i + 1);
				continue;
			}
			if (buf[i] === 0x5d) break;
			return undefined;
		}
	}
	// What follows the list must close the file cleanly; the slow path judges anything else.
	i = skipSpace(buf, i + 1);
	if (path.length > 0) {
		while (buf[i] === 0x2c) {
			i = skipSpace(buf, i + 1);
			if (buf[i] !== QUOTE) return undefined;
			const end = stringEnd(buf, i);
			if (end < 0) return undefined;
			// A second list under the same key would be the one JSON.parse keeps.
			const name = parseRange(buf, i, end);
			if (typeof name !== 'string' || name === key) return undefined;
			i = skipSpace(buf, end);
			if (buf[i] !== 0x3a) return undefined;
			const start = skipSpace(buf, i + 1);
			const after = valueEnd(buf, start);
			if (after < 0 || parseRange(buf, start, after) === INVALID) return undefined;
			i = skipSpace(buf, after);
		}
		if (buf[i] !== 0x7d) return undefined;
		i = skipSpace(buf, i + 1);
	}
	return i === buf.length ? { path, ranges: Int32Array.from(ranges) } : undefined;
}

// Positions in text too deeply nested for a recursive parser (jsonc-parser's
// parseTree overflows the stack at some thousands of levels): one pass over
// the text with an explicit stack, any depth. Broken syntax is stepped over:
// the answer is then a best effort, as any position in broken text is.

type Segment = string | number;
/** Stands for the key of an object whose first key is not read yet: equal to no path segment. */
const NO_KEY = Symbol('no key');

/** , : [ ] { } and the quote: what ends a number, true, false or null. */
const DELIMITERS = new Set([0x2c, 0x3a, 0x5b, 0x5d, 0x7b, 0x7d, QUOTE]);

/** Index of the quote closing the string that opens at `at` (the text's last index if none does). */
function closingQuote(text: string, at: number): number {
	for (let from = at + 1; ; ) {
		const q = text.indexOf('"', from);
		if (q < 0) return text.length - 1;
		let b = q - 1;
		while (b > at && text.charCodeAt(b) === BACKSLASH) b--;
		if ((q - 1 - b) % 2 === 0) return q;
		from = q + 1;
	}
}

/**
 * Calls `visit` for each value in the text with its path (valid only during
 * the call), its offset, the offset of its last character and the offset of
 * its key (-1 in an array); `visit` returns true to stop.
 */
function walk(
	text: string,
	visit: (path: readonly (Segment | typeof NO_KEY)[], at: number, last: number, keyAt: number) => boolean,
): void {
	const path: (Segment | typeof NO_KEY)[] = [];
	const inArray: boolean[] = [];
	let wantKey = false;
	let keyAt = -1;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c < 256 && SPACE[c]) continue;
		const d = path.length;
		if (c === 0x2c) {
			if (d > 0 && inArray[d - 1]) path[d - 1] = (path[d - 1] as number) + 1;
			else if (d > 0) wantKey = true;
			continue;
		}
		if (c === 0x3a) {
			wantKey = false;
			continue;
		}
		if (c === 0x7d || c === 0x5d) {
			path.pop();
			inArray.pop();
			wantKey = false;
			continue;
		}
		let last = i;
		if (c === QUOTE) last = closingQuote(text, i);
		else if (c !== 0x7b && c !== 0x5b) {
			// A number, true, false, null (or a stray word): up to the next delimiter.
			while (last + 1 < text.length) {
				const n = text.charCodeAt(last + 1);
				if ((n < 256 && SPACE[n]) || DELIMITERS.has(n)) break;
				last++;
			}
		}
		const inObject = d > 0 && !inArray[d - 1];
		if (c === QUOTE && inObject && wantKey) {
			let key: unknown;
			try {
				key = JSON.parse(text.slice(i, last + 1));
			} catch {
				key = text.slice(i + 1, last);
			}
			path[d - 1] = String(key);
			keyAt = i;
			wantKey = false;
			i = last;
			continue;
		}
		if (visit(path, i, last, inObject ? keyAt : -1)) return;
		if (c === 0x7b) {
			path.push(NO_KEY);
			inArray.push(false);
			wantKey = true;
		} else if (c === 0x5b) {
			path.push(0);
			inArray.push(true);
		}
		i = last;
	}
}

/**
 * The offset of the deepest value on `target` that the text has (of its key,
 * for an object's field), as jsonc-parser's findNodeAtLocation would give.
 */
export function offsetAtPath(text: string, target: readonly Segment[]): number {
	let best = 0;
	let bestDepth = -1;
	walk(text, (path, at, _last, keyAt) => {
		const d = path.length;
		if (d > target.length || d <= bestDepth) return false;
		for (let k = 0; k < d; k++) if (path[k] !== target[k]) return false;
		best = keyAt >= 0 ? keyAt : at;
		bestDepth = d;
		return d === target.length;
	});
	return best;
}

/** The path of the value at `offset` in the text (of the record around it when the offset is in a key). */
export function pathAtOffset(text: string, offset: number): Segment[] {
	let found: Segment[] = [];
	const upTo = (path: readonly (Segment | typeof NO_KEY)[], end: number) => {
		const cut = path.indexOf(NO_KEY);
		return path.slice(0, Math.max(0, cut < 0 ? end : Math.min(cut, end))) as Segment[];
	};
	walk(text, (path, at, last) => {
		const scalar = text[at] !== '{' && text[at] !== '[';
		// The value holding the offset; or, when the offset lies before a value (in its key), that value's container.
		if (scalar && at <= offset && offset <= last) found = upTo(path, path.length);
		else if (at > offset) found = upTo(path, path.length - 1);
		else return false;
		return true;
	});
	return found;
}

/**
 * Where a buffer is not valid UTF-8: the first bad byte and the number of bad
 * sequences, counted as a decoder replaces them (one U+FFFD per maximal
 * invalid subpart, as the WHATWG decoder and Buffer#toString do).
 */
export function invalidUtf8(buf: Uint8Array): { first: number; count: number } | undefined {
	let first = -1;
	let count = 0;
	for (let i = 0; i < buf.length; ) {
		const c = buf[i] as number;
		if (c < 0x80) {
			i++;
			continue;
		}
		let need = 0;
		let lo = 0x80;
		let hi = 0xbf;
		if (c >= 0xc2 && c <= 0xdf) need = 1;
		else if (c >= 0xe0 && c <= 0xef) {
			need = 2;
			if (c === 0xe0) lo = 0xa0;
			if (c === 0xed) hi = 0x9f;
		} else if (c >= 0xf0 && c <= 0xf4) {
			need = 3;
			if (c === 0xf0) lo = 0x90;
			if (c === 0xf4) hi = 0x8f;
		}
		let j = i + 1;
		for (let k = 0; k < need; k++, j++) {
			const b = buf[j];
			if (b === undefined || b < lo || b > hi) break;
			lo = 0x80;
			hi = 0xbf;
		}
		if (need > 0 && j - i === need + 1) {
			i = j;
			continue;
		}
		if (first < 0) first = i;
		count++;
		i = j;
	}
	return first < 0 ? undefined : { first, count };
}

/**
 * The text with every array or object nested deeper than `limit` replaced by
 * a 0 and spaces: same length and offsets, shallow enough for a recursive
 * parser to find the records and the syntax errors around them.
 */
export function flattenDeep(text: string, limit: number): string {
	const parts: string[] = [];
	let from = 0;
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === QUOTE) i = closingQuote(text, i);
		else if (c === 0x7d || c === 0x5d) depth--;
		else if ((c === 0x7b || c === 0x5b) && ++depth > limit) {
			let open = 1;
			let j = i + 1;
			for (; j < text.length && open > 0; j++) {
				const x = text.charCodeAt(j);
				if (x === QUOTE) j = closingQuote(text, j);
				else if (x === 0x7b || x === 0x5b) open++;
				else if (x === 0x7d || x === 0x5d) open--;
			}
			parts.push(text.slice(from, i), '0', ' '.repeat(j - i - 1));
			from = j;
			i = j - 1;
			depth--;
		}
	}
	parts.push(text.slice(from));
	return parts.join('');
}
