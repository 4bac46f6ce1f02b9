// Synthetic records one at a time: makeArticle/makeIncident write record i
// from a seeded random stream, and articleRecords/incidentRecords yield n of
// them in order, so a writer can stream millions in constant memory. A seed
// gives the same records whether they are collected in an array (synth.ts) or
// streamed to files (synthStream.ts). Every record says what it is: source
// "synthetic (seed N)", tag "synthetic", ids "syn-<seed>-<n>" and
// "syn-inc-<seed>-<n>". The prose is assembled from word lists and is not
// reporting: never present it as real.
import { MONTHS } from '../../source/core/dates.js';
import type { Article, Incident } from '../../source/core/schema.js';
import {
	GIVEN,
	ORDINALS,
	type Place,
	ROLES,
	SENTENCES,
	SYL_A,
	SYL_B,
	SYL_C,
	type SynthActor,
	TARGET_GROUPS,
	TARGETS,
	TITLES,
} from './synthWords.js';
import { classic, type Rnd, type SynthType, WORLDS, type World, type WorldName } from './synthWorld.js';

/** sfc32: small, fast, and the same sequence on every platform for a seed. */
export function prng(seed: number): Rnd {
	let a = 0x9e3779b9;
	let b = 0x243f6a88;
	let c = 0xb7e15162;
	let d = seed >>> 0;
	const next = () => {
		const t = (((a + b) | 0) + d) | 0;
		d = (d + 1) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		c = (c + t) | 0;
		return (t >>> 0) / 4294967296;
	};
	for (let i = 0; i < 15; i++) next();
	return next;
}

function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** One record's cast, places and type, and the templates filled from them. */
class Writer {
	readonly actorsUsed = new Set<string>();
	readonly countries: string[] = [];
	readonly main: SynthActor;
	private readonly other: SynthActor;
	readonly place: Place;
	private readonly place2: Place;
	readonly type: SynthType;
	readonly target: string;
	readonly figure: SynthActor;
	/** Values for slots the record already fixed (its date, its toll), so its text agrees with it. */
	facts: Partial<Record<'n' | 'm' | 'day' | 'month', string>> = {};

	constructor(
		private readonly rnd: Rnd,
		private readonly lexicon: string[],
		private readonly world: World,
	) {
		const r = rnd();
		let acc = 0;
		let country = 'AF';
		for (const [code, w] of world.weights) {
			acc += w;
			if (r < acc) {
				country = code;
				break;
			}
		}
		this.countries.push(country);
		this.main = this.pick(world.localActors(country));
		this.other = this.pick(world.actors);
		this.figure = this.pick(world.persons);
		const places = world.places[country] ?? world.places.AF ?? [];
		this.place = this.pick(places);
		this.place2 = this.pick(places);
		this.type = world.pickType(rnd);
		this.target = this.pick(TARGETS);
		if (this.other.country !== country && rnd() < 0.3) this.countries.push(this.other.country);
	}

	pick<T>(list: readonly T[]): T {
		return list[Math.floor(this.rnd() * list.length)] as T;
	}

	/** A made-up name, skewed so a few recur often and most are rare (as in news text). */
	private name(): string {
		const i = Math.floor(this.lexicon.length * this.rnd() ** 3);
		return this.lexicon[i] ?? 'Noorzai';
	}

	private actorName(a: SynthActor): string {
		this.actorsUsed.add(a.id);
		return this.pick(a.names);
	}

