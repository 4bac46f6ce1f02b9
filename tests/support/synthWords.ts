// The word lists and places the synthetic records are written from (tests/support/synthRecords.ts).
// The "classic" tables: changing an entry or its order changes every record of
// synthIncidents/synthArticles for a seed, which the benchmarks' figures were measured on.
// The wider world of the streamed bench data adds to them in synthWorld.ts.
export interface SynthActor {
	id: string;
	names: string[];
	country: string;
	person?: boolean;
	/** Other countries it acts in (the wide world only: the classic one matches on `country`). */
	also?: string[];
}

/** A town and its province; the wide world adds the town's coordinates. */
export type Place = [town: string, province: string, lat?: number, lon?: number];

// Ids match data/actors.json, so actor: filters work on the synthetic set.
export const ACTORS: SynthActor[] = [
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

export const PLACES: Record<string, Place[]> = {
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
export const COUNTRY_WEIGHTS: [string, number][] = [
	['AF', 0.45],
	['PK', 0.38],
	['IR', 0.1],
	['TJ', 0.04],
	['UZ', 0.03],
];
export const COUNTRY_NAMES: Record<string, string> = {
	AF: 'Afghanistan',
	PK: 'Pakistan',
	IR: 'Iran',
	TJ: 'Tajikistan',
	UZ: 'Uzbekistan',
};

export const CAPITALS: Record<string, string> = {
	AF: 'Kabul',
	PK: 'Islamabad',
	IR: 'Tehran',
	TJ: 'Dushanbe',
	UZ: 'Tashkent',
};

export const TYPES: [label: string, act: string, noun: string][] = [
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

export const TARGETS = [
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

export const ROLES = [
	'a district police chief',
	'a senior cleric',
	'a local commander',
	'a tribal elder',
	'a judge',
	'a journalist',
];
export const GIVEN = [
	'Abdul',
	'Mohammad',
	'Ahmad',
	'Gul',
	'Noor',
	'Zabihullah',
	'Rahmatullah',
	'Qari',
	'Mawlawi',
	'Haji',
];
export const SYL_A = [
	'Sher',
	'Gul',
	'Zar',
	'Noor',
	'Baz',
	'Dil',
	'Mir',
	'Shah',
	'Wali',
	'Amin',
	'Rah',
	'Saf',
	'Zam',
	'Qad',
];
export const SYL_B = [
	'a',
	'o',
	'i',
	'u',
	'e',
	'an',
	'ar',
	'in',
	'ul',
	'ab',
	'om',
	'es',
	'ir',
	'ak',
	'ud',
	'ez',
	'ay',
	'ow',
];
export const SYL_C = [
	'zai',
	'khel',
	'yar',
	'wal',
	'dad',
	'war',
	'ani',
	'ullah',
	'zad',
	'yan',
	'udin',
	'gul',
	'mal',
	'baz',
];

export const SENTENCES = [
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

export const TITLES = [
	'{Actor} claims {noun} on {target} in {place}',
	'{n} killed as {act} {target} in {place}',
	'{Noun} in {place}: what it says about {actor}',
	'{Person}, {role}, killed in {place}',
	'{Actor} and {actor2}: the struggle for {province}',
	'After the {place} {noun}, questions for {capital}',
	'{Figure} and the {province} front',
	'{Actor} steps up attacks on {target2} in {province}',
];

export const TARGET_GROUPS = [
	'security forces',
	'religious minorities',
	'government officials',
	'foreign workers',
	'Taliban commanders',
	'polio workers',
	'clerics',
	'tribal elders',
];
export const ORDINALS = ['second', 'third', 'fourth', 'fifth', 'sixth'];

export const CENTRES: Record<string, [number, number]> = {
	AF: [34.0, 66.5],
	PK: [30.5, 70.0],
	IR: [29.5, 60.5],
	TJ: [38.5, 69.5],
	UZ: [41.0, 64.5],
};
