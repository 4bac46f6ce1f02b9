// string-width is patched (patches/string-width+8.3.0.patch, and the copy
// wrap-ansi uses: patches/wrap-ansi++string-width+7.2.0.patch) with a fast
// path that returns the length for strings of characters it claims are one
// column wide and never combine. The claim is checked here against the same
// versions as published: the string-width-unpatched aliases are never patched.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import stringWidth from 'string-width';
import upstream7 from 'string-width-7-unpatched';
import upstream from 'string-width-unpatched';
import { describe, expect, it } from 'vitest';
import { EACH_UNIT_OWN_CLUSTER, graphemes } from '../../source/core/graphemes.js';

const require = createRequire(import.meta.url);
type Width = (s: string) => number;

// Resolved the way Node resolves it for wrap-ansi, so this is the copy Ink wraps text with.
const wrapAnsiCopy = createRequire(require.resolve('wrap-ansi')).resolve('string-width');
const stringWidth7 = ((await import(pathToFileURL(wrapAnsiCopy).href)) as { default: Width }).default;

const version = (file: string): string => (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
const packageJson = (main: string) => main.replace(/index\.js$/, 'package.json');

// The fast path's character class, read from the installed code: what it claims is what it does.
function fastPath(file: string): RegExp {
	const m = /ambiguousIsNarrow && \/(\^\[[^\]]+\]\*\$)\/\.test\(string\)/.exec(readFileSync(file, 'utf8'));
	if (!m?.[1]) throw new Error(`no sitrep fast path in ${file}: did patch-package run (npm ci)?`);
	return new RegExp(m[1]);
}

