// Property-based fuzzing (fast-check) behind the "fuzzing" rows of docs/reliability.md.
// Thousands of random inputs go through the sanitizer, the query parser, the
// data loader and the CSV import; a run passes when nothing throws and the
// invariants hold (see each `…Verdict` below for the exact list).
//
// Reproducible by default: the seed is fixed. SITREP_FUZZ_SEED=<int> picks
// another; SITREP_FUZZ_RUNS=<n> sets the runs of each sanitizer and parser
// property (default 2000; the loader gets n/20 data dirs and the CSV import n/10 files,
// each holding many records). A failing run is reported with the input
// fast-check shrank it to, and the seed to replay it.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { Problem } from '../../source/core/problems.js';
import { Resolver } from '../../source/core/resolve.js';
import { hasControl, sanitizeLine, sanitizeText } from '../../source/core/sanitize.js';
import { KINDS, type Kind } from '../../source/core/schema.js';
import { printQuery } from '../../source/core/search/print.js';
import {
	MAX_FILTER_VALUES,
	MAX_UNITS,
	MAX_WORD_LENGTH,
	type ParsedQuery,
	parseQuery,
} from '../../source/core/search/query.js';
import { resolveSource } from '../../source/core/search/sources.js';
import type { Store } from '../../source/core/store.js';
import { foldedWords } from '../../source/core/tokenize.js';
import { type ImportReport, importFile } from '../../source/io/import/run.js';
import { displayPath, loadDataDir } from '../../source/io/load/load.js';
import type { Check, Row } from './types.js';

export const DATA_DIR = fileURLToPath(new URL('../../data', import.meta.url));
export const DEFAULT_SEED = 20_240_917;
export const DEFAULT_RUNS = 2000;

export interface FuzzSettings {
	seed: number;
	/** Runs of each sanitizer and query-parser property. */
	runs: number;
}

export function fuzzSettings(env: NodeJS.ProcessEnv = process.env): FuzzSettings {
	const int = (v: string | undefined, fallback: number) => {
		const n = Number(v);
		return v !== undefined && v.trim() !== '' && Number.isSafeInteger(n) ? n : fallback;
	};
	return { seed: int(env.SITREP_FUZZ_SEED, DEFAULT_SEED), runs: Math.max(1, int(env.SITREP_FUZZ_RUNS, DEFAULT_RUNS)) };
}

export interface FuzzOutcome {
	what: 'sanitizer' | 'query parser' | 'loader' | 'CSV import';
	/** Property runs (one input each; for the loader and import, one file of many records). */
	runs: number;
	failedRuns: number;
	/** Inputs tried: strings, queries, records or CSV rows. */
	cases: number;
	crashes: number;
	/** The first failure of each property, shrunk, with the seed to replay it. */
	failures: string[];
}

/** A failure reason, or undefined when every invariant holds. */
type Verdict = string | undefined;

class Tally {
	runs = 0;
	failedRuns = 0;
	cases = 0;
	crashes = 0;
	failures: string[] = [];
	constructor(readonly what: FuzzOutcome['what']) {}
	outcome(): FuzzOutcome {
		const { what, runs, failedRuns, cases, crashes, failures } = this;
		return { what, runs, failedRuns, cases, crashes, failures };
	}
}

function errorText(err: unknown): string {
	return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

function shorten(s: string, max = 400): string {
	return s.length > max ? `${s.slice(0, max)}… (${s.length} chars)` : s;
}

/**
 * Runs one property over `runs` generated inputs, counting every run that
 * throws or breaks an invariant (fast-check alone would stop at the first).
 * When any failed, runs it again failing fast, so fast-check shrinks the
 * input to a small one for the report.
 */
async function runProperty<T>(
	tally: Tally,
	name: string,
	arb: fc.Arbitrary<T>,
	verdict: (input: T) => Verdict | Promise<Verdict>,
	settings: { seed: number; runs: number },
	casesOf: (input: T) => number = () => 1,
): Promise<void> {
	const judge = async (input: T): Promise<{ crash: boolean; reason: Verdict }> => {
		try {
			return { crash: false, reason: await verdict(input) };
		} catch (err) {
			return { crash: true, reason: `threw ${errorText(err)}` };
		}
	};
	let failed = 0;
	const details = await fc.check(
		fc.asyncProperty(arb, async (input) => {
			tally.runs++;
			tally.cases += casesOf(input);
			const v = await judge(input);
			if (v.reason !== undefined) {
				failed++;
				if (v.crash) tally.crashes++;
			}
			return true;
		}),
		{ seed: settings.seed, numRuns: settings.runs },
	);
	if (details.failed) {
		tally.failures.push(`${name}: fast-check stopped: ${errorText(details.errorInstance)}`);
		failed = Math.max(failed, 1);
	}
	tally.failedRuns += failed;
	if (failed === 0) return;
	const shrunk = await fc.check(
		fc.asyncProperty(arb, async (input) => (await judge(input)).reason === undefined),
		{ seed: settings.seed, numRuns: settings.runs },
	);
	const example = shrunk.counterexample?.[0];
	const reason = example === undefined ? 'not reproduced' : (await judge(example)).reason;
	tally.failures.push(
		`${name}: ${failed} of ${settings.runs} runs failed; shrunk: ${reason} — input ${shorten(fc.stringify(example))} (SITREP_FUZZ_SEED=${settings.seed}, path ${shrunk.counterexamplePath})`,
	);
}

const memo = new Map<string, Promise<unknown>>();
function once<T>(key: string, run: () => Promise<T>): Promise<T> {
	let p = memo.get(key) as Promise<T> | undefined;
	if (!p) {
		p = run();
		memo.set(key, p);
	}
	return p;
}

// ---------------------------------------------------------------------------
// Generators shared by the properties

const cp = (n: number) => String.fromCodePoint(n);

/** Fragments that terminals act on, and the text around them. */
const HOSTILE_PIECES = [
	'\u001b',
	'\u001b[',
	'\u001b[31m',
	'\u001b[2J',
	'\u001b[?25l',
	'\u001b]',
	'\u001b]0;title',
	'\u001b]8;;http://e.test',
	'\u001b]52;c;ZXZpbA==',
	'\u001bP',
	'\u001bX',
	'\u001b^',
	'\u001b_',
	'\u001b\\',
	'\u001b(',
	'\u001b#8',
	'\u0007',
	'\u009b',
	'\u009b31m',
	'\u009d',
	'\u0090',
	'\u0098',
	'\u009e',
	'\u009f',
	'\u009c',
	'\u0085',
	'\u007f',
	'\u0000',
	'\u0008',
	'\u000b',
	'\u000c',
	'\r',
	'\n',
	'\r\n',
	'\t',
	'\u2028',
	'\u2029',
	'\u202a',
	'\u202b',
	'\u202c',
	'\u202d',
	'\u202e',
	'\u2066',
	'\u2067',
	'\u2068',
	'\u2069',
	'\u200e',
	'\u200f',
	'\ufeff',
	'\u00a0',
	'\u200c',
	'\u200d',
	'0',
	'1',
	'31',
	';',
	'm',
	'H',
	'?',
	'[',
	']',
	'\\',
	'P',
	' ',
	'  ',
	'a',
	'Z',
	'ب',
	'字',
	'👍🏽',
	'👨‍👩‍👧',
];

/** Single code units in the C0/C1 range, lone surrogates, and any code point. */
const rawUnit = fc.oneof(
	fc.integer({ min: 0, max: 0x9f }).map((n) => String.fromCharCode(n)),
	fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n)),
	fc.integer({ min: 0, max: 0x10ffff }).map((n) => (n >= 0xd800 && n <= 0xdfff ? String.fromCharCode(n) : cp(n))),
);

