// Country names as event data sets spell them -> ISO 3166-1 alpha-2. English
// names come from the runtime's ICU data; the table below covers the forms
// UCDP and ACLED use that ICU does not ("DR Congo (Zaire)", "Ivory Coast").
import { fold } from '../../core/fold.js';

const EXTRA: Record<string, string> = {
	'dr congo': 'CD',
	'democratic republic of congo': 'CD',
	'democratic republic of the congo': 'CD',
	'republic of congo': 'CG',
	'ivory coast': 'CI',
	'cote d ivoire': 'CI',
	eswatini: 'SZ',
	'kingdom of eswatini': 'SZ',
	swaziland: 'SZ',
	turkey: 'TR',
	'czech republic': 'CZ',
	macedonia: 'MK',
	'macedonia fyr': 'MK',
	burma: 'MM',
	myanmar: 'MM',
	'united states of america': 'US',
	usa: 'US',
	'united kingdom': 'GB',
	palestine: 'PS',
	'east timor': 'TL',
	'bosnia herzegovina': 'BA',
	'north korea': 'KP',
	'south korea': 'KR',
	'cape verde': 'CV',
	'vatican city': 'VA',
	'the gambia': 'GM',
	russia: 'RU',
	'soviet union': 'RU',
	yugoslavia: 'RS',
	kampuchea: 'KH',
	zaire: 'CD',
	rhodesia: 'ZW',
	'north yemen': 'YE',
	'south yemen': 'YE',
};

/** ISO 3166 numeric (ACLED's `iso`) for the region and its neighbours. */
const NUMERIC: Record<string, string> = {
	'4': 'AF',
	'586': 'PK',
	'364': 'IR',
	'762': 'TJ',
	'860': 'UZ',
	'795': 'TM',
	'417': 'KG',
	'398': 'KZ',
	'643': 'RU',
	'356': 'IN',
	'156': 'CN',
	'368': 'IQ',
	'760': 'SY',
	'792': 'TR',
};

/** Gleditsch–Ward state numbers (UCDP's country_id) for the region. */
const GLEDITSCH_WARD: Record<string, string> = {
	'700': 'AF',
	'770': 'PK',
	'630': 'IR',
	'702': 'TJ',
	'704': 'UZ',
	'701': 'TM',
	'703': 'KG',
	'705': 'KZ',
	'365': 'RU',
	'750': 'IN',
	'710': 'CN',
	'645': 'IQ',
	'652': 'SY',
	'640': 'TR',
};

/** ISO alpha-3 (HDX's iso3) for the region and its neighbours. */
const ALPHA3: Record<string, string> = {
	AFG: 'AF',
	PAK: 'PK',
	IRN: 'IR',
	TJK: 'TJ',
	UZB: 'UZ',
	TKM: 'TM',
	KGZ: 'KG',
	KAZ: 'KZ',
	RUS: 'RU',
	IND: 'IN',
	CHN: 'CN',
	IRQ: 'IQ',
	SYR: 'SY',
	TUR: 'TR',
};

/** Retired and non-country codes ICU still names ("YU" is "Serbia" there). */
const RETIRED = new Set([
	'AN',
	'BU',
	'CS',
	'DD',
	'FX',
	'NT',
	'QU',
	'SU',
	'TP',
	'YD',
	'YU',
	'ZR',
	'EU',
	'EZ',
	'UN',
	'QO',
	'ZZ',
]);

let byName: Map<string, string> | undefined;
let names: Intl.DisplayNames | undefined;

function table(): Map<string, string> {
	if (byName) return byName;
	byName = new Map();
	names = new Intl.DisplayNames(['en'], { type: 'region' });
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	for (const a of letters) {
		for (const b of letters) {
			const code = a + b;
			let name: string | undefined;
			try {
				name = names.of(code);
			} catch {
				continue;
			}
			if (!name || name === code || RETIRED.has(code)) continue;
			if (!byName.has(fold(name))) byName.set(fold(name), code);
			// "Myanmar (Burma)", "Congo - Kinshasa": the first part alone names it too.
			const head = fold(name.replace(/\s*[(-].*$/, ''));
			if (head && !byName.has(head)) byName.set(head, code);
		}
	}
	for (const [name, code] of Object.entries(EXTRA)) byName.set(name, code);
	return byName;
}

/** The English name of a country code ("AF" -> "Afghanistan"). */
export function countryName(code: string): string {
	table();
	try {
		return names?.of(code) ?? code;
	} catch {
		return code;
	}
}

export interface CountryHints {
	name?: string;
	alpha3?: string;
	numeric?: string;
	gw?: string;
}

/** The alpha-2 code named by any of the hints (name first), or undefined. */
export function countryCode(hints: CountryHints): string | undefined {
	const t = table();
	const name = hints.name?.trim();
	if (name) {
		if (/^[A-Z]{2}$/.test(name)) return name;
		const key = fold(name);
		const direct = t.get(key);
		if (direct) return direct;
		// "Russia (Soviet Union)", "Yemen (North Yemen)": UCDP adds the historical name in brackets.
		const bare = fold(name.replace(/\s*\(.*\)\s*$/, ''));
		const found = t.get(bare) ?? t.get(bare.replace(/^(kingdom|republic|state) of /, ''));
		if (found) return found;
	}
	const alpha3 = hints.alpha3?.trim().toUpperCase();
	if (alpha3 && ALPHA3[alpha3]) return ALPHA3[alpha3];
	const numeric = hints.numeric?.trim().replace(/^0+/, '');
	if (numeric && NUMERIC[numeric]) return NUMERIC[numeric];
	const gw = hints.gw?.trim();
	if (gw && GLEDITSCH_WARD[gw]) return GLEDITSCH_WARD[gw];
	return undefined;
}
