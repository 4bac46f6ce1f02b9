// The two worlds synthetic records are drawn from. "classic" is what
// synthIncidents/synthArticles have always made (the benchmarks' figures were
// measured on it: its random draws must not change). "wide" is the bench data
// for issue 18: ten countries, every incident type at ACLED-like rates, ten
// years, heavy-tailed tolls, coordinates near real towns, 1–3 KB articles and
// incidents citing articles by id. Every hook takes exactly the draws it needs,
// in a fixed order, so a seed gives the same records on every run.
import { INCIDENT_TYPES, type IncidentType } from '../../source/core/schemaBase.js';
import {
	ACTORS,
	CAPITALS,
	CENTRES,
	COUNTRY_NAMES,
	COUNTRY_WEIGHTS,
	PLACES,
	type Place,
	type SynthActor,
	TYPES,
} from './synthWords.js';

export type Rnd = () => number;
export type WorldName = 'classic' | 'wide';
export type SynthType = readonly [label: IncidentType, act: string, noun: string];

export interface World {
	name: WorldName;
	actors: SynthActor[];
	persons: SynthActor[];
	weights: [string, number][];
	places: Record<string, Place[]>;
	capitals: Record<string, string>;
	/** Name of the country attackers are said to have come from. */
	neighbour(country: string): string;
	/** The actors a record in this country is mostly about. */
	localActors(country: string): SynthActor[];
	pickType(rnd: Rnd): SynthType;
	/** Days since 1970-01-01. */
	day(rnd: Rnd): number;
	coords(rnd: Rnd, country: string, place: Place): [number, number];
	fatalities(rnd: Rnd): number | undefined;
	injured(rnd: Rnd): number | undefined;
	/** Characters of body text to write, at least. */
	articleLength(rnd: Rnd): number;
	/** Some incidents cite an article of the same data set by id. */
	citesArticles: boolean;
	/** An incident's description gives its own date and toll (classic's draws them apart). */
	textAgrees: boolean;
}

const DAY_MS = 86_400_000;
const round = (x: number, places: number) => Math.round(x * 10 ** places) / 10 ** places;

const CLASSIC_FIRST = Date.UTC(2019, 0, 1) / DAY_MS;
const CLASSIC_LAST = Date.UTC(2025, 11, 31) / DAY_MS;

export const classic: World = {
	name: 'classic',
	actors: ACTORS,
	persons: ACTORS.filter((a) => a.person),
	weights: COUNTRY_WEIGHTS,
	places: PLACES,
	capitals: CAPITALS,
	neighbour: (country) => COUNTRY_NAMES[country === 'AF' ? 'PK' : 'AF'] ?? 'Afghanistan',
	localActors(country) {
		const local = ACTORS.filter((a) => a.country === country);
		return local.length ? local : ACTORS;
	},
	pickType: (rnd) => TYPES[Math.floor(rnd() * TYPES.length)] as unknown as SynthType,
	day: (rnd) => CLASSIC_FIRST + Math.floor(rnd() * (CLASSIC_LAST - CLASSIC_FIRST + 1)),
	coords(rnd, country) {
		const [lat, lon] = CENTRES[country] ?? [34, 66];
		return [round(lat + (rnd() - 0.5) * 2, 3), round(lon + (rnd() - 0.5) * 2, 3)];
	},
	fatalities: (rnd) => (rnd() < 0.8 ? Math.floor(rnd() ** 3 * 40) : undefined),
	injured: (rnd) => (rnd() < 0.5 ? Math.floor(rnd() ** 2 * 60) : undefined),
	articleLength: (rnd) => 1000 + Math.floor(rnd() * 5000),
	citesArticles: false,
	textAgrees: false,
};

