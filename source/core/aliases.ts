// How the event data sets name the region's main actors. UCDP writes
// "Taleban" and calls ISKP "IS"; ACLED writes "Islamic State Khorasan
// Province" and dates its state forces ("Military Forces of Pakistan
// (2018-)"). Each entry says which sitrep actor those names mean, so an
// import merges them with the data's own actors — or creates the actor from
// this table when the data does not have it yet.
import type { ActorKind } from './schema.js';

export interface KnownActor {
	id: string;
	name: string;
	short?: string;
	kind: ActorKind;
	countries: string[];
	/** Names used by ACLED, UCDP and the press (matched case- and punctuation-insensitively). */
	aliases: string[];
	/** Names that mean this actor only in some countries or dates ("IS" in Afghanistan is ISKP). */
	scoped?: { alias: string; countries?: string[]; since?: string; until?: string }[];
	summary: string;
}

const KHORASAN = ['AF', 'PK', 'IR', 'TJ', 'UZ', 'TM', 'KG', 'KZ'];

export const KNOWN_ACTORS: KnownActor[] = [
	{
		id: 'taliban',
		name: 'Taliban',
		kind: 'group',
		countries: ['AF', 'PK'],
		aliases: ['Taleban', 'Afghan Taliban', 'Islamic Emirate of Afghanistan', 'Taliban (Afghanistan)'],
		scoped: [
			// After the fall of Kabul, both data sets code the Taliban as Afghanistan's state forces.
			{ alias: 'Government of Afghanistan', since: '2021-08-15' },
			{ alias: 'Military Forces of Afghanistan (2021-)' },
			{ alias: 'Police Forces of Afghanistan (2021-)' },
		],
		summary: 'Islamist movement that has governed Afghanistan as the Islamic Emirate since August 2021.',
	},
	{
		id: 'afghanistan-republic',
		name: 'Islamic Republic of Afghanistan',
		short: 'Afghan Republic',
		kind: 'state',
		countries: ['AF'],
		aliases: ['Military Forces of Afghanistan (2014-2021)', 'Police Forces of Afghanistan (2014-2021)'],
		// UCDP's "Government of Afghanistan" before December 2001 is another state (and, from 1996, rival claimants).
		scoped: [{ alias: 'Government of Afghanistan', since: '2001-12-22', until: '2021-08-14' }],
		summary:
			'The Afghan state and its security forces from the interim administration of December 2001 (the Islamic Republic from 2004) until the Taliban took Kabul in August 2021.',
	},
	{
		id: 'iskp',
		name: 'Islamic State Khorasan Province',
		short: 'ISKP',
		kind: 'group',
		countries: ['AF', 'PK'],
		aliases: [
			'ISKP',
			'IS-K',
			'ISIS-K',
			'IS-KP',
			'Islamic State (Afghanistan)',
			'Islamic State (Pakistan)',
			'Islamic State Khorasan',
			'Wilayat Khorasan',
		],
		// UCDP codes every Islamic State branch as "IS"; in this region that is the Khorasan province.
		scoped: [
			{ alias: 'IS', countries: KHORASAN },
			{ alias: 'Islamic State', countries: KHORASAN },
		],
		summary: 'The Islamic State affiliate for Afghanistan, Pakistan and Central Asia, active since 2015.',
	},
	{
		id: 'islamic-state',
		name: 'Islamic State',
		kind: 'group',
		countries: ['IQ', 'SY'],
		aliases: ['IS', 'ISIS', 'ISIL', 'Daesh', 'Islamic State (Iraq)', 'Islamic State (Syria)'],
		summary: 'Jihadist group that declared a caliphate in Iraq and Syria in 2014.',
	},
	{
		id: 'ttp',
		name: 'Tehrik-e-Taliban Pakistan',
		short: 'TTP',
		kind: 'group',
		countries: ['PK', 'AF'],
		aliases: [
			'TTP',
			'Tehreek-i-Taliban Pakistan',
			'Tehrik-i-Taliban Pakistan',
			'Tehreek-e-Taliban Pakistan',
			'Pakistani Taliban',
		],
		summary: 'Umbrella of Pakistani Taliban groups fighting the Pakistani state since 2007.',
	},
	{
		id: 'haqqani-network',
		name: 'Haqqani Network',
		kind: 'group',
		countries: ['AF', 'PK'],
		aliases: ['Haqqani Network', 'Haqqanis'],
		summary: 'Taliban faction led by the Haqqani family, based in Khost, Paktia and North Waziristan.',
	},
	{
		id: 'al-qaeda',
		name: 'al-Qaeda',
		kind: 'group',
		countries: ['AF', 'PK'],
		aliases: ['al-Qaida', "al-Qa'ida", 'Al Qaeda'],
		summary: 'Transnational jihadist organisation founded in 1988.',
	},
	{
		id: 'jamaat-ul-ahrar',
		name: 'Jamaat-ul-Ahrar',
		short: 'JuA',
		kind: 'group',
		countries: ['PK'],
		aliases: ['Jamaat ul Ahrar', "Jam'iyyat-ul-Ahrar", 'JuA'],
		summary: 'TTP splinter group formed in 2014, based in Mohmand.',
	},
	{
		id: 'bla',
		name: 'Balochistan Liberation Army',
		short: 'BLA',
		kind: 'group',
		countries: ['PK'],
		aliases: ['BLA', 'Baloch Liberation Army', 'BLA: Balochistan Liberation Army'],
		summary: 'Baloch separatist armed group in Pakistan.',
	},
	{
		id: 'blf',
		name: 'Balochistan Liberation Front',
		short: 'BLF',
		kind: 'group',
		countries: ['PK'],
		aliases: ['BLF', 'Baloch Liberation Front', 'BLF: Balochistan Liberation Front'],
		summary: 'Baloch separatist armed group in Pakistan.',
	},
	{
		id: 'bra',
		name: 'Baloch Republican Army',
		short: 'BRA',
		kind: 'group',
		countries: ['PK'],
		aliases: ['BRA', 'Balochistan Republican Army', 'BRA: Baloch Republican Army'],
		summary: 'Baloch separatist armed group in Pakistan.',
	},
	{
		id: 'lashkar-e-jhangvi',
		name: 'Lashkar-e-Jhangvi',
		short: 'LeJ',
		kind: 'group',
		countries: ['PK'],
		aliases: ['LeJ', 'Lashkar-e-Jhangvi', 'Lashkar-i-Jhangvi'],
		summary: 'Sectarian Sunni armed group in Pakistan.',
	},
	{
		id: 'lashkar-e-islam',
		name: 'Lashkar-e-Islam',
		kind: 'group',
		countries: ['PK'],
		aliases: ['Lashkar-i-Islam', 'LeI'],
		summary: 'Armed group of the Khyber tribal district in Pakistan.',
	},
	{
		id: 'imu',
		name: 'Islamic Movement of Uzbekistan',
		short: 'IMU',
		kind: 'group',
		countries: ['UZ', 'AF', 'PK'],
		aliases: ['IMU'],
		summary: 'Uzbek jihadist group, active in Afghanistan and Pakistan.',
	},
	{
		id: 'jaish-al-adl',
		name: 'Jaish al-Adl',
		kind: 'group',
		countries: ['IR', 'PK'],
		aliases: ['Jaish ul-Adl', 'Jeish al-Adl', 'Army of Justice'],
		summary: 'Baloch Sunni armed group fighting the Iranian state in Sistan and Baluchestan.',
	},
	{
		id: 'pakistan-government',
		name: 'Government of Pakistan',
		short: 'Pakistan govt',
		kind: 'state',
		countries: ['PK'],
		aliases: ['Government of Pakistan'],
		summary: 'The Pakistani state.',
	},
	{
		id: 'pakistan-military',
		name: 'Pakistan Armed Forces',
		short: 'Pakistan military',
		kind: 'state',
		countries: ['PK'],
		aliases: ['Military Forces of Pakistan', 'Pakistan Army'],
		summary: 'The armed forces of Pakistan.',
	},
	{
		id: 'pakistan-police',
		name: 'Police Forces of Pakistan',
		short: 'Pakistan police',
		kind: 'state',
		countries: ['PK'],
		aliases: ['Police Forces of Pakistan'],
		summary: 'The police forces of Pakistan.',
	},
	{
		id: 'iran-government',
		name: 'Islamic Republic of Iran',
		short: 'Iran govt',
		kind: 'state',
		countries: ['IR'],
		aliases: ['Government of Iran', 'Military Forces of Iran'],
		summary: 'The Iranian state.',
	},
	{
		id: 'us-military',
		name: 'United States Armed Forces',
		short: 'US military',
		kind: 'state',
		countries: ['US'],
		// UCDP's side in the Afghan and Pakistani conflicts is the US government acting through its forces.
		aliases: ['Government of United States of America', 'Military Forces of the United States'],
		summary: 'The armed forces of the United States.',
	},
];

/** Actor names that are not actors: the data sets' labels for victims, crowds and unknown attackers. */
export const NOT_ACTORS: { pattern: RegExp; label: string }[] = [
	{ pattern: /^civilians\b/i, label: 'civilians' },
	{ pattern: /^protesters\b/i, label: 'protesters' },
	{ pattern: /^rioters\b/i, label: 'rioters' },
	{ pattern: /^unidentified\b/i, label: 'unidentified armed group' },
	{ pattern: /^unknown\b/i, label: 'unidentified armed group' },
];