const oneColumn = fastPath(require.resolve('string-width'));
const claimed: string[] = [];
for (let c = 0; c <= 0xffff; c++) {
	const s = String.fromCharCode(c);
	if (oneColumn.test(s)) claimed.push(s);
}
const hex = (s: string) => `U+${(s.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

describe('string-width fast path (patched string-width 8)', () => {
	it('is measured against the published version of the installed string-width', () => {
		expect(version(packageJson(require.resolve('string-width-unpatched')))).toBe(
			version(packageJson(require.resolve('string-width'))),
		);
		expect(() => fastPath(require.resolve('string-width-unpatched'))).toThrow(/no sitrep fast path/);
		// More than ASCII, or the patch would add nothing.
		expect(claimed.length).toBeGreaterThan(500);
	});

	it('gives every character it claims the width the published algorithm gives it: 1', () => {
		for (const s of claimed) {
			expect(upstream(s), hex(s)).toBe(1);
			expect(stringWidth(s), hex(s)).toBe(1);
		}
		expect(oneColumn.test('\u00ad')).toBe(false); // soft hyphen: zero width
		expect(oneColumn.test('e\u0301')).toBe(false);
		expect(oneColumn.test('東')).toBe(false);
	});

	it('never combines: any run of claimed characters is as wide as it is long, by the published algorithm', () => {
		const run = fc.array(fc.constantFrom(...claimed), { minLength: 2, maxLength: 40 }).map((a) => a.join(''));
		fc.assert(
			fc.property(run, (s) => upstream(s) === s.length && stringWidth(s) === s.length),
			{ numRuns: 2000, seed: 20240311 },
		);
		const line = '› 2024-03-11 · ISKP → Kabul … ██▇▅ ─┼─ café ±';
		expect(upstream(line)).toBe(line.length);
		expect(stringWidth(line)).toBe(line.length);
	});

	it('leaves the rest to the published algorithm', () => {
		for (const s of ['東京 · Tokyo', 'e\u0301 → é', 'a\u00adb', '👩‍👩‍👧 ─', '\u200b›', '±', '±'.repeat(3)]) {
			expect(stringWidth(s), s).toBe(upstream(s));
			expect(stringWidth(s, { ambiguousIsNarrow: false }), s).toBe(upstream(s, { ambiguousIsNarrow: false }));
		}
	});
});

describe('string-width fast path (patched string-width 7, used by wrap-ansi)', () => {
	const wrapAnsiClaims = fastPath(wrapAnsiCopy);

	it('claims the same characters, measured against the published 7.x', () => {
		expect(wrapAnsiClaims.source).toBe(oneColumn.source);
		expect(version(packageJson(require.resolve('string-width-7-unpatched')))).toBe(version(packageJson(wrapAnsiCopy)));
		expect(() => fastPath(require.resolve('string-width-7-unpatched'))).toThrow(/no sitrep fast path/);
	});

	it('agrees with string-width 8 (what Ink measures with) everywhere, and with 7.x but for 12 symbols it calls emoji', () => {
		const differ: string[] = [];
		for (const s of claimed) {
			expect(stringWidth7(s), hex(s)).toBe(upstream(s));
			if (upstream7(s) !== stringWidth7(s)) differ.push(s);
		}
		// Text-presentation symbols: string-width 8 and terminals draw them one column wide.
		expect(differ.map(hex)).toEqual(['©', '®', '‼', '⁉', '↔', '↕', '↖', '↗', '↘', '↙', '↩', '↪'].map(hex));
		for (const s of differ) expect(upstream7(s), hex(s)).toBe(2);
		// Beside a character the fast path does not claim, 7.x's own algorithm still measures them.
		expect(stringWidth7('© 東')).toBe(upstream7('© 東'));
	});
});

// slice-ansi and @alcalzone/ansi-tokenize (Ink's output pass) segment every line of every frame;
// patched, they skip Intl.Segmenter for text whose every UTF-16 unit is a cluster of its own.
describe('grapheme segmenting without Intl.Segmenter (patched slice-ansi, @alcalzone/ansi-tokenize)', () => {
	type Segments = Iterable<{ segment: string; index: number; input: string }> & {
		containing(i: number): { segment: string; index: number } | undefined;
	};
	// Where Node finds them from Ink (both are ESM-only: no require.resolve).
	const inkDir = dirname(dirname(require.resolve('ink')));
	const fromInk = (path: string) =>
		[join(inkDir, 'node_modules', path), join(inkDir, '..', path)].find((p) => existsSync(p)) as string;
	const patchedFiles = [fromInk('slice-ansi/tokenize-ansi.js'), fromInk('@alcalzone/ansi-tokenize/build/tokenize.js')];
	// The segmenter as installed: its code, taken out of each file and run here.
	const installed = patchedFiles.map((file) => {
		const m = /const (\w+) = (\(\(\) => \{\n[\s\S]*?\n\}\)\(\));/.exec(readFileSync(file, 'utf8'));
		if (!m?.[2]?.includes('eachUnitOwnCluster'))
			throw new Error(`no sitrep segmenter in ${file}: did patch-package run (npm ci)?`);
		const cls = /eachUnitOwnCluster = \/(\^\[[^\]]+\]\*\$)\//.exec(m[2])?.[1] as string;
		return { file, cls, segmenter: new Function(`return ${m[2]}`)() as { segment(s: string): Segments } };
	});
	const real = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
	const each = new RegExp(installed[0]?.cls as string);
	const units: string[] = [];
	for (let c = 0; c <= 0xffff; c++) if (each.test(String.fromCharCode(c))) units.push(String.fromCharCode(c));
	const plain = (segments: Iterable<{ segment: string; index: number }>) =>
		[...segments].map(({ segment, index }) => [segment, index]);

	it('claims the string-width fast path and the C0 controls but CR, in both files', () => {
		for (const { cls } of installed) expect(cls).toBe(installed[0]?.cls);
		expect(units.length).toBe(claimed.length + 31);
		expect(each.test('\r\n')).toBe(false);
		expect(each.test('\u001b[1mbold\u001b[22m · ─')).toBe(true);
	});

	it('is exact: any run of claimed units is one cluster per unit to Intl.Segmenter, and comes back the same', () => {
		const run = fc.array(fc.constantFrom(...units), { minLength: 0, maxLength: 60 }).map((a) => a.join(''));
		fc.assert(
			fc.property(run, (s) => {
				const expected = plain(real.segment(s));
				if (expected.length !== s.length) return false;
				return installed.every(({ segmenter }) => {
					const got = segmenter.segment(s);
					return (
						JSON.stringify(plain(got)) === JSON.stringify(expected) &&
						[-1, 0, s.length >> 1, s.length - 1, s.length].every(
							(i) => got.containing(i)?.index === real.segment(s).containing(i)?.index,
						)
					);
				});
			}),
			{ numRuns: 3000, seed: 20261207 },
		);
	});

	it("core/graphemes.ts takes the same path for sitrep's own text", () => {
		expect(EACH_UNIT_OWN_CLUSTER.source).toBe(each.source);
		const text = fc.oneof(
			fc.array(fc.constantFrom(...units), { maxLength: 40 }).map((a) => a.join('')),
			fc.constantFrom('a\r\nb', 'e\u0301 · é', '東京 → Tokyo', '👩‍👩‍👧 ─', 'x\u200dy', 'a\u00adb'),
		);
		fc.assert(
			fc.property(text, (s) => JSON.stringify(plain(graphemes(s))) === JSON.stringify(plain(real.segment(s)))),
			{ numRuns: 2000, seed: 20261207 },
		);
	});

	it('leaves other text to Intl.Segmenter', () => {
		for (const s of ['a\r\nb', 'e\u0301', '東京', '👩‍👩‍👧', 'x\u200dy', 'a\u00adb'])
			for (const { segmenter } of installed) expect(plain(segmenter.segment(s))).toEqual(plain(real.segment(s)));
	});
});