// Ids from data/actors.json; `also` lets a group act beyond its home country.
const ALSO: Record<string, string[]> = {
	taliban: ['PK'],
	iskp: ['PK', 'IR', 'TJ', 'UZ', 'TM', 'RU'],
	'islamic-state': ['RU', 'TJ', 'KZ'],
	ttp: ['AF'],
	bla: ['IR'],
	'jaish-al-adl': ['PK'],
	'al-qaeda': ['PK', 'IN'],
};
const WIDE_ACTORS: SynthActor[] = [
	...ACTORS.map((a) => (ALSO[a.id] ? { ...a, also: ALSO[a.id] } : a)),
	{ id: 'pakistan-government', names: ['the Pakistani government', 'officials in Islamabad'], country: 'PK' },
	{ id: 'iran-government', names: ['the Iranian government', 'Iranian officials'], country: 'IR' },
	{ id: 'jaish-al-fursan', names: ['Jaish al-Fursan'], country: 'PK' },
	{ id: 'tajik-military', names: ['Tajik border troops', 'the Tajik armed forces'], country: 'TJ', also: ['KG'] },
	{ id: 'kyrgyz-military', names: ['Kyrgyz border guards', 'the Kyrgyz armed forces'], country: 'KG', also: ['TJ'] },
	{ id: 'kazakhstan-government', names: ['the Kazakh government', 'Kazakh security forces'], country: 'KZ' },
	{ id: 'uzbekistan-government', names: ['the Uzbek government', 'Uzbek security services'], country: 'UZ' },
	{ id: 'indian-military', names: ['the Indian Army', 'Indian troops'], country: 'IN', also: ['PK'] },
	{ id: 'us-military', names: ['US forces', 'the US military'], country: 'AF' },
	{ id: 'ahmad-massoud', names: ['Ahmad Massoud', 'NRF leader Ahmad Massoud'], country: 'AF', person: true },
	{
		id: 'rahimullah-haqqani',
		names: ['Rahimullah Haqqani', 'the cleric Rahimullah Haqqani'],
		country: 'AF',
		person: true,
	},
];