export const hostileString: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 80, size: 'medium' }), weight: 2 },
	{ arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }), weight: 1 },
	{
		arbitrary: fc.string({
			unit: fc.oneof(fc.constantFrom(...HOSTILE_PIECES), rawUnit),
			maxLength: 40,
			size: 'medium',
		}),
		weight: 5,
	},
);

/** Letters, marks and digits of many scripts (Latin to CJK, Arabic to Ethiopic), and emoji. */
const SCRIPT_RANGES: [number, number][] = [
	[0x41, 0x5a],
	[0x61, 0x7a],
	[0x30, 0x39],
	[0xc0, 0x24f],
	[0x370, 0x3ff],
	[0x400, 0x4ff],
	[0x531, 0x587],
	[0x5d0, 0x5ea],
	[0x600, 0x6ff],
	[0x900, 0x97f],
	[0xe00, 0xe5b],
	[0x10a0, 0x10ff],
	[0x1200, 0x137f],
	[0x3040, 0x30ff],
	[0x4e00, 0x9fff],
	[0xac00, 0xd7a3],
	[0x1f300, 0x1faff],
	[0x20000, 0x2a6df],
];
const LEGIT_CHAR = /^[\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}]$/u;
const legitChar = fc
	.oneof(...SCRIPT_RANGES.map(([min, max]) => fc.integer({ min, max })))
	.map(cp)
	.filter((c) => LEGIT_CHAR.test(c));
/** A word of real text: letters of a script, joined by ZWNJ/ZWJ, emoji sequences with skin tones. */
const legitWord = fc
	.array(
		fc.oneof(
			{ arbitrary: legitChar, weight: 8 },
			{ arbitrary: fc.constantFrom('\u200c', '\u200d', '\ufe0f', '👨‍👩‍👧', '👍🏽', 'خلیل‌الرحمن', '中文'), weight: 1 },
		),
		{ minLength: 1, maxLength: 12 },
	)
	.map((a) => a.join(''));

// ---------------------------------------------------------------------------
// 1. Sanitizer

const CONTROL_OR_NL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROL_BUT_NL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
const BIDI = /[\u202a-\u202e\u2066-\u2069]/;

export interface Sanitizer {
	sanitizeText(input: string): string;
	sanitizeLine(input: string): string;
}

/**
 * sanitizeText and sanitizeLine on any string: no throw, idempotent, nothing a
 * terminal acts on. `impl` lets a test prove the property fails a weaker sanitizer.
 */
export function sanitizerVerdict(x: string, impl: Sanitizer = { sanitizeText, sanitizeLine }): Verdict {
	const { sanitizeText, sanitizeLine } = impl;
	const t = sanitizeText(x);
	if (typeof t !== 'string') return 'sanitizeText returned no string';
	if (sanitizeText(t) !== t) return `sanitizeText is not idempotent: ${JSON.stringify(t)}`;
	if (t.includes('\u001b') || t.includes('\u009b')) return 'sanitizeText left an ESC/CSI';
	if (CONTROL_BUT_NL.test(t)) return 'sanitizeText left a C0/C1 control';
	if (BIDI.test(t)) return 'sanitizeText left a bidi control';
	if (hasControl(t)) return 'hasControl is true for sanitizeText output';
	const l = sanitizeLine(x);
	if (sanitizeLine(l) !== l) return `sanitizeLine is not idempotent: ${JSON.stringify(l)}`;
	if (CONTROL_OR_NL.test(l)) return 'sanitizeLine left a control or a line break';
	if (BIDI.test(l)) return 'sanitizeLine left a bidi control';
	if (/[^\S ]| {2}|^ | $/.test(l)) return 'sanitizeLine left whitespace other than single inner spaces';
	if (sanitizeLine(t) !== l) return 'sanitizeLine(x) differs from sanitizeLine(sanitizeText(x))';
	return undefined;
}

/** Real text in any script is kept exactly. */
export function legitTextVerdict(words: string[][]): Verdict {
	const line = words.map((ws) => ws.join(' ')).join(' ');
	const text = words.map((ws) => ws.join(' ')).join('\n');
	if (sanitizeLine(line) !== line) return `sanitizeLine changed real text: ${JSON.stringify(sanitizeLine(line))}`;
	if (sanitizeText(text) !== text) return `sanitizeText changed real text: ${JSON.stringify(sanitizeText(text))}`;
	if (hasControl(text)) return 'hasControl is true for real text';
	return undefined;
}

/** An escape sequence left open on one line does not swallow the lines after it. */
export function nextLineVerdict(
	[before, words]: [string, string[]],
	impl: Sanitizer = { sanitizeText, sanitizeLine },
): Verdict {
	const line = words.join(' ');
	const out = impl.sanitizeText(`${before}\n${line}`);
	return out.endsWith(`\n${line}`) ? undefined : `the line after hostile text was lost: ${JSON.stringify(out)}`;
}

export function fuzzSanitizer(s: FuzzSettings = fuzzSettings()): Promise<FuzzOutcome> {
	return once(`sanitizer:${s.seed}:${s.runs}`, async () => {
		const tally = new Tally('sanitizer');
		await runProperty(tally, 'sanitizer on hostile strings', hostileString, (x) => sanitizerVerdict(x), s);
		const legit = fc.array(fc.array(legitWord, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 });
		await runProperty(tally, 'sanitizer keeps real text', legit, legitTextVerdict, s);
		const afterHostile = fc.tuple(
			hostileString.map((x) => x.replace(/\n/g, '')),
			fc.array(legitWord, { minLength: 1, maxLength: 4 }),
		);
		await runProperty(tally, 'sanitizer keeps the line after hostile text', afterHostile, (x) => nextLineVerdict(x), s);
		return tally.outcome();
	});
}

// ---------------------------------------------------------------------------
// 2. Query parser

let bundledStore: Store | undefined;
function bundled(): Store {
	bundledStore ??= loadDataDir(DATA_DIR).store;
	return bundledStore;
}

/** The parts of a parsed query that printing must keep (input, errors' offsets and caps aside). */
function meaning(q: ParsedQuery) {
	return { terms: q.terms, phrases: q.phrases, exclude: q.exclude, filters: q.filters };
}

/** parse -> print -> parse gives the same query, and printing that again gives the same text. */
function roundTrip(q: ParsedQuery, resolver: Resolver): Verdict {
	const printed = printQuery(q);
	const again = parseQuery(printed, resolver);
	if (!isDeepStrictEqual(meaning(again), meaning(q))) {
		return `parse(print(q)) differs from q: printed ${JSON.stringify(printed)}, got ${JSON.stringify(meaning(again))}, expected ${JSON.stringify(meaning(q))}`;
	}
	const before = new Set(q.errors.map((e) => e.message));
	const added = again.errors.find((e) => !before.has(e.message));
	if (added) return `the printed query ${JSON.stringify(printed)} has an error the query did not: ${added.message}`;
	if (printQuery(again) !== printed)
		return `printing is not stable: ${JSON.stringify(printed)} then ${JSON.stringify(printQuery(again))}`;
	return undefined;
}

