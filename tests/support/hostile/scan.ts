// Reading output for markers: where each hostile string landed, and whether
// anything from it survived as a control character. A marker's region runs
// from the marker to the next marker (or the end of the text), so text cut or
// wrapped onto the next lines still counts as the string's.
import { describeChars, FORBIDDEN, FORBIDDEN_ALL, HOSTILE } from './corpus.js';

const MARKER = /<<([A-Z]{2})(\d+)>>/g;

export interface Sighting {
	/** Times the marker was seen. */
	seen: number;
	/** What was wrong in its regions (deduplicated). */
	bad: Set<string>;
}

export class Scan {
	readonly marks = new Map<string, Sighting>();
	/** Control characters before the first marker of a text: not attributable to a string. */
	readonly stray = new Set<string>();
	texts = 0;
	dirty = 0;

	/** Adds one output (a frame, a command's stdout). Identical texts are read once. */
	add(text: string, where: string): void {
		this.texts++;
		if (FORBIDDEN.test(text)) this.dirty++;
		const hits = [...text.matchAll(MARKER)];
		const firstAt = hits[0]?.index ?? text.length;
		const head = text.slice(0, firstAt);
		if (FORBIDDEN.test(head)) this.stray.add(`${where}: ${describeChars(head)} in ${JSON.stringify(head.slice(-80))}`);
		hits.forEach((m, k) => {
			const key = `${m[1]}${m[2]}`;
			const start = (m.index ?? 0) + m[0].length;
			const end = hits[k + 1]?.index ?? text.length;
			const region = text.slice(start, end);
			let s = this.marks.get(key);
			if (!s) {
				s = { seen: 0, bad: new Set() };
				this.marks.set(key, s);
			}
			s.seen++;
			if (FORBIDDEN.test(region)) {
				const at = region.search(FORBIDDEN);
				s.bad.add(
					`${where}: ${describeChars(region)} near ${JSON.stringify(region.slice(Math.max(0, at - 20), at + 20))}`,
				);
			}
		});
	}

	addAll(texts: Iterable<string>, where: string): void {
		for (const t of new Set(texts)) this.add(t, where);
	}

	sighting(code: string, i: number): Sighting | undefined {
		return this.marks.get(`${code}${i}`);
	}
}

export interface Verdict {
	passed: number;
	total: number;
	failures: string[];
}

/**
 * For each string tried: passed when every one of its markers in `codes` was
 * seen and no region of any carried a control character. With `others`, any
 * other marker of the string that was seen must be clean too (legitimate
 * text, L…, is not a hostile string's).
 */
export function verdict(
	scan: Scan,
	codes: string[],
	tried: readonly number[] = HOSTILE.map((_, i) => i),
	others = false,
): Verdict {
	const failures: string[] = [];
	let passed = 0;
	for (const i of tried) {
		const name = HOSTILE[i]?.name ?? String(i);
		const wrong: string[] = [];
		for (const code of codes) {
			const s = scan.sighting(code, i);
			if (!s || s.seen === 0) wrong.push(`${code} never on screen`);
			else for (const b of [...s.bad].slice(0, 2)) wrong.push(`${code} ${b}`);
		}
		if (others) {
			for (const [key, s] of scan.marks) {
				const m = /^([A-Z]{2})(\d+)$/.exec(key);
				if (!m || m[1]?.startsWith('L') || codes.includes(m[1] ?? '') || Number(m[2]) !== i) continue;
				for (const b of [...s.bad].slice(0, 1)) wrong.push(`${m[1]} ${b}`);
			}
		}
		if (wrong.length) failures.push(`${name}: ${wrong.join('; ')}`);
		else passed++;
	}
	return { passed, total: tried.length, failures };
}

/** Control characters anywhere in a text, named. */
export function controlsIn(text: string): string {
	return (text.match(FORBIDDEN_ALL) ?? []).length ? describeChars(text) : '';
}