// Towns with their coordinates; a record lands within ~10 km of one, so inside its country.
const WIDE_PLACES: Record<string, Place[]> = {
	AF: [
		['Kabul', 'Kabul', 34.53, 69.17],
		['Kandahar', 'Kandahar', 31.61, 65.71],
		['Herat', 'Herat', 34.35, 62.2],
		['Mazar-i-Sharif', 'Balkh', 36.71, 67.11],
		['Jalalabad', 'Nangarhar', 34.43, 70.45],
		['Kunduz', 'Kunduz', 36.73, 68.86],
		['Khost', 'Khost', 33.34, 69.92],
		['Ghazni', 'Ghazni', 33.55, 68.42],
		['Asadabad', 'Kunar', 34.87, 71.15],
		['Lashkar Gah', 'Helmand', 31.59, 64.37],
		['Faizabad', 'Badakhshan', 37.12, 70.58],
		['Sharana', 'Paktika', 33.14, 68.79],
		['Bazarak', 'Panjshir', 35.31, 69.52],
	],
	PK: [
		['Peshawar', 'Khyber Pakhtunkhwa', 34.01, 71.58],
		['Quetta', 'Balochistan', 30.18, 66.99],
		['Karachi', 'Sindh', 24.92, 67.08],
		['Bannu', 'Khyber Pakhtunkhwa', 32.99, 70.6],
		['Dera Ismail Khan', 'Khyber Pakhtunkhwa', 31.83, 70.9],
		['Miranshah', 'North Waziristan', 33.0, 70.07],
		['Wana', 'South Waziristan', 32.3, 69.57],
		['Khar', 'Bajaur', 34.73, 71.52],
		['Mastung', 'Balochistan', 29.8, 66.85],
		['Gwadar', 'Balochistan', 25.2, 62.35],
		['Turbat', 'Balochistan', 26.0, 63.05],
		['Lakki Marwat', 'Khyber Pakhtunkhwa', 32.61, 70.91],
		['Islamabad', 'Islamabad', 33.69, 73.05],
	],
	IR: [
		['Zahedan', 'Sistan and Baluchestan', 29.5, 60.86],
		['Saravan', 'Sistan and Baluchestan', 27.37, 62.33],
		['Chabahar', 'Sistan and Baluchestan', 25.35, 60.65],
		['Kerman', 'Kerman', 30.28, 57.08],
		['Shiraz', 'Fars', 29.59, 52.58],
		['Mashhad', 'Razavi Khorasan', 36.3, 59.61],
		['Tehran', 'Tehran', 35.69, 51.39],
	],
	TJ: [
		['Dushanbe', 'Dushanbe', 38.56, 68.79],
		['Khorog', 'Gorno-Badakhshan', 37.49, 71.55],
		['Isfara', 'Sughd', 40.13, 70.63],
		['Panj', 'Khatlon', 37.3, 69.1],
	],
	UZ: [
		['Termez', 'Surxondaryo', 37.25, 67.28],
		['Tashkent', 'Tashkent', 41.3, 69.24],
		['Andijan', 'Andijan', 40.78, 72.34],
		['Nukus', 'Karakalpakstan', 42.46, 59.61],
	],
	TM: [
		['Ashgabat', 'Ashgabat', 37.95, 58.38],
		['Mary', 'Mary', 37.6, 61.83],
		['Serhetabat', 'Mary', 35.33, 62.35],
		['Turkmenabat', 'Lebap', 39.07, 63.58],
	],
	KG: [
		['Bishkek', 'Bishkek', 42.87, 74.59],
		['Osh', 'Osh', 40.51, 72.8],
		['Batken', 'Batken', 40.06, 70.82],
		['Jalal-Abad', 'Jalal-Abad', 40.93, 73.0],
	],
	KZ: [
		['Almaty', 'Almaty', 43.24, 76.89],
		['Astana', 'Astana', 51.17, 71.45],
		['Aktobe', 'Aktobe', 50.28, 57.17],
		['Zhanaozen', 'Mangystau', 43.34, 52.86],
		['Taraz', 'Zhambyl', 42.9, 71.37],
	],
	RU: [
		['Moscow', 'Moscow', 55.76, 37.62],
		['Krasnogorsk', 'Moscow Oblast', 55.82, 37.33],
		['Makhachkala', 'Dagestan', 42.98, 47.5],
		['Derbent', 'Dagestan', 42.06, 48.29],
		['Nalchik', 'Kabardino-Balkaria', 43.49, 43.61],
	],
	IN: [
		['Srinagar', 'Jammu and Kashmir', 34.08, 74.8],
		['Pahalgam', 'Jammu and Kashmir', 34.01, 75.32],
		['Poonch', 'Jammu and Kashmir', 33.77, 74.09],
		['Amritsar', 'Punjab', 31.63, 74.87],
		['New Delhi', 'Delhi', 28.61, 77.21],
	],
};

// Mostly Afghanistan and Pakistan, as in the region's event data; RU and IN for the attacks abroad.
const WIDE_WEIGHTS: [string, number][] = [
	['AF', 0.4],
	['PK', 0.36],
	['IR', 0.08],
	['TJ', 0.04],
	['UZ', 0.02],
	['TM', 0.01],
	['KG', 0.03],
	['KZ', 0.02],
	['RU', 0.02],
	['IN', 0.02],
];
const WIDE_NAMES: Record<string, string> = {
	AF: 'Afghanistan',
	PK: 'Pakistan',
	IR: 'Iran',
	TJ: 'Tajikistan',
	UZ: 'Uzbekistan',
	TM: 'Turkmenistan',
	KG: 'Kyrgyzstan',
	KZ: 'Kazakhstan',
	RU: 'Russia',
	IN: 'India',
};
const WIDE_NEIGHBOUR: Record<string, string> = {
	AF: 'PK',
	PK: 'AF',
	IR: 'PK',
	TJ: 'AF',
	UZ: 'AF',
	TM: 'AF',
	KG: 'TJ',
	KZ: 'UZ',
	RU: 'TJ',
	IN: 'PK',
};
const WIDE_CAPITALS: Record<string, string> = {
	...CAPITALS,
	TM: 'Ashgabat',
	KG: 'Bishkek',
	KZ: 'Astana',
	RU: 'Moscow',
	IN: 'New Delhi',
};