/** What any parse must satisfy, whatever was typed. */
function parsedShape(input: string, q: ParsedQuery): Verdict {
	if (q.input !== input) return 'input not kept';
	for (const e of q.errors) {
		if (!(e.start >= 0 && e.start <= e.end && e.end <= input.length))
			return `error offsets out of range: ${e.start}-${e.end}`;
		if (e.token !== input.slice(e.start, e.end) && e.token !== '') return 'error token is not the input at its offsets';
		if (typeof e.message !== 'string' || e.message === '') return 'error without a message';
	}
	if (q.terms.length + q.phrases.length > MAX_UNITS || q.exclude.length > MAX_UNITS) return 'more units than MAX_UNITS';
	// One error at most per filter value, and one for since after until.
	if (q.errors.length > MAX_FILTER_VALUES + 1) return `${q.errors.length} errors: more than the values the caps allow`;
	for (const t of q.terms)
		if (t.text === '' || t.text.length > MAX_WORD_LENGTH) return `bad term ${JSON.stringify(t.text)}`;
	for (const p of [...q.phrases, ...q.exclude]) {
		if (p.length === 0 || p.some((w) => w === '' || w.length > MAX_WORD_LENGTH))
			return 'empty or oversized phrase word';
	}
	if (q.terms.slice(0, -1).some((t) => t.prefix)) return 'a term other than the last is a prefix';
	return undefined;
}

/** Soup of query syntax, filter keys, values and odd characters. */
const QUERY_PIECES = [
	' ',
	'  ',
	'\t',
	'\u00a0',
	'\u3000',
	'\u2028',
	'"',
	'\u201c',
	'\u201d',
	'\u201e',
	'-',
	'--',
	':',
	',',
	"'s",
	'\u2019s',
	'country:',
	'-country:',
	'Country:',
	'actor:',
	'type:',
	'since:',
	'until:',
	'source:',
	'in:',
	'-in:',
	'PK',
	'af',
	'Pakistan',
	'iskp',
	'haqani',
	'taliban',
	'2024',
	'2024-02',
	'2024-02-30',
	'0999',
	'bombing',
	'"suicide bombing"',
	'articles',
	'kabul',
	'Kabul\u2019s',
	'½',
	'ﬁ',
	'İ',
	'ß',
	'ς',
	'\u200c',
	'\u0301',
	'ـ',
	'ي',
	'۱',
	'x'.repeat(70),
];
export const queryInput: fc.Arbitrary<string> = fc.oneof(
	{ arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 1 },
	{ arbitrary: hostileString, weight: 1 },
	{
		arbitrary: fc
			.array(fc.oneof(fc.constantFrom(...QUERY_PIECES), fc.string({ unit: 'binary', maxLength: 3 })), {
				maxLength: 30,
				size: 'medium',
			})
			.map((a) => a.join('')),
		weight: 6,
	},
	{
		// A long list of values for one filter: the value cap counts each.
		arbitrary: fc
			.tuple(
				fc.constantFrom('country', 'actor', 'type', 'source', '-country', 'Actor'),
				fc.array(
					fc.oneof(fc.constantFrom('PK', 'x', 'iskp', 'bombing', ''), fc.string({ unit: 'binary', maxLength: 5 })),
					{
						minLength: 20,
						maxLength: 300,
					},
				),
			)
			.map(([key, values]) => `${key}:${values.join(',')}`),
		weight: 1,
	},
	{
		// A pasted page: far beyond the caps.
		arbitrary: fc.array(fc.constantFrom(...QUERY_PIECES), { minLength: 200, maxLength: 1500 }).map((a) => a.join(' ')),
		weight: 1,
	},
);

interface ValidPiece {
	text: string;
	check: (q: ParsedQuery) => Verdict;
}

interface Vocabulary {
	countries: [string, string][];
	actors: [string, string][];
	types: [string, string][];
	sources: [string, string][];
}