	fill(template: string): string {
		return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
			const value = this.slot(slot.toLowerCase());
			return slot[0] === slot[0]?.toUpperCase() ? capitalize(value) : value;
		});
	}

	private slot(slot: string): string {
		const rnd = this.rnd;
		const fact = this.facts[slot as keyof Writer['facts']];
		if (fact !== undefined) return fact;
		switch (slot) {
			case 'actor':
				return this.actorName(rnd() < 0.8 ? this.main : this.pick(this.world.actors));
			case 'actor2':
				return this.actorName(this.other);
			case 'figure':
				return this.actorName(this.figure);
			case 'place':
				return rnd() < 0.85
					? (this.place[0] ?? '')
					: (this.pick(this.world.places[this.countries[0] ?? 'AF'] ?? [])[0] ?? '');
			case 'place2':
				return this.place2[0] ?? '';
			case 'province':
				return this.place[1] ?? '';
			case 'capital':
				return this.world.capitals[this.countries[0] ?? 'AF'] ?? 'Kabul';
			case 'neighbour':
				return this.world.neighbour(this.countries[0] ?? 'AF');
			case 'act':
				return this.type[1];
			case 'noun':
				return this.type[2];
			case 'target':
				return rnd() < 0.7 ? this.target : this.pick(TARGETS);
			case 'target2':
				return this.pick(TARGET_GROUPS);
			case 'person':
				return `${this.pick(GIVEN)} ${this.name()}`;
			case 'village':
				return `${this.pick(['Qala-e-', 'Deh-e-', 'Kili ', 'Banda ', ''])}${this.name()}`;
			case 'role':
				return this.pick(ROLES);
			case 'n':
				return String(1 + Math.floor(rnd() ** 2 * 60));
			case 'm':
				return String(2 + Math.floor(rnd() * 90));
			case 'day':
				return String(1 + Math.floor(rnd() * 28));
			case 'month':
				return this.pick(MONTHS);
			case 'year':
				return String(2015 + Math.floor(rnd() * 11));
			case 'ordinal':
				return this.pick(ORDINALS);
			default:
				return slot;
		}
	}
}

function lexiconFor(rnd: Rnd): string[] {
	const words = new Set<string>();
	for (const a of SYL_A) {
		for (const b of SYL_B) {
			for (const c of SYL_C) {
				words.add(`${a}${b}${c}`);
				for (const b2 of SYL_B) words.add(`${a}${b}${b2.toLowerCase()}${c}`);
			}
		}
	}
	const list = [...words];
	for (let i = list.length - 1; i > 0; i--) {
		const j = Math.floor(rnd() * (i + 1));
		[list[i], list[j]] = [list[j] as string, list[i] as string];
	}
	return list;
}

const DAY_MS = 86_400_000;

function fromDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** What every record of one generated set shares: its random stream, names, size and world. */
export interface SynthStream {
	rnd: Rnd;
	lexicon: string[];
	seed: number;
	/** Digits of the set's size: ids are zero-padded to it. */
	width: number;
	world: World;
	/** Articles in the same data set, which incidents may cite (wide world). */
	articles: number;
}

export interface SynthOptions {
	world?: WorldName;
	/** Articles the incidents may cite by id; 0 or absent: none. */
	articles?: number;
}

const idOf = (prefix: string, seed: number, i: number, width: number) =>
	`${prefix}-${seed}-${String(i + 1).padStart(width, '0')}`;

/** The random stream articles are drawn from. */
export function articleStream(n: number, seed: number, opts: SynthOptions = {}): SynthStream {
	const rnd = prng(seed);
	const world = WORLDS[opts.world ?? 'classic'] ?? classic;
	return { rnd, lexicon: lexiconFor(rnd), seed, width: String(n).length, world, articles: 0 };
}

/** The random stream incidents are drawn from: a different one from the articles' for the same seed. */
export function incidentStream(n: number, seed: number, opts: SynthOptions = {}): SynthStream {
	const rnd = prng(seed ^ 0x5eed1c1d);
	const world = WORLDS[opts.world ?? 'classic'] ?? classic;
	return { rnd, lexicon: lexiconFor(rnd), seed, width: String(n).length, world, articles: opts.articles ?? 0 };
}