// Every type of core/schemaBase, with a phrase and rough shares of the region's event data.
const WIDE_TYPES: Record<IncidentType, [act: string, noun: string, share: number]> = {
	'suicide bombing': ['a suicide bomber struck', 'suicide bombing', 0.03],
	bombing: ['a bomb exploded near', 'bombing', 0.08],
	IED: ['a roadside bomb hit', 'roadside bombing', 0.12],
	'targeted killing': ['gunmen shot dead an official at', 'targeted killing', 0.12],
	'armed assault': ['gunmen stormed', 'assault', 0.12],
	'armed clash': ['fighters clashed with security forces near', 'clash', 0.22],
	airstrike: ['drones struck', 'airstrike', 0.07],
	'rocket attack': ['rockets landed near', 'rocket attack', 0.05],
	'cross-border shelling': ['artillery shells fell on', 'shelling', 0.04],
	abduction: ['armed men abducted workers from', 'abduction', 0.06],
	execution: ['militants publicly executed two men at', 'execution', 0.02],
	protest: ['protesters gathered outside', 'protest', 0.04],
	other: ['an explosion of unknown origin damaged', 'incident', 0.02],
};
const WIDE_TYPE_LIST: SynthType[] = INCIDENT_TYPES.map(([label]) => [
	label,
	WIDE_TYPES[label][0],
	WIDE_TYPES[label][1],
]);
const WIDE_TYPE_CUMULATIVE = (() => {
	let acc = 0;
	const shares = INCIDENT_TYPES.map(([label]) => WIDE_TYPES[label][2]);
	const total = shares.reduce((a, b) => a + b, 0);
	return shares.map((s) => {
		acc += s / total;
		return acc;
	});
})();

const WIDE_LAST = Date.UTC(2025, 11, 31) / DAY_MS;
const WIDE_SPAN = WIDE_LAST - Date.UTC(2016, 0, 1) / DAY_MS;

/** 1, 2, 3... with P(≥ k) = k^-alpha (a Pareto tail), capped: most are 1–3, a few are large. */
const tail = (rnd: Rnd, alpha: number, cap: number) => Math.min(cap, Math.floor((1 - rnd()) ** (-1 / alpha)));

export const wide: World = {
	name: 'wide',
	actors: WIDE_ACTORS,
	persons: WIDE_ACTORS.filter((a) => a.person),
	weights: WIDE_WEIGHTS,
	places: WIDE_PLACES,
	capitals: WIDE_CAPITALS,
	neighbour: (country) => WIDE_NAMES[WIDE_NEIGHBOUR[country] ?? 'AF'] ?? 'Afghanistan',
	localActors(country) {
		const local = WIDE_ACTORS.filter((a) => a.country === country || a.also?.includes(country));
		return local.length ? local : WIDE_ACTORS;
	},
	pickType(rnd) {
		const r = rnd();
		const i = WIDE_TYPE_CUMULATIVE.findIndex((c) => r < c);
		return WIDE_TYPE_LIST[i < 0 ? WIDE_TYPE_LIST.length - 1 : i] as SynthType;
	},
	// 2016-01-01 to 2025-12-31, denser in recent years as reporting grew.
	day: (rnd) => WIDE_LAST - Math.floor(WIDE_SPAN * rnd() ** 1.3),
	coords(rnd, _country, place) {
		const [, , lat = 34, lon = 66] = place;
		return [round(lat + (rnd() - 0.5) * 0.2, 4), round(lon + (rnd() - 0.5) * 0.2, 4)];
	},
	// ~12% with no figure; of the rest ~42% none killed, then 1, 2, 3... with rare mass-casualty attacks.
	fatalities: (rnd) => (rnd() < 0.12 ? undefined : rnd() < 0.42 ? 0 : tail(rnd, 1.3, 350)),
	injured: (rnd) => (rnd() < 0.45 ? undefined : rnd() < 0.35 ? 0 : tail(rnd, 1.1, 600)),
	articleLength: (rnd) => 700 + Math.floor(rnd() * 1900),
	citesArticles: true,
	textAgrees: true,
};

export const WORLDS: Record<WorldName, World> = { classic, wide };