/** Every way the bundled data lets a filter value be written that the resolver accepts, with what it resolves to. */
function vocabulary(store: Store, resolver: Resolver): Vocabulary {
	const accepted = (inputs: string[], resolve: (s: string) => ReturnType<Resolver['country']>) => {
		const out: [string, string][] = [];
		for (const input of new Set(inputs)) {
			const r = resolve(input);
			// A comma splits values and a quote ends a quoted value: such names cannot be typed as one value.
			if (r.ok && !/[,"\u201c\u201d]/.test(input)) out.push([input, r.value]);
		}
		return out;
	};
	return {
		countries: accepted(
			store.countries.flatMap((c) => [c.code, c.code.toLowerCase(), c.name]),
			(s) => resolver.country(s),
		),
		actors: accepted(
			store.actors.flatMap((a) => [a.id, a.name, ...(a.short ? [a.short] : []), ...a.aliases]),
			(s) => resolver.actor(s),
		),
		types: accepted(
			store.incidents.map((i) => i.type).flatMap((t) => [t, t.toUpperCase()]),
			(s) => resolver.type(s),
		),
		sources: accepted([...store.articles.map((a) => a.source), 'UCDP GED', 'ACLED'], (s) => resolveSource(store, s)),
	};
}

const SPACES = [' ', ' ', ' ', '  ', '\t', '\u00a0', '\u3000'];
const QUOTES: [string, string][] = [
	['"', '"'],
	['\u201c', '\u201d'],
	['\u201e', '\u201c'],
];

/** A word as people type it: letters of any script, sometimes with inner punctuation or a possessive. */
const typedWord = fc
	.tuple(
		fc.array(legitChar, { minLength: 1, maxLength: 10 }).map((a) => a.join('')),
		fc.constantFrom('', '', '', "'s", '.x', '-y', '\u200c\u0628'),
	)
	.map(([w, tail]) => w + tail);

function validPiece(v: Vocabulary): fc.Arbitrary<ValidPiece> {
	const words = (s: string) => foldedWords(s.replace(/['\u2019\u02bc]s$/i, ''));
	const has = (list: string[][], want: string[]) => list.some((x) => isDeepStrictEqual(x, want));
	const term = typedWord.map(
		(w): ValidPiece => ({
			text: w,
			check: (q) =>
				q.truncated || words(w).every((x) => q.terms.some((t) => t.text === x))
					? undefined
					: `word ${JSON.stringify(w)} lost`,
		}),
	);
	const phrase = fc
		.tuple(fc.array(typedWord, { minLength: 1, maxLength: 4 }), fc.constantFrom(...QUOTES), fc.boolean())
		.map(([ws, [open, close], negated]): ValidPiece => {
			const inner = ws.join(' ');
			const want = foldedWords(inner);
			return {
				text: `${negated ? '-' : ''}${open}${inner}${close}`,
				check: (q) =>
					want.length === 0 || q.truncated || has(negated ? q.exclude : q.phrases, want)
						? undefined
						: `${negated ? 'exclusion' : 'phrase'} ${JSON.stringify(inner)} lost`,
			};
		});
	const exclusion = typedWord.map((w): ValidPiece => {
		const want = words(w);
		return {
			text: `-${w}`,
			check: (q) => (want.length === 0 || has(q.exclude, want) ? undefined : `exclusion -${w} lost`),
		};
	});
	const filter = (
		key: 'country' | 'actor' | 'type' | 'source',
		list: [string, string][],
		field: 'countries' | 'actors' | 'types' | 'sources',
	) =>
		fc
			.tuple(
				fc.array(fc.constantFrom(...list), { minLength: 1, maxLength: 3 }),
				fc.boolean(),
				fc.constantFrom(key, key.toUpperCase(), key[0]?.toUpperCase() + key.slice(1)),
				fc.constantFrom(',', ', ', ' ,'),
				fc.constantFrom(...QUOTES),
				fc.boolean(),
			)
			.map(([values, negated, typedKey, comma, [open, close], quoteAnyway]): ValidPiece => {
				const joined = values.map(([input]) => input).join(comma);
				const quote = quoteAnyway || /\s/.test(joined);
				return {
					text: `${negated ? '-' : ''}${typedKey}:${quote ? `${open}${joined}${close}` : joined}`,
					check: (q) => {
						const set = negated ? q.filters.not : q.filters;
						const missing = values.find(([, value]) => !(set[field] as string[]).includes(value));
						return missing ? `${key}:${missing[0]} did not give ${missing[1]}` : undefined;
					},
				};
			});
	const filters = [
		v.countries.length ? filter('country', v.countries, 'countries') : undefined,
		v.actors.length ? filter('actor', v.actors, 'actors') : undefined,
		v.types.length ? filter('type', v.types, 'types') : undefined,
		v.sources.length ? filter('source', v.sources, 'sources') : undefined,
	].filter((a): a is fc.Arbitrary<ValidPiece> => a !== undefined);
	return fc.oneof(
		{ arbitrary: term, weight: 4 },
		{ arbitrary: phrase, weight: 2 },
		{ arbitrary: exclusion, weight: 2 },
		...filters.map((arbitrary) => ({ arbitrary, weight: 1 })),
	);
}

/** At most one in: (the last one typed wins). */
const scopePiece = fc.option(
	fc
		.constantFrom(
			['articles', 'articles'],
			['Article', 'articles'],
			['incidents', 'incidents'],
			['INCIDENT', 'incidents'],
			['all', 'all'],
			['any', 'all'],
		)
		.map(
			([typed, want]): ValidPiece => ({
				text: `in:${typed}`,
				check: (q) => (q.filters.scope === want ? undefined : `in:${typed} gave scope ${q.filters.scope}`),
			}),
		),
	{ nil: undefined },
);

/** A date bound as typed (YYYY, YYYY-M, YYYY-MM-DD) and the day it stands for. */
const dateRange = fc
	.tuple(
		fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
		fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
		fc.constantFrom('day', 'month', 'year'),
		fc.constantFrom('day', 'month', 'year'),
		fc.boolean(),
		fc.boolean(),
	)
	.map(([a, b, fa, fb, withSince, withUntil]) => {
		const [lo, hi] = a <= b ? [a, b] : [b, a];
		const iso = (d: Date) => d.toISOString().slice(0, 10);
		const typed = (d: Date, form: string) =>
			form === 'year' ? iso(d).slice(0, 4) : form === 'month' ? `${d.getUTCFullYear()}-${d.getUTCMonth() + 1}` : iso(d);
		const pieces: ValidPiece[] = [];
		if (withSince) {
			const text = typed(lo, fa);
			pieces.push({
				text: `since:${text}`,
				check: (q) =>
					q.filters.since?.startsWith(iso(lo).slice(0, fa === 'year' ? 4 : fa === 'month' ? 7 : 10))
						? undefined
						: `since:${text} gave ${q.filters.since}`,
			});
		}
		if (withUntil) {
			const text = typed(hi, fb);
			pieces.push({
				text: `until:${text}`,
				check: (q) =>
					q.filters.until?.startsWith(iso(hi).slice(0, fb === 'year' ? 4 : fb === 'month' ? 7 : 10))
						? undefined
						: `until:${text} gave ${q.filters.until}`,
			});
		}
		return pieces;
	});

export interface ValidQuery {
	input: string;
	pieces: ValidPiece[];
}

function validQuery(v: Vocabulary): fc.Arbitrary<ValidQuery> {
	return fc
		.tuple(
			fc.array(validPiece(v), { maxLength: 8 }),
			dateRange,
			scopePiece,
			fc.array(fc.constantFrom(...SPACES), { minLength: 12, maxLength: 12 }),
			fc.boolean(),
		)
		.chain(([pieces, dates, scope, spaces, trailing]) => {
			const every = [...pieces, ...dates, ...(scope ? [scope] : [])];
			return fc.shuffledSubarray(every, { minLength: every.length }).map((all) => {
				const input = all.map((p, i) => (i ? spaces[i % spaces.length] : '') + p.text).join('') + (trailing ? ' ' : '');
				// Reported as the query typed, not as the checks behind it.
				return { input, pieces: all, [fc.toStringMethod]: () => JSON.stringify(input) };
			});
		});
}

export function queryVerdict(input: string, resolver: Resolver): Verdict {
	const q = parseQuery(input, resolver);
	return parsedShape(input, q) ?? roundTrip(q, resolver);
}

export function validQueryVerdict({ input, pieces }: ValidQuery, resolver: Resolver): Verdict {
	const q = parseQuery(input, resolver);
	const shape = parsedShape(input, q);
	if (shape) return shape;
	if (q.errors.length)
		return `a valid query gave errors: ${q.errors.map((e) => `${e.token}: ${e.message}`).join('; ')}`;
	for (const p of pieces) {
		const bad = p.check(q);
		if (bad) return bad;
	}
	return roundTrip(q, resolver);
}

export function fuzzQueryParser(s: FuzzSettings = fuzzSettings()): Promise<FuzzOutcome> {
	return once(`query:${s.seed}:${s.runs}`, async () => {
		const tally = new Tally('query parser');
		const store = bundled();
		const resolver = new Resolver(store);
		await runProperty(tally, 'parseQuery on any input', queryInput, (x) => queryVerdict(x, resolver), s);
		await runProperty(
			tally,
			'parseQuery on valid queries',
			validQuery(vocabulary(store, resolver)),
			(x) => validQueryVerdict(x, resolver),
			s,
		);
		return tally.outcome();
	});
}

// ---------------------------------------------------------------------------
// 3. Loader

/** A number written as JSON text exactly (-0, 1e999 and friends cannot come out of JSON.stringify). */
class RawNumber {
	constructor(readonly text: string) {}
}

function toJson(v: unknown): string {
	if (v instanceof RawNumber) return v.text;
	if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
	if (v !== null && typeof v === 'object') {
		return `{${Object.keys(v)
			.map((k) => `${JSON.stringify(k)}:${toJson((v as Record<string, unknown>)[k])}`)
			.join(',')}}`;
	}
	return JSON.stringify(v) ?? 'null';
}

const specialNumber = fc.oneof(
	fc
		.constantFrom(
			'-0',
			'0',
			'-0.0',
			'1e308',
			'-1e308',
			'1e999',
			'-1e999',
			'1E-400',
			'-1',
			'-5',
			'0.5',
			'90.0000001',
			'181',
			'9007199254740993',
			'1e2',
		)
		.map((t) => new RawNumber(t)),
	fc.integer(),
	fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const jsonLeaf = fc.oneof(
	{ arbitrary: hostileString, weight: 4 },
	{ arbitrary: specialNumber, weight: 3 },
	{
		arbitrary: fc.constantFrom(
			true,
			false,
			null,
			'',
			' ',
			'PK',
			'ttp',
			'2024-02-29',
			'2023-02-29',
			'bombing',
			'1999-13',
		),
		weight: 2,
	},
);
const jsonValue: fc.Arbitrary<unknown> = fc.oneof(
	{ arbitrary: jsonLeaf, weight: 6 },
	{ arbitrary: fc.array(jsonLeaf, { maxLength: 3 }), weight: 1 },
	{
		arbitrary: fc.dictionary(fc.constantFrom('a', 'id', 'outlet', 'date', 'dataset', 'ref'), jsonLeaf, { maxKeys: 3 }),
		weight: 1,
	},
);

type Mutation =
	| { op: 'drop'; at: number }
	| { op: 'retype'; at: number; value: unknown }
	| { op: 'extend'; key: string; value: unknown }
	| { op: 'text'; at: number; value: string }
	| { op: 'deep'; at: number; value: unknown }
	| { op: 'replace'; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
	fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
	fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: jsonValue }),
	fc.record({
		op: fc.constant('extend' as const),
		key: fc.oneof(
			fc.constantFrom('__proto__', 'constructor', 'toString', '$schema', 'url', 'extra', ''),
			hostileString,
		),
		value: jsonValue,
	}),
	fc.record({ op: fc.constant('text' as const), at: fc.nat(), value: hostileString }),
	fc.record({ op: fc.constant('deep' as const), at: fc.nat(), value: jsonValue }),
	fc.record({ op: fc.constant('replace' as const), value: jsonValue }),
);

interface RecordSpec {
	kind: Kind;
	base: number;
	/** Most records get an id of their own (else nearly all would be duplicates of the few bundled ones). */
	ownId: boolean;
	mutations: Mutation[];
}

const recordSpec: fc.Arbitrary<RecordSpec> = fc.record({
	kind: fc.constantFrom(...KINDS),
	base: fc.nat(),
	ownId: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
	mutations: fc.oneof(
		{ arbitrary: fc.constant<Mutation[]>([]), weight: 1 },
		{ arbitrary: fc.array(mutation, { minLength: 1, maxLength: 3 }), weight: 3 },
	),
});

interface LoaderCase {
	records: RecordSpec[];
	/** Per kind: JSON array, {"kind": [...]}, NDJSON, or a folder holding one file. */
	layout: Record<Kind, 'array' | 'wrapped' | 'ndjson' | 'folder'>;
	/** NDJSON only: lines that are not JSON at all. */
	garbage: string[];
	/** NDJSON only: CRLF line ends, as files written on Windows have. */
	crlf: boolean;
	/** Percent of the first JSON file kept: a file cut short (a syntax error the loader salvages around). */
	cut?: number;
}

const layout = fc.constantFrom('array' as const, 'wrapped' as const, 'ndjson' as const, 'folder' as const);
export const loaderCase: fc.Arbitrary<LoaderCase> = fc.record({
	records: fc.array(recordSpec, { minLength: 1, maxLength: 300, size: 'max' }),
	layout: fc.record({ articles: layout, incidents: layout, actors: layout, countries: layout }),
	garbage: fc.array(fc.constantFrom('{', '{"id":', 'nul', '[1,', '"\u001b[2J', '}{'), { maxLength: 3 }),
	crlf: fc.boolean(),
	cut: fc.oneof(
		{ arbitrary: fc.constant(undefined), weight: 6 },
		{ arbitrary: fc.integer({ min: 0, max: 99 }), weight: 1 },
	),
});

function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
	Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A bundled record with the mutations applied (on a copy). */
function materialize(spec: RecordSpec, bases: Record<Kind, unknown[]>, n: number): unknown {
	const list = bases[spec.kind];
	let rec: unknown = structuredClone(list[spec.base % list.length]);
	if (spec.ownId && rec && typeof rec === 'object') {
		const r = rec as Record<string, unknown>;
		if (spec.kind === 'countries') r.code = String.fromCharCode(65 + (((n / 26) | 0) % 26), 65 + (n % 26));
		else r.id = `${String(r.id)}-${n}`;
	}
	for (const m of spec.mutations) {
		if (m.op === 'replace') {
			rec = m.value;
			continue;
		}
		if (rec === null || typeof rec !== 'object' || Array.isArray(rec) || rec instanceof RawNumber) continue;
		const obj = rec as Record<string, unknown>;
		const keys = Object.keys(obj);
		const key = keys.length ? (keys[('at' in m ? m.at : 0) % keys.length] as string) : 'id';
		if (m.op === 'drop') delete obj[key];
		else if (m.op === 'retype') setOwn(obj, key, m.value);
		else if (m.op === 'extend') setOwn(obj, m.key, m.value);
		else if (m.op === 'text') {
			const strings = keys.filter((k) => typeof obj[k] === 'string');
			const k = strings.length ? (strings[m.at % strings.length] as string) : key;
			setOwn(obj, k, m.value);
		} else {
			// Inside a list or nested object: sources, affiliations, tags.
			const nested = keys.filter((k) => obj[k] !== null && typeof obj[k] === 'object');
			const k = nested[m.at % Math.max(1, nested.length)];
			const inner = k === undefined ? undefined : obj[k];
			if (Array.isArray(inner)) {
				if (inner.length && typeof inner[0] === 'object' && inner[0] !== null && m.at % 2)
					setOwn(inner[0] as Record<string, unknown>, 'extra', m.value);
				else inner.push(m.value);
			} else if (inner && typeof inner === 'object') setOwn(inner as Record<string, unknown>, 'extra', m.value);
		}
	}
	return rec;
}

let loaderBases: Record<Kind, unknown[]> | undefined;
function bases(): Record<Kind, unknown[]> {
	if (!loaderBases) {
		const s = bundled();
		loaderBases = { articles: s.articles, incidents: s.incidents, actors: s.actors, countries: s.countries };
		for (const kind of KINDS) loaderBases[kind] = loaderBases[kind].map((r) => structuredClone(r));
	}
	return loaderBases;
}

interface Written {
	file: string;
	kind: Kind;
	/** Cut short: records after the cut are not in the file any more. */
	cut: boolean;
	/** How to find a record's problems: its JSON pointer, or its NDJSON line. */
	where: ({ pointer: string } | { line: number })[];
}

function writeCase(dir: string, c: LoaderCase): Written[] {
	rmSync(dir, { recursive: true, force: true });
	mkdirSync(dir, { recursive: true });
	const out: Written[] = [];
	const base = bases();
	for (const kind of KINDS) {
		const values = c.records.filter((r) => r.kind === kind).map((r, n) => materialize(r, base, n));
		if (values.length === 0) continue;
		const how = c.layout[kind];
		if (how === 'ndjson') {
			const file = join(dir, `${kind}.jsonl`);
			const lines: string[] = [];
			const where: Written['where'] = [];
			values.forEach((v, i) => {
				if (i % 7 === 3) lines.push('');
				const junk = c.garbage[i % 11];
				if (junk !== undefined) {
					lines.push(junk);
					where.push({ line: lines.length });
				}
				lines.push(toJson(v));
				where.push({ line: lines.length });
			});
			writeFileSync(file, `${lines.join(c.crlf ? '\r\n' : '\n')}\n`);
			out.push({ file, kind, where, cut: false });
			continue;
		}
		const file = how === 'folder' ? join(dir, kind, 'fuzz.json') : join(dir, `${kind}.json`);
		if (how === 'folder') mkdirSync(join(dir, kind));
		const body = `[\n${values.map(toJson).join(',\n')}\n]`;
		const text = how === 'wrapped' ? `{"${kind}": ${body}}` : body;
		const cut = c.cut !== undefined && !out.some((w) => w.cut);
		writeFileSync(file, cut ? text.slice(0, Math.floor((text.length * (c.cut ?? 0)) / 100)) : text);
		const prefix = how === 'wrapped' ? `/${kind}` : '';
		out.push({ file, kind, cut, where: values.map((_, i) => ({ pointer: `${prefix}/${i}` })) });
	}
	return out;
}

function stringsOf(v: unknown, out: string[] = []): string[] {
	if (typeof v === 'string') out.push(v);
	else if (Array.isArray(v)) for (const x of v) stringsOf(x, out);
	else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) stringsOf(x, out);
	return out;
}

export function loaderVerdict(dir: string, c: LoaderCase): Verdict {
	const written = writeCase(dir, c);
	const { store, problems, skipped } = loadDataDir(dir);
	const errors = problems.filter((p) => p.severity === 'error');
	// Each error under its file and line, and under its pointer's first one and two segments (/3, /incidents/3).
	const byPlace = new Map<string, Problem[]>();
	const file = (f: string) => byPlace.get(f) ?? [];
	for (const p of errors) {
		const segments = p.pointer.split('/').slice(1);
		const keys = [`${p.file}\nL${p.line}`];
		if (segments.length > 0) keys.push(`${p.file}\n/${segments[0]}`);
		if (segments.length > 1) keys.push(`${p.file}\n/${segments[0]}/${segments[1]}`);
		for (const k of keys) byPlace.set(k, [...file(k), p]);
	}
	const claimed = new Set<Problem>();
	for (const kind of KINDS) {
		const mine = written.filter((w) => w.kind === kind);
		const records = mine.reduce((n, w) => n + w.where.length, 0);
		const loaded = store[kind].length;
		const cut = mine.find((w) => w.cut);
		if (cut) {
			// What follows the cut is gone; the rest is read or counted, and the syntax error is reported with its line.
			if (loaded + skipped[kind] > records)
				return `${kind}: ${records} records in the cut file, more loaded + rejected`;
			const name = displayPath(cut.file);
			const syntax = errors.filter((p) => p.file === name && (p.line !== undefined || p.pointer === ''));
			if (syntax.length === 0) return `${name} was cut short and no error says so`;
			for (const p of syntax) claimed.add(p);
		}
		if (!cut && records !== loaded + skipped[kind]) {
			return `${kind}: ${records} records in, ${loaded} loaded + ${skipped[kind]} rejected`;
		}
		let rejected = 0;
		for (const w of mine) {
			const name = displayPath(w.file);
			for (const at of w.where) {
				const own = file(`${name}\n${'line' in at ? `L${at.line}` : at.pointer}`);
				for (const p of own) claimed.add(p);
				if (own.length) rejected++;
				if (own.some((p) => p.message.trim() === '')) return `${name} ${JSON.stringify(at)}: an error without a reason`;
			}
		}
		if (!cut && rejected !== skipped[kind]) {
			return `${kind}: ${skipped[kind]} rejected but ${rejected} records have an error naming their file and path`;
		}
	}
	const stray = errors.find((p) => !claimed.has(p));
	if (stray)
		return `an error that names no record: ${stray.file} ${stray.pointer} line ${stray.line}: ${stray.message}`;
	for (const kind of KINDS) {
		for (const rec of store[kind] as unknown[]) {
			if (stringsOf(rec).some(hasControl)) return `a loaded ${kind} record still holds control characters`;
		}
	}
	return undefined;
}

export function loaderRuns(s: FuzzSettings): number {
	return Math.max(10, Math.round(s.runs / 20));
}

export function fuzzLoader(s: FuzzSettings = fuzzSettings()): Promise<FuzzOutcome> {
	return once(`loader:${s.seed}:${s.runs}`, async () => {
		const tally = new Tally('loader');
		const root = mkdtempSync(join(tmpdir(), 'sitrep-fuzz-load-'));
		const dir = join(root, 'data');
		try {
			await runProperty(
				tally,
				'loadDataDir on mutated records',
				loaderCase,
				(c) => loaderVerdict(dir, c),
				{ seed: s.seed, runs: loaderRuns(s) },
				(c) => c.records.length,
			);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
		return tally.outcome();
	});
}

// ---------------------------------------------------------------------------
// 4. CSV import

const ACLED_COLUMNS: Record<string, string[]> = {
	event_id_cnty: ['FZ1', 'FZ2', 'FZ3', 'FZ4', 'FZ5', 'FZ6', 'fz7', 'PAK 8', ''],
	event_date: [
		'2024-03-16',
		'21 March 2020',
		'02-Apr-2020',
		'2024-02-30',
		'05/20/1990',
		'1990-10-04 00:00:00.000',
		'999-01-01',
	],
	year: ['2024'],
	time_precision: ['1', '2', '3'],
	event_type: [
		'Battles',
		'Explosions/Remote violence',
		'Violence against civilians',
		'Protests',
		'Riots',
		'Strategic developments',
	],
	sub_event_type: ['Armed clash', 'Suicide bomb', 'Air/drone strike', 'Attack', 'Grenade', 'Peaceful protest'],
	actor1: [
		'Taliban',
		'Military Forces of Pakistan (2024-)',
		'TTP: Tehreek-i-Taliban Pakistan',
		'Islamic State (Khorasan Province)',
		'Unidentified Armed Group (Pakistan)',
		'Civilians (Pakistan)',
		'Military Forces of Eritrea',
	],
	assoc_actor_1: ['', 'Taliban; TTP', 'Civilians (Afghanistan)'],
	actor2: ['', 'Civilians (Pakistan)', 'Police Forces of Pakistan (2024-)', 'Taliban'],
	assoc_actor_2: ['', 'Journalists (Pakistan)'],
	civilian_targeting: ['', 'Civilian targeting'],
	iso: ['586', '4', '364', '999'],
	iso3: ['PAK', 'AFG', 'IRN', 'XXX'],
	region: ['South Asia', 'Middle East'],
	country: ['Pakistan', 'Afghanistan', 'Iran', 'Syria', 'Atlantis'],
	admin1: ['Punjab', 'Khyber Pakhtunkhwa', 'Nangarhar'],
	admin2: ['Lahore', 'North Waziristan'],
	location: ['Lahore', 'Mir Ali', 'Jalalabad'],
	latitude: ['31.5', '-0', '33.0226', '90.0001', '1e308', 'abc', '.5', '+12'],
	longitude: ['74.3', '-0.0', '70.2707', '-181', '180', '1e3'],
	geo_precision: ['1', '2', '3'],
	source: ['Dawn; The News (Pakistan)', 'Test Wire'],
	notes: ['Test row: a clash.', 'Test row: "quoted", with a comma', 'Test row:\nsecond line'],
	fatalities: ['0', '3', '9', '3.0', '-1', 'abc', '1e308', '9007199254740993', '99999999999999999999'],
	tags: ['', 'crowd size=no report'],
};

const UCDP_COLUMNS: Record<string, string[]> = {
	id: ['990001', '990002', '990003', '990004', '990005', '990006.5', 'x1', '-3', ''],
	relid: ['PAK-2019-1-209-1'],
	year: ['2019'],
	type_of_violence: ['1', '2', '3', '4', '', ' 3 '],
	conflict_name: ['Pakistan: Government', ''],
	dyad_name: ['Government of Pakistan - TTP', ''],
	side_a: ['Government of Pakistan', 'Government of Afghanistan', 'IS', 'TTP', 'Taleban ', ''],
	side_b: ['TTP', 'Civilians', 'Taleban', 'IS', 'al-Qaida '],
	source_article: ['"Test Wire,2019-05-02,Test headline"', 'Test Wire\nsecond line, with a comma', ''],
	source_office: ['Test Wire', '', 'Dawn'],
	source_date: ['2019-05-02', '', 'not a date'],
	source_headline: [
		'Test row: soldiers killed in a roadside bomb blast',
		'Test row: suicide attack',
		'Test row: drone strike',
		'',
	],
	where_prec: ['1', '2', '4', '7'],
	where_coordinates: ['Miran Shah town', ''],
	where_description: ['near Miran Shah', ''],
	adm_1: ['Khyber Pakhtunkhwa province', ''],
	latitude: ['33.0', '-0', '34.33333', '91', 'x'],
	longitude: ['70.07', '70.41667', '200', ''],
	country: ['Pakistan', 'Afghanistan', 'Iran', 'Syria', 'Russia (Soviet Union)', 'Atlantis', ''],
	iso3: ['PAK', 'AFG', 'IRN'],
	country_id: ['770', '700', '630', '1'],
	region: ['Asia', 'Middle East'],
	date_prec: ['1', '2', '4', '5'],
	date_start: ['2019-05-01 00:00:00.000', '2021-05-28', '05/20/1990 00:00:00', '13/28/2009 00:00:00', '2019-02-29', ''],
	date_end: ['', '2019-05-01 00:00:00.000', '2021-05-29', '1990-01-01'],
	best: ['3', '0', '10', 'five', '-2', '1e308', ''],
	high: ['3'],
	low: ['3'],
};

const ACLED_REQUIRED = ['event_id_cnty', 'event_date', 'event_type', 'country', 'actor1'];
const UCDP_REQUIRED = ['id', 'date_start', 'type_of_violence', 'country', 'side_a'];

/** A cell: text, with raw bytes (not UTF-8) spliced in at some places. */
type Cell = (string | number[])[];

/** Text for CSV cells that breaks naive readers: quotes, separators, line breaks, BOMs, escapes. */
const CSV_PIECES = [
	'"',
	'""',
	',',
	'\n',
	'\r',
	'\r\n',
	'\ufeff',
	'\u001b[31m',
	'\u001b]0;t\u0007',
	'\u2028',
	'\u0085',
	'\u009b',
	'\u0000',
	' ',
	'#',
	';',
	"'",
	'a',
	'é',
	'字',
	'\t',
];
const hostileCell = fc.string({ unit: fc.oneof(fc.constantFrom(...CSV_PIECES), rawUnit), maxLength: 30 });
const badBytes = fc.array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 4 });

/** A cell as the data sets write it (some values wrong on purpose: 2024-02-30, Atlantis, "abc" deaths). */
function plainCell(column: string, pool: string[] | undefined): fc.Arbitrary<string> {
	// The first value of each pool is a good one: most rows should import.
	const known = pool?.length
		? fc.oneof(
				{ arbitrary: fc.constant(pool[0] as string), weight: 3 },
				{ arbitrary: fc.constantFrom(...pool), weight: 1 },
			)
		: fc.constant('');
	// New ids, so rows are imported; the few in the pools repeat (updated, unchanged, or "same id as row").
	const fresh = (make: (n: number) => string) =>
		fc.oneof({ arbitrary: known, weight: 1 }, { arbitrary: fc.nat({ max: 99_999 }).map(make), weight: 4 });
	if (column === 'event_id_cnty') return fresh((n) => `FZ${n + 100}`);
	if (column === 'id') return fresh((n) => String(9_100_000 + n));
	return known;
}

/** A cell of a noisy row: mostly plain, sometimes hostile text or bytes that are not UTF-8. */
function noisyCell(plain: fc.Arbitrary<string>): fc.Arbitrary<Cell> {
	return fc.oneof(
		{ arbitrary: plain.map((s) => [s]), weight: 24 },
		{ arbitrary: hostileCell.map((s) => [s]), weight: 2 },
		{ arbitrary: fc.tuple(plain, hostileCell).map(([a, b]) => [a + b]), weight: 1 },
		{ arbitrary: fc.tuple(plain, badBytes, hostileCell).map(([a, b, c]): Cell => [a, b, c]), weight: 1 },
	);
}

interface CsvCase {
	format: 'acled' | 'ucdp';
	header: string[];
	rows: Cell[][];
	/** Quoted as a CSV writer would (then every row must come back), or raw (anything may happen). */
	proper: boolean;
	alwaysQuote: boolean;
	/** Format named on the command line, or detected from the header. */
	named: boolean;
	/** One cell replaced by a huge one (a pasted document). */
	huge?: { row: number; col: number; size: number };
	crlf: boolean;
	bom: boolean;
	trailingNewline: boolean;
	hxl: boolean;
}

export const csvCase: fc.Arbitrary<CsvCase> = fc
	.record({
		format: fc.constantFrom('acled' as const, 'ucdp' as const),
		extra: fc.subarray(['extra_1', 'Notes2', 'ïd', ''], { maxLength: 2 }),
		optional: fc.nat(),
		seedOrder: fc.nat(),
		proper: fc.boolean(),
		alwaysQuote: fc.boolean(),
		named: fc.boolean(),
		huge: fc.oneof(
			{ arbitrary: fc.constant(undefined), weight: 12 },
			{
				arbitrary: fc.record({ row: fc.nat(), col: fc.nat(), size: fc.integer({ min: 10_000, max: 300_000 }) }),
				weight: 1,
			},
		),
		crlf: fc.boolean(),
		bom: fc.boolean(),
		trailingNewline: fc.boolean(),
		hxl: fc.boolean(),
	})
	.chain((o) => {
		const columns = o.format === 'acled' ? ACLED_COLUMNS : UCDP_COLUMNS;
		const required = o.format === 'acled' ? ACLED_REQUIRED : UCDP_REQUIRED;
		const optional = Object.keys(columns).filter((c, i) => !required.includes(c) && (o.optional >> (i % 30)) % 4 !== 0);
		const header = [...required, ...optional, ...o.extra];
		// Columns are found by name: shuffle them (deterministically from the generated number).
		for (let i = header.length - 1; i > 0; i--) {
			const j = (o.seedOrder + i * 7919) % (i + 1);
			[header[i], header[j]] = [header[j] as string, header[i] as string];
		}
		const plain = header.map((h) => plainCell(h, columns[h]));
		const clean = fc.tuple(...plain.map((p) => p.map((s): Cell => [s])));
		const noisy = fc.tuple(...plain.map(noisyCell));
		const ragged = fc
			.tuple(noisy, fc.nat({ max: header.length + 2 }))
			.map(([cells, n]) => (n <= header.length ? cells.slice(0, Math.max(1, n)) : [...cells, [''], ['extra']]));
		const row = fc.oneof(
			{ arbitrary: clean, weight: 4 },
			{ arbitrary: noisy, weight: 4 },
			{ arbitrary: ragged, weight: 1 },
		);
		return fc.array(row, { minLength: 1, maxLength: 60, size: 'medium' }).map(
			(rows): CsvCase => ({
				format: o.format,
				header,
				rows,
				proper: o.proper,
				alwaysQuote: o.alwaysQuote,
				named: o.named,
				...(o.huge ? { huge: o.huge } : {}),
				crlf: o.crlf,
				bom: o.bom,
				trailingNewline: o.trailingNewline,
				hxl: o.hxl && o.format === 'ucdp',
			}),
		);
	});

function cellText(cell: Cell): string {
	return cell.map((p) => (typeof p === 'string' ? p : '')).join('');
}

/**
 * The CSV's bytes, and the first line (1-based) of each row after the header
 * (the HXL row included), which is right when the file is well formed.
 */
export function csvBytes(c: CsvCase): { bytes: Buffer; lines: number[] } {
	const parts: Buffer[] = [];
	const eol = c.crlf ? '\r\n' : '\n';
	// Lines as an editor counts them: CR LF, CR and LF each end one.
	let line = 1;
	let afterCr = false;
	const put = (s: string | number[]) => {
		parts.push(typeof s === 'string' ? Buffer.from(s, 'utf8') : Buffer.from(s));
		if (typeof s !== 'string') {
			afterCr = false;
			return;
		}
		for (const ch of s) {
			if (ch === '\r' || (ch === '\n' && !afterCr)) line++;
			afterCr = ch === '\r';
		}
	};
	if (c.bom) put('\ufeff');
	put(c.header.join(',') + eol);
	const lines: number[] = [];
	if (c.hxl) {
		lines.push(line);
		put(
			c.header.map((h) => (h === 'date_start' ? '#date+start' : h === 'country' ? '#country+name' : '')).join(',') +
				eol,
		);
	}
	c.rows.forEach((row, r) => {
		lines.push(line);
		row.forEach((original, i) => {
			if (i) put(',');
			const huge = c.huge && c.huge.row % c.rows.length === r && c.huge.col % row.length === i;
			const cell: Cell = huge ? [`Test row: ${'long text, '.repeat((c.huge?.size ?? 0) / 11)}`] : original;
			const text = cellText(cell);
			const quote = c.proper && (c.alwaysQuote || /[",\r\n]/.test(text) || (row.length === 1 && text === ''));
			if (quote) put('"');
			for (const p of cell) put(typeof p === 'string' && quote ? p.replace(/"/g, '""') : p);
			if (quote) put('"');
		});
		if (r < c.rows.length - 1 || c.trailingNewline) put(eol);
	});
	return { bytes: Buffer.concat(parts), lines };
}

export interface CsvFileResult {
	/** Data rows written, when the file is well formed (else unknown). */
	rows?: number;
	read: number;
	/** imported + updated + unchanged + skipped. */
	accounted: number;
}

function accountedOf(r: ImportReport): number {
	return r.imported + r.updated + r.unchanged + r.skipped.length;
}

/**
 * Every row read is accounted for, every skipped row says where and why; for a
 * well-formed file, every row written was read and skips name the right line.
 * `lines` holds the first line of each row after the header (HXL row included).
 */
export function reportVerdict(r: ImportReport, expectedRows?: number, lines?: number[]): Verdict {
	if (r.read !== accountedOf(r)) {
		return `read ${r.read} but imported ${r.imported} + updated ${r.updated} + unchanged ${r.unchanged} + skipped ${r.skipped.length}`;
	}
	const rows = new Set<number>();
	for (const s of r.skipped) {
		if (!Number.isInteger(s.row) || s.row < 2) return `a skipped row without a row number: ${JSON.stringify(s)}`;
		if (!Number.isInteger(s.line) || (s.line ?? 0) < 2) return `a skipped row without a line: ${JSON.stringify(s)}`;
		if (typeof s.reason !== 'string' || s.reason.trim() === '')
			return `a skipped row without a reason: ${JSON.stringify(s)}`;
		if (rows.has(s.row)) return `row ${s.row} skipped twice`;
		rows.add(s.row);
	}
	if (expectedRows !== undefined) {
		const want = expectedRows - (r.hxlRow ? 1 : 0);
		if (r.read !== want) return `rows lost: the file has ${want} data rows, the import read ${r.read}`;
		for (const s of r.skipped) {
			const at = lines?.[s.row - 2];
			if (at !== undefined && s.line !== at) return `row ${s.row} starts on line ${at}, reported as line ${s.line}`;
		}
	}
	return undefined;
}

/** A data dir (a copy of the bundled one) that already holds some of the ids the fuzzed rows use. */
async function importTarget(root: string): Promise<string> {
	const dir = join(root, 'data');
	cpSync(DATA_DIR, dir, { recursive: true });
	const acled = join(root, 'seed-acled.csv');
	writeFileSync(
		acled,
		`event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,fatalities,notes\n${[1, 2, 3]
			.map((n) => `FZ${n},2024-03-16,Battles,Armed clash,Taliban,,Pakistan,${n},Test row: a clash.`)
			.join('\n')}\n`,
	);
	await importFile(dir, acled);
	const ucdp = join(root, 'seed-ucdp.csv');
	writeFileSync(
		ucdp,
		`id,date_start,type_of_violence,country,side_a,side_b,best,source_headline\n${[1, 2, 3]
			.map(
				(n) =>
					`99000${n},2021-05-28,1,Pakistan,Government of Pakistan,TTP,3,Test row: soldiers killed in a roadside bomb blast`,
			)
			.join('\n')}\n`,
	);
	await importFile(dir, ucdp);
	return dir;
}

export interface CsvFuzzOutcome extends FuzzOutcome {
	files: CsvFileResult[];
}

export function csvRuns(s: FuzzSettings): number {
	return Math.max(10, Math.round(s.runs / 10));
}

export function fuzzCsvImport(s: FuzzSettings = fuzzSettings()): Promise<CsvFuzzOutcome> {
	return once(`csv:${s.seed}:${s.runs}`, async () => {
		const tally = new Tally('CSV import');
		const files: CsvFileResult[] = [];
		const root = mkdtempSync(join(tmpdir(), 'sitrep-fuzz-csv-'));
		try {
			const dir = await importTarget(root);
			const file = join(root, 'fuzz.csv');
			await runProperty(
				tally,
				'importFile --dry-run on fuzzed CSVs',
				csvCase,
				async (c) => {
					const { bytes, lines } = csvBytes(c);
					writeFileSync(file, bytes);
					const r = await importFile(dir, file, { ...(c.named ? { format: c.format } : {}), dryRun: true });
					const rows = c.rows.length + (c.hxl ? 1 : 0);
					files.push({
						...(c.proper ? { rows: rows - (r.hxlRow ? 1 : 0) } : {}),
						read: r.read,
						accounted: accountedOf(r),
					});
					if (r.written.length) return 'a dry run wrote files';
					return reportVerdict(r, c.proper ? rows : undefined, c.proper ? lines : undefined);
				},
				{ seed: s.seed, runs: csvRuns(s) },
				(c) => c.rows.length,
			);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
		return { ...tally.outcome(), files };
	});
}

// ---------------------------------------------------------------------------

function toRow(o: FuzzOutcome): Row {
	const n = (x: number) => x.toLocaleString('en-US');
	return {
		area: 'fuzzing',
		what: o.what,
		passed: o.runs - o.failedRuns,
		total: o.runs,
		note: `${n(o.cases)} cases, ${n(o.crashes)} crashes`,
		failures: o.failures,
	};
}

export const check: Check = async () => {
	const s = fuzzSettings();
	return [await fuzzSanitizer(s), await fuzzQueryParser(s), await fuzzLoader(s), await fuzzCsvImport(s)].map(toRow);
};