/** Article i (0-based) of its set; the stream must have made articles 0..i-1 before. */
export function makeArticle(i: number, s: SynthStream): Article {
	const { rnd, seed } = s;
	const w = new Writer(rnd, s.lexicon, s.world);
	const title = w.fill(w.pick(TITLES));
	const target = s.world.articleLength(rnd);
	const paragraphs: string[] = [];
	let length = 0;
	while (length < target) {
		const count = 3 + Math.floor(rnd() * 4);
		const sentences: string[] = [];
		for (let k = 0; k < count && length < target; k++) {
			const sentence = w.fill(w.pick(SENTENCES));
			sentences.push(sentence);
			length += sentence.length + 1;
		}
		paragraphs.push(sentences.join(' '));
		length += 1;
	}
	const day = s.world.day(rnd);
	const summary = rnd() < 0.7 ? w.fill(w.pick(SENTENCES)) : undefined;
	const article: Article = {
		id: idOf('syn', seed, i, s.width),
		title: capitalize(title),
		published: fromDay(day),
		source: `synthetic (seed ${seed})`,
		author: 'sitrep synthetic generator',
		countries: w.countries,
		actors: [...w.actorsUsed],
		tags: ['synthetic', w.type[0]],
		body: paragraphs.join('\n\n'),
	};
	if (summary) article.summary = summary;
	return article;
}

/** Incident i (0-based) of its set; the stream must have made incidents 0..i-1 before. */
export function makeIncident(i: number, s: SynthStream): Incident {
	const { rnd, seed, world } = s;
	const w = new Writer(rnd, s.lexicon, world);
	const country = w.countries[0] ?? 'AF';
	const day = world.day(rnd);
	const date = fromDay(day);
	// The wide world fixes the toll first and says it in the description; classic keeps its draw order.
	const toll = () => ({ fatalities: world.fatalities(rnd), injured: world.injured(rnd) });
	const early = world.textAgrees ? toll() : undefined;
	if (early) {
		w.facts = {
			day: String(Number(date.slice(8, 10))),
			month: MONTHS[Number(date.slice(5, 7)) - 1] ?? 'January',
			n:
				early.fatalities === undefined
					? 'an unknown number of'
					: early.fatalities === 0
						? 'no'
						: String(early.fatalities),
			m:
				early.injured === undefined
					? 'an unknown number of others'
					: early.injured === 0
						? 'no one'
						: String(early.injured),
		};
	}
	const known = rnd() < 0.85;
	const perpetrators = known ? [w.main.id] : [];
	let description = `Synthetic incident: ${w.fill(w.pick(SENTENCES.slice(0, 1)))}`;
	w.facts = {};
	// ~500 bytes a record on average, as in the 48 MB for 100k incidents.
	if (rnd() < 0.5) description += ` ${w.fill(w.pick(SENTENCES))}`;
	const [lat, lon] = world.coords(rnd, country, w.place);
	const sources: Incident['sources'] = [{ outlet: `synthetic (seed ${seed})`, date }];
	// An article of the same set cited by id, so an index has incident–article links to join on.
	if (world.citesArticles && s.articles > 0 && rnd() < 0.2) {
		sources.unshift(idOf('syn', seed, Math.floor(rnd() * s.articles), String(s.articles).length));
	}
	const incident: Incident = {
		id: idOf('syn-inc', seed, i, s.width),
		date,
		country,
		admin1: w.place[1] ?? '',
		location: w.place[0] ?? '',
		lat,
		lon,
		type: w.type[0],
		perpetrators,
		// Sometimes a named person, so "attacks on officials" has something to count.
		targets: [rnd() < 0.1 ? w.figure.id : w.target],
		description,
		sources,
		tags: ['synthetic', w.type[0]],
	};
	const { fatalities, injured } = early ?? toll();
	if (fatalities !== undefined) incident.fatalities = fatalities;
	if (injured !== undefined) incident.injured = injured;
	if (known && rnd() < 0.4) incident.claimedBy = w.main.id;
	return incident;
}

/** `n` synthetic articles, one at a time, the same for the same seed and world. */
export function* articleRecords(n: number, seed: number, opts: SynthOptions = {}): Generator<Article> {
	const s = articleStream(n, seed, opts);
	for (let i = 0; i < n; i++) yield makeArticle(i, s);
}

/** `n` synthetic incidents, one at a time, the same for the same seed, world and article count. */
export function* incidentRecords(n: number, seed: number, opts: SynthOptions = {}): Generator<Incident> {
	const s = incidentStream(n, seed, opts);
	for (let i = 0; i < n; i++) yield makeIncident(i, s);
}
