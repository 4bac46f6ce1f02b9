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
	if (buf[i] === 0x5d) return { path, ranges: new Int32Array(0) };
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
