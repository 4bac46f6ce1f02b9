// Seeded synthetic articles for benchmarks and for trying the TUI at scale.
// Every record says what it is: source "synthetic (seed N)", tag "synthetic",
// ids "syn-<seed>-<n>". The prose is assembled from word lists and is not
// reporting: never present it as real.
//
//   tsx scripts/synth.ts --articles 10000 --seed 1 --out DIR
// writes DIR/articles.jsonl plus copies of the bundled actors.json and
// countries.json, so `sitrep --data DIR` has actors and countries to resolve.
//   tsx scripts/synth.ts --incidents 100000 --articles 10000 --seed 1 --out DIR
// writes DIR/incidents.json and DIR/articles.json instead (what bench/tui.ts opens);
// synthetic incidents say "Synthetic incident" and are tagged "synthetic" too.
import { copyFileSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { MONTHS } from '../../source/core/dates.js';
import type { Article, Incident } from '../../source/core/schema.js';

/** sfc32: small, fast, and the same sequence on every platform for a seed. */
export function prng(seed: number): () => number {
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

interface SynthActor {
	id: string;
	names: string[];
	country: string;
	person?: boolean;
}

// Ids match data/actors.json, so actor: filters work on the synthetic set.
const ACTORS: SynthActor[] = [
	{ id: 'taliban', names: ['the Taliban', 'the Islamic Emirate', 'Taliban authorities'], country: 'AF' },
	{ id: 'haqqani-network', names: ['the Haqqani network', 'Haqqani commanders'], country: 'AF' },
	{ id: 'taliban-gdi', names: ['the General Directorate of Intelligence', 'Taliban intelligence'], country: 'AF' },
	{ id: 'iskp', names: ['ISKP', 'Islamic State Khorasan Province', 'ISIS-K'], country: 'AF' },
	{ id: 'islamic-state', names: ['the Islamic State', 'Islamic State central'], country: 'AF' },
	{ id: 'ttp', names: ['the TTP', 'Tehrik-e-Taliban Pakistan', 'the Pakistani Taliban'], country: 'PK' },
	{ id: 'jamaat-ul-ahrar', names: ['Jamaat-ul-Ahrar'], country: 'PK' },
	{ id: 'tjp', names: ['Tehreek-e-Jihad Pakistan', 'the TJP'], country: 'PK' },
	{ id: 'hafiz-gul-bahadur-group', names: ['the Hafiz Gul Bahadur group'], country: 'PK' },
	{ id: 'bla', names: ['the Balochistan Liberation Army', 'the BLA', 'the Majeed Brigade'], country: 'PK' },
	{ id: 'jaish-al-adl', names: ['Jaish al-Adl'], country: 'IR' },
	{ id: 'al-qaeda', names: ['al-Qaeda', 'al-Qaeda leaders'], country: 'AF' },
	{ id: 'nrf', names: ['the National Resistance Front', 'NRF fighters'], country: 'AF' },
	{ id: 'pakistan-military', names: ['the Pakistan Army', 'Pakistani troops', 'the ISPR'], country: 'PK' },
	{ id: 'irgc', names: ['the Revolutionary Guards', 'the IRGC'], country: 'IR' },
	{ id: 'khalil-haqqani', names: ['Khalil Haqqani', 'Khalil ur Rehman Haqqani'], country: 'AF', person: true },
	{
		id: 'sirajuddin-haqqani',
		names: ['Sirajuddin Haqqani', 'interior minister Sirajuddin Haqqani'],
		country: 'AF',
		person: true,
	},
	{
		id: 'mohammad-dawood-muzammil',
		names: ['Mohammad Dawood Muzammil', 'governor Muzammil'],
		country: 'AF',
		person: true,
	},
	{
		id: 'hibatullah-akhundzada',
		names: ['Hibatullah Akhundzada', 'the Taliban leader Akhundzada'],
		country: 'AF',
		person: true,
	},
	{ id: 'shahab-al-muhajir', names: ['Shahab al-Muhajir', 'the ISKP emir'], country: 'AF', person: true },
	{ id: 'noor-wali-mehsud', names: ['Noor Wali Mehsud', 'the TTP emir Mehsud'], country: 'PK', person: true },
];

const PLACES: Record<string, string[][]> = {
	AF: [
		['Kabul', 'Kabul'],
		['Kandahar', 'Kandahar'],
		['Herat', 'Herat'],
		['Mazar-i-Sharif', 'Balkh'],
		['Jalalabad', 'Nangarhar'],
		['Kunduz', 'Kunduz'],
		['Khost', 'Khost'],
		['Ghazni', 'Ghazni'],
		['Asadabad', 'Kunar'],
		['Lashkar Gah', 'Helmand'],
		['Faizabad', 'Badakhshan'],
		['Sharana', 'Paktika'],
		['Bazarak', 'Panjshir'],
	],
	PK: [
		['Peshawar', 'Khyber Pakhtunkhwa'],
		['Quetta', 'Balochistan'],
		['Karachi', 'Sindh'],
		['Bannu', 'Khyber Pakhtunkhwa'],
		['Dera Ismail Khan', 'Khyber Pakhtunkhwa'],
		['Miranshah', 'North Waziristan'],
		['Wana', 'South Waziristan'],
		['Khar', 'Bajaur'],
		['Mastung', 'Balochistan'],
		['Gwadar', 'Balochistan'],
		['Turbat', 'Balochistan'],
		['Lakki Marwat', 'Khyber Pakhtunkhwa'],
		['Islamabad', 'Islamabad'],
	],
	IR: [
		['Zahedan', 'Sistan and Baluchestan'],
		['Saravan', 'Sistan and Baluchestan'],
		['Chabahar', 'Sistan and Baluchestan'],
		['Kerman', 'Kerman'],
		['Shiraz', 'Fars'],
		['Mashhad', 'Razavi Khorasan'],
	],
	TJ: [
		['Dushanbe', 'Dushanbe'],
		['Khorog', 'Gorno-Badakhshan'],
	],
	UZ: [
		['Termez', 'Surxondaryo'],
		['Tashkent', 'Tashkent'],
	],
};
const COUNTRY_WEIGHTS: [string, number][] = [
	['AF', 0.45],
	['PK', 0.38],
	['IR', 0.1],
	['TJ', 0.04],
	['UZ', 0.03],
];
const COUNTRY_NAMES: Record<string, string> = {
	AF: 'Afghanistan',
	PK: 'Pakistan',
	IR: 'Iran',
	TJ: 'Tajikistan',
	UZ: 'Uzbekistan',
};

const CAPITALS: Record<string, string> = {
	AF: 'Kabul',
	PK: 'Islamabad',
	IR: 'Tehran',
	TJ: 'Dushanbe',
	UZ: 'Tashkent',
};

const TYPES: [label: string, act: string, noun: string][] = [
	['suicide bombing', 'a suicide bomber struck', 'suicide bombing'],
	['bombing', 'a bomb exploded near', 'bombing'],
	['IED', 'a roadside bomb hit', 'roadside bombing'],
	['targeted killing', 'gunmen shot dead an official at', 'targeted killing'],
	['armed assault', 'gunmen stormed', 'assault'],
	['armed clash', 'fighters clashed with security forces near', 'clash'],
	['airstrike', 'drones struck', 'airstrike'],
	['rocket attack', 'rockets landed near', 'rocket attack'],
	['abduction', 'armed men abducted workers from', 'abduction'],
	['cross-border shelling', 'artillery shells fell on', 'shelling'],
];

const TARGETS = [
	'a police checkpoint',
	'the provincial governor’s office',
	'a Shia mosque',
	'a Sufi shrine',
	'a crowded market',
	'a girls’ school',
	'a convoy of security forces',
	'a polling station',
	'a bus carrying pilgrims',
	'a team of polio vaccinators',
	'the district headquarters',
	'a madrassa',
	'a border post',
	'a hydropower project',
	'a wedding party',
	'a bank branch where salaries were being paid',
	'the compound of a ministry',
	'a seminary',
	'a railway station',
	'a convoy carrying Chinese engineers',
];

const ROLES = [
	'a district police chief',
	'a senior cleric',
	'a local commander',
	'a tribal elder',
	'a judge',
	'a journalist',
];
const GIVEN = ['Abdul', 'Mohammad', 'Ahmad', 'Gul', 'Noor', 'Zabihullah', 'Rahmatullah', 'Qari', 'Mawlawi', 'Haji'];
const SYL_A = ['Sher', 'Gul', 'Zar', 'Noor', 'Baz', 'Dil', 'Mir', 'Shah', 'Wali', 'Amin', 'Rah', 'Saf', 'Zam', 'Qad'];
const SYL_B = ['a', 'o', 'i', 'u', 'e', 'an', 'ar', 'in', 'ul', 'ab', 'om', 'es', 'ir', 'ak', 'ud', 'ez', 'ay', 'ow'];
const SYL_C = ['zai', 'khel', 'yar', 'wal', 'dad', 'war', 'ani', 'ullah', 'zad', 'yan', 'udin', 'gul', 'mal', 'baz'];

const SENTENCES = [
	'On {day} {month}, {act} {target} in {place}, killing {n} people and wounding {m}.',
	'{Actor} claimed responsibility for the attack in a statement circulated on its channels.',
	'No group claimed the attack, but officials in {province} blamed {actor}.',
	'Local sources said {person}, {role}, was among the dead.',
	'The attack in {place} was the {ordinal} of its kind in {province} this year.',
	'Analysts said the {noun} fits a pattern of attacks by {actor} against {target2}.',
	'{Actor}’s leadership has faced pressure since the death of {figure}.',
	'Security forces sealed off the area and began a search operation in the villages around {place}.',
	'Residents of {village} said they had received threats from {actor} weeks before the attack.',
	'Officials in {capital} said the attackers had crossed from {neighbour}, a claim {actor} denied.',
	'The {noun} came days after {figure} warned of a new campaign in {province}.',
	'Hospital staff in {place} said {m} of the wounded were in critical condition.',
	'{Figure} met tribal elders from {village} to discuss security along the road to {place2}.',
	'Since {year}, {actor} has carried out dozens of attacks on {target2} in {province}.',
	'The rivalry between {actor} and {actor2} has shaped violence in {province} for years.',
	'A spokesman for {actor2} said the group would respond to the killing of its members in {place}.',
	'Prices in the bazaar of {place} rose sharply as the main highway stayed closed.',
	'Humanitarian groups suspended their work in {province} after {person}, {role}, was abducted.',
	'According to figures compiled by monitors, {n} incidents were recorded in {province} in {month} {year}.',
	'The government in {capital} announced compensation for the families of those killed in {place}.',
	'Commanders of {actor} were reported to be moving between {village} and {place2}.',
	'Diplomats in {capital} described the situation in {province} as fragile but contained.',
	'Witnesses said the blast shattered windows across {village} — a neighbourhood on the edge of {place}.',
	'A video released by {actor} showed fighters training in the hills above {village}.',
];

const TITLES = [
	'{Actor} claims {noun} on {target} in {place}',
	'{n} killed as {act} {target} in {place}',
	'{Noun} in {place}: what it says about {actor}',
	'{Person}, {role}, killed in {place}',
	'{Actor} and {actor2}: the struggle for {province}',
	'After the {place} {noun}, questions for {capital}',
	'{Figure} and the {province} front',
	'{Actor} steps up attacks on {target2} in {province}',
];

const TARGET_GROUPS = [
	'security forces',
	'religious minorities',
	'government officials',
	'foreign workers',
	'Taliban commanders',
	'polio workers',
	'clerics',
	'tribal elders',
];
const ORDINALS = ['second', 'third', 'fourth', 'fifth', 'sixth'];

function capitalize(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

class Writer {
	readonly actorsUsed = new Set<string>();
	readonly countries: string[] = [];
	readonly main: SynthActor;
	private readonly other: SynthActor;
	readonly place: string[];
	private readonly place2: string[];
	readonly type: [string, string, string];
	readonly target: string;
	readonly figure: SynthActor;

	constructor(
		private readonly rnd: () => number,
		private readonly lexicon: string[],
	) {
		const r = rnd();
		let acc = 0;
		let country = 'AF';
		for (const [code, w] of COUNTRY_WEIGHTS) {
			acc += w;
			if (r < acc) {
				country = code;
				break;
			}
		}
		this.countries.push(country);
		const local = ACTORS.filter((a) => a.country === country);
		this.main = this.pick(local.length ? local : ACTORS);
		this.other = this.pick(ACTORS);
		this.figure = this.pick(ACTORS.filter((a) => a.person));
		const places = PLACES[country] ?? PLACES.AF ?? [];
		this.place = this.pick(places);
		this.place2 = this.pick(places);
		this.type = this.pick(TYPES);
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
		switch (slot) {
			case 'actor':
				return this.actorName(rnd() < 0.8 ? this.main : this.pick(ACTORS));
			case 'actor2':
				return this.actorName(this.other);
			case 'figure':
				return this.actorName(this.figure);
			case 'place':
				return rnd() < 0.85 ? (this.place[0] ?? '') : (this.pick(PLACES[this.countries[0] ?? 'AF'] ?? [])[0] ?? '');
			case 'place2':
				return this.place2[0] ?? '';
			case 'province':
				return this.place[1] ?? '';
			case 'capital':
				return CAPITALS[this.countries[0] ?? 'AF'] ?? 'Kabul';
			case 'neighbour':
				return COUNTRY_NAMES[this.countries[0] === 'AF' ? 'PK' : 'AF'] ?? 'Afghanistan';
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

function lexiconFor(rnd: () => number): string[] {
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
const FIRST_DAY = Date.UTC(2019, 0, 1) / DAY_MS;
const LAST_DAY = Date.UTC(2025, 11, 31) / DAY_MS;

/** `n` synthetic articles, the same for the same seed. */
export function synthArticles(n: number, seed: number): Article[] {
	const rnd = prng(seed);
	const lexicon = lexiconFor(rnd);
	const out: Article[] = [];
	const width = String(n).length;
	for (let i = 0; i < n; i++) {
		const w = new Writer(rnd, lexicon);
		const title = w.fill(w.pick(TITLES));
		const target = 1000 + Math.floor(rnd() * 5000);
		const paragraphs: string[] = [];
		let length = 0;
		while (length < target) {
			const count = 3 + Math.floor(rnd() * 4);
			const sentences: string[] = [];
			for (let k = 0; k < count && length < target; k++) {
				const s = w.fill(w.pick(SENTENCES));
				sentences.push(s);
				length += s.length + 1;
			}
			paragraphs.push(sentences.join(' '));
			length += 1;
		}
		const day = FIRST_DAY + Math.floor(rnd() * (LAST_DAY - FIRST_DAY + 1));
		const summary = rnd() < 0.7 ? w.fill(w.pick(SENTENCES)) : undefined;
		const article: Article = {
			id: `syn-${seed}-${String(i + 1).padStart(width, '0')}`,
			title: capitalize(title),
			published: new Date(day * DAY_MS).toISOString().slice(0, 10),
			source: `synthetic (seed ${seed})`,
			author: 'sitrep synthetic generator',
			countries: w.countries,
			actors: [...w.actorsUsed],
			tags: ['synthetic', w.type[0]],
			body: paragraphs.join('\n\n'),
		};
		if (summary) article.summary = summary;
		out.push(article);
	}
	return out;
}

const CENTRES: Record<string, [number, number]> = {
	AF: [34.0, 66.5],
	PK: [30.5, 70.0],
	IR: [29.5, 60.5],
	TJ: [38.5, 69.5],
	UZ: [41.0, 64.5],
};

/**
 * `n` synthetic incidents, the same for the same seed. Actor ids and country
 * codes are those of data/actors.json and data/countries.json; every
 * description starts "Synthetic incident" and every record is tagged
 * "synthetic". Independent of synthArticles (its own generator).
 */
export function synthIncidents(n: number, seed: number): Incident[] {
	// A different stream from synthArticles' for the same seed.
	const rnd = prng(seed ^ 0x5eed1c1d);
	const lexicon = lexiconFor(rnd);
	const out: Incident[] = [];
	const width = String(n).length;
	for (let i = 0; i < n; i++) {
		const w = new Writer(rnd, lexicon);
		const country = w.countries[0] ?? 'AF';
		const [lat, lon] = CENTRES[country] ?? [34, 66];
		const day = FIRST_DAY + Math.floor(rnd() * (LAST_DAY - FIRST_DAY + 1));
		const known = rnd() < 0.85;
		const perpetrators = known ? [w.main.id] : [];
		let description = `Synthetic incident: ${w.fill(w.pick(SENTENCES.slice(0, 1)))}`;
		// ~500 bytes a record on average, as in the 48 MB for 100k incidents.
		if (rnd() < 0.5) description += ` ${w.fill(w.pick(SENTENCES))}`;
		const incident: Incident = {
			id: `syn-inc-${seed}-${String(i + 1).padStart(width, '0')}`,
			date: fromDay(day),
			country,
			admin1: w.place[1] ?? '',
			location: w.place[0] ?? '',
			lat: Math.round((lat + (rnd() - 0.5) * 2) * 1000) / 1000,
			lon: Math.round((lon + (rnd() - 0.5) * 2) * 1000) / 1000,
			type: w.type[0] as Incident['type'],
			perpetrators,
			// Sometimes a named person, so "attacks on officials" has something to count.
			targets: [rnd() < 0.1 ? w.figure.id : w.target],
			description,
			sources: [{ outlet: `synthetic (seed ${seed})`, date: fromDay(day) }],
			tags: ['synthetic', w.type[0]],
		};
		if (rnd() < 0.8) incident.fatalities = Math.floor(rnd() ** 3 * 40);
		if (rnd() < 0.5) incident.injured = Math.floor(rnd() ** 2 * 60);
		if (known && rnd() < 0.4) incident.claimedBy = w.main.id;
		out.push(incident);
	}
	return out;
}

function fromDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export interface SynthDataDir {
	dir: string;
	/** Bytes of each file written or copied, by name. */
	files: Record<string, number>;
	/** Bytes of JSON the app loads from the directory. */
	bytes: number;
}

/**
 * A data directory sitrep can open: incidents.json ({"incidents": [...]}),
 * articles.json ({"articles": [...]}) and copies of the bundled actors and
 * countries, which the synthetic records reference.
 */
export function writeSynthDataDir(
	dir: string,
	opts: { incidents: number; articles: number; seed: number },
): SynthDataDir {
	mkdirSync(dir, { recursive: true });
	const files: Record<string, number> = {};
	const write = (name: string, text: string) => {
		writeFileSync(join(dir, name), text);
		files[name] = Buffer.byteLength(text);
	};
	write('incidents.json', `{"incidents":${JSON.stringify(synthIncidents(opts.incidents, opts.seed))}}\n`);
	write('articles.json', `{"articles":${JSON.stringify(synthArticles(opts.articles, opts.seed))}}\n`);
	const data = fileURLToPath(new URL('../../data/', import.meta.url));
	for (const name of ['actors.json', 'countries.json']) {
		copyFileSync(join(data, name), join(dir, name));
		files[name] = statSync(join(dir, name)).size;
	}
	return { dir, files, bytes: Object.values(files).reduce((a, b) => a + b, 0) };
}

function argValue(args: string[], name: string): string | undefined {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
}

const USAGE = 'usage: tsx scripts/synth.ts [--articles N] [--incidents N] [--seed S] --out DIR\n';

function main(args: string[]): void {
	const incidents = argValue(args, '--incidents');
	const n = Number(argValue(args, '--articles') ?? '10000');
	const seed = Number(argValue(args, '--seed') ?? '1');
	const out = argValue(args, '--out');
	const m = Number(incidents ?? '0');
	if (!out || !Number.isInteger(n) || n < 0 || !Number.isInteger(m) || m < 0 || !Number.isInteger(seed)) {
		process.stderr.write(USAGE);
		process.exitCode = 2;
		return;
	}
	if (incidents !== undefined) {
		// With --incidents: a whole data directory of .json files, as the TUI bench loads it.
		const written = writeSynthDataDir(out, { incidents: m, articles: n, seed });
		process.stdout.write(
			`${m} synthetic incidents and ${n} articles (seed ${seed}) written to ${out}: ${(written.bytes / 1e6).toFixed(1)} MB of JSON\n`,
		);
		return;
	}
	mkdirSync(out, { recursive: true });
	const articles = synthArticles(n, seed);
	writeFileSync(join(out, 'articles.jsonl'), `${articles.map((a) => JSON.stringify(a)).join('\n')}\n`);
	const data = fileURLToPath(new URL('../../data/', import.meta.url));
	for (const name of ['actors.json', 'countries.json']) copyFileSync(join(data, name), join(out, name));
	process.stdout.write(`${n} synthetic articles (seed ${seed}) written to ${join(out, 'articles.jsonl')}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
