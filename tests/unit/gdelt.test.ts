// GDELT 2.0 Events (core/feeds/gdelt.ts): the export's 61 columns, events as
// incidents (CAMEO types, FIPS countries, places), the root-code and country
// filters, GDELT's repeats, bad rows, and the file lists. The export fixture is
// invented rows in GDELT's layout (tests/fixtures/feeds/gdelt-sample.export.CSV).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
	DEFAULT_ROOT_CODES,
	dedupeGdelt,
	FIPS_TO_ISO,
	GDELT_COLUMNS,
	type GdeltEvent,
	gdeltIncident,
	parseGdeltExport,
	parseGdeltIndex,
} from '../../source/core/feeds/gdelt.js';
import { fastIncident } from '../../source/core/recordCheck.js';
import { incidentSchema } from '../../source/core/schema.js';

const tsv = readFileSync(fileURLToPath(new URL('../fixtures/feeds/gdelt-sample.export.CSV', import.meta.url)), 'utf8');
const parsed = parseGdeltExport(tsv);
const WANTED = { countries: new Set(['AF', 'PK', 'TJ']) };

/** The last event parsed with this id (the fixture gives one id twice). */
function event(id: string): GdeltEvent {
	const ev = parsed.events.filter((e) => e.id === id).at(-1);
	if (!ev) throw new Error(`no event ${id} in the fixture`);
	return ev;
}

function incidentOf(id: string, opts: Parameters<typeof gdeltIncident>[1] = WANTED): Record<string, unknown> {
	const r = gdeltIncident(event(id), opts);
	if (!('incident' in r)) throw new Error(`event ${id} skipped: ${r.skip}`);
	return r.incident;
}

describe('the export layout', () => {
	it('names 61 columns in GDELT 2.0 order (ADM2Code in each geography block)', () => {
		expect(GDELT_COLUMNS).toHaveLength(61);
		expect(new Set(GDELT_COLUMNS).size).toBe(61);
		const at = (name: string) => GDELT_COLUMNS.indexOf(name);
		expect([at('GLOBALEVENTID'), at('Actor1Name'), at('Actor2Name'), at('IsRootEvent'), at('EventCode')]).toEqual([
			0, 6, 16, 25, 26,
		]);
		expect([at('EventRootCode'), at('GoldsteinScale'), at('NumMentions'), at('AvgTone')]).toEqual([28, 30, 31, 34]);
		expect([at('Actor1Geo_Type'), at('Actor2Geo_Type'), at('ActionGeo_Type')]).toEqual([35, 43, 51]);
		expect([at('ActionGeo_FullName'), at('ActionGeo_CountryCode'), at('ActionGeo_ADM1Code')]).toEqual([52, 53, 54]);
		expect([at('ActionGeo_Lat'), at('ActionGeo_Long'), at('ActionGeo_FeatureID')]).toEqual([56, 57, 58]);
		expect([at('DATEADDED'), at('SOURCEURL')]).toEqual([59, 60]);
	});

	it('reads every good row and skips each bad one with its line number and why', () => {
		expect(parsed.events).toHaveLength(14);
		expect(parsed.skipped).toEqual([
			{ line: 1, reason: 'expected 61 tab-separated columns, found 1' },
			{ line: 14, reason: 'SQLDATE "20261302" is not a date YYYYMMDD' },
			{ line: 15, reason: 'NumMentions "x" is not a whole number' },
			{ line: 16, reason: 'EventCode "190" is not a CAMEO code under root 18' },
			{ line: 18, reason: 'expected 61 tab-separated columns, found 60' },
		]);
	});

	it('reads an event’s fields', () => {
		expect(parsed.events[0]).toEqual({
			id: '1290000001',
			day: '2026-12-07',
			added: '2026-12-07T09:30:00Z',
			rootCode: '18',
			eventCode: '1831',
			actor1: 'MILITANT',
			actor2: 'POLICE',
			actor1Code: 'AFGREB',
			actor2Code: 'AFGCOP',
			actor1Country: 'AFG',
			actor2Country: 'AFG',
			fips: 'AF',
			place: 'Kabul, Kabol, Afghanistan',
			adm1: 'AF13',
			geoType: 4,
			lat: 34.5167,
			lon: 69.1833,
			featureId: '-3378435',
			mentions: 24,
			sources: 6,
			articles: 20,
			goldstein: -10,
			isRoot: true,
			url: 'https://news.example/af/kabul-blast',
		});
		// No place, no address: the fields are left out, not empty.
		expect(event('1290000010')).not.toHaveProperty('fips');
		expect(event('1290000008')).not.toHaveProperty('url');
	});

	it('takes CRLF line ends and a byte-order mark, and throws for nothing', () => {
		const crlf = parseGdeltExport(`\uFEFF${tsv.replace(/\n/g, '\r\n')}`);
		expect(crlf.events).toEqual(parsed.events);
		expect(crlf.skipped).toEqual(parsed.skipped);
		expect(parseGdeltExport('')).toEqual({ events: [], skipped: [] });
		expect(parseGdeltExport('not\ta\tgdelt\tfile').skipped).toEqual([
			{ line: 1, reason: 'expected 61 tab-separated columns, found 4' },
		]);
	});
});

describe('hostile text in an export', () => {
	const row = tsv.split('\n')[1] as string;
	const cells = row.split('\t');
	const with_ = (i: number, v: string) => cells.map((c, j) => (j === i ? v : c)).join('\t');

	it('a reason quotes what it found with control characters escaped', () => {
		const r = parseGdeltExport(with_(0, '12\u001b[2J'));
		expect(r.skipped).toEqual([{ line: 1, reason: 'GLOBALEVENTID "12\\u001b[2J" is not a number' }]);
		expect(r.skipped[0]?.reason).not.toContain('\u001b');
	});

	it('the event keeps names as written; the incident record has them cleaned', () => {
		const hostile = parseGdeltExport(with_(GDELT_COLUMNS.indexOf('Actor2Name'), 'POLICE\u001b]0;owned\u0007\u202e'))
			.events[0] as GdeltEvent;
		expect(hostile.actor2).toBe('POLICE\u001b]0;owned\u0007\u202e');
		const r = gdeltIncident(hostile, WANTED);
		if (!('incident' in r)) throw new Error(r.skip);
		expect(r.incident.targets).toEqual(['POLICE']);
		expect(JSON.stringify(r.incident)).not.toMatch(/\\u001b|\\u0007|\\u202e|\u202e/);
	});
});

describe('FIPS 10-4 to ISO 3166-1', () => {
	it('maps the region’s codes, and the ones where FIPS and ISO differ', () => {
		expect(FIPS_TO_ISO).toMatchObject({
			AF: 'AF',
			PK: 'PK',
			IR: 'IR',
			TI: 'TJ',
			UZ: 'UZ',
			TX: 'TM',
			KG: 'KG',
			KZ: 'KZ',
			IN: 'IN',
			CH: 'CN',
			RS: 'RU',
			IZ: 'IQ',
			SY: 'SY',
			TU: 'TR',
		});
		for (const iso of Object.values(FIPS_TO_ISO)) expect(iso).toMatch(/^[A-Z]{2}$/);
	});
});

describe('events as incidents', () => {
	it('a suicide bombing in Kabul: a record the schema and the fast check take as it is', () => {
		const inc = incidentOf('1290000001');
		expect(inc).toEqual({
			id: 'gdelt-1290000001',
			date: '2026-12-07',
			country: 'AF',
			admin1: 'Kabol',
			location: 'Kabul',
			lat: 34.5167,
			lon: 69.1833,
			type: 'suicide bombing',
			perpetrators: [],
			targets: ['POLICE'],
			description:
				'Machine-coded GDELT event (CAMEO 1831, "carry out suicide bombing"): MILITANT against POLICE, in Kabul, Kabol, Afghanistan; 41 mentions in 11 sources.',
			sources: [{ dataset: 'GDELT 2.0 Events', ref: '1290000001', cited: 'https://news.example/af/kabul-blast-toll' }],
			tags: ['gdelt'],
			machineCoded: true,
		});
		const zod = incidentSchema.safeParse(structuredClone(inc));
		expect(zod.success).toBe(true);
		expect(JSON.stringify(fastIncident(structuredClone(inc)))).toBe(JSON.stringify(zod.data));
	});

	it.each([
		['1290000002', { type: 'IED', country: 'PK', admin1: 'Balochistan', location: 'Quetta' }],
		// 196 between two states' forces: fire across a border.
		['1290000004', { type: 'cross-border shelling', country: 'TJ', admin1: 'Sughd', location: 'Isfara' }],
		// 196 between a state and an armed group at home: fighting.
		['1290000009', { type: 'armed clash', country: 'PK' }],
		['1290000007', { type: 'airstrike', country: 'PK', admin1: 'Khyber Pakhtunkhwa', lat: 34, lon: 72 }],
		['1290000008', { type: 'armed clash', country: 'AF' }],
		['1290000016', { type: 'abduction', country: 'AF', targets: [] }],
	])('%s → %o', (id, expected) => {
		const inc = incidentOf(id);
		expect(inc).toMatchObject(expected);
		expect(incidentSchema.safeParse(inc).success).toBe(true);
	});

	it('keeps no point for a country-wide event (a centroid is no place), and no address it was not given', () => {
		const inc = incidentOf('1290000008');
		for (const k of ['admin1', 'location', 'lat', 'lon']) expect(inc).not.toHaveProperty(k);
		expect(inc.sources).toEqual([{ dataset: 'GDELT 2.0 Events', ref: '1290000008' }]);
		expect(incidentOf('1290000007')).not.toHaveProperty('location');
	});

	it('says in the description when an actor is not named, and when the event was not the article’s main one', () => {
		expect(incidentOf('1290000016').description).toBe(
			'Machine-coded GDELT event (CAMEO 181, "abduct, hijack, or take hostage"): MILITANT (no target named), in Afghanistan; 3 mentions in 1 source.',
		);
		const { actor1: _, ...onlyTarget } = event('1290000002');
		const { actor2: __, ...nobody } = onlyTarget;
		const described = (ev: GdeltEvent) => {
			const r = gdeltIncident(ev, WANTED);
			return 'incident' in r ? r.incident.description : r.skip;
		};
		expect(described(onlyTarget)).toMatch(/\): an actor not named against SOLDIER, in Quetta, /);
		expect(described(nobody)).toMatch(/\): no actors named, in Quetta, /);
		expect(incidentOf('1290000007').description).toMatch(
			/\(CAMEO 195, "employ aerial weapons"\): PAKISTAN against MILITANT, in Khyber Pakhtunkhwa, Pakistan; 6 mentions in 2 sources\. Not the main event of the article it was coded from\.$/,
		);
	});

	it('skips, with the reason, events outside the countries or root codes asked for', () => {
		expect(gdeltIncident(event('1290000005'), WANTED)).toEqual({ skip: 'in US, not among the countries asked for' });
		expect(gdeltIncident(event('1290000006'), WANTED)).toEqual({
			skip: 'CAMEO root 14 ("protest") is not among the root codes asked for (18, 19, 20)',
		});
		expect(gdeltIncident(event('1290000010'), WANTED)).toEqual({
			skip: 'no country: GDELT gives no place for the event',
		});
		expect(gdeltIncident(event('1290000011'), WANTED)).toEqual({
			skip: 'country "OD" (FIPS 10-4) is not one sitrep knows',
		});
		expect(gdeltIncident(event('1290000004'), { countries: new Set(['AF']) })).toEqual({
			skip: 'in TJ, not among the countries asked for',
		});
	});

	it('takes the root codes asked for: 18–20 by default, others when named', () => {
		expect(DEFAULT_ROOT_CODES).toEqual(['18', '19', '20']);
		const protest = incidentOf('1290000006', { ...WANTED, rootCodes: new Set(['14']) });
		expect(protest).toMatchObject({ type: 'protest', targets: ['GOVERNMENT'] });
		expect(gdeltIncident(event('1290000001'), { ...WANTED, rootCodes: new Set(['19']) })).toEqual({
			skip: 'CAMEO root 18 ("assault") is not among the root codes asked for (19)',
		});
	});

	it('every event of the fixture is an incident the schema takes, or a skip with a reason', () => {
		for (const ev of parsed.events) {
			const r = gdeltIncident(ev, { countries: new Set(Object.values(FIPS_TO_ISO)) });
			if ('skip' in r) expect(r.skip).toMatch(/\w/);
			else expect(incidentSchema.safeParse(r.incident).success, ev.id).toBe(true);
		}
	});
});

describe('dedupeGdelt', () => {
	it('one event per id (the copy added last), one per story (the most mentioned), order kept', () => {
		const { kept, duplicates } = dedupeGdelt(parsed.events);
		expect(duplicates).toBe(2);
		expect(kept.map((e) => e.id)).toEqual([
			'1290000002', // 1290000003 is the same story with fewer mentions
			'1290000004',
			'1290000005',
			'1290000006',
			'1290000001', // the later copy, with 41 mentions
			'1290000007',
			'1290000008',
			'1290000009',
			'1290000010',
			'1290000011',
			'1290000016', // no place: never merged with 1290000017
			'1290000017',
		]);
		expect(kept.find((e) => e.id === '1290000001')?.mentions).toBe(41);
	});

	it('a later, more-mentioned telling of a story replaces the first; on a tie the first stays', () => {
		const a = event('1290000002');
		const more = { ...a, id: '2', mentions: a.mentions + 1 };
		const tie = { ...a, id: '3' };
		expect(dedupeGdelt([a, more]).kept.map((e) => e.id)).toEqual(['2']);
		expect(dedupeGdelt([a, tie])).toEqual({ kept: [a], duplicates: 1 });
		// Another day, code, actor or place is another event.
		for (const other of [{ day: '2026-12-08' }, { eventCode: '1831' }, { actor2Code: 'PAKCOP' }, { featureId: '1' }]) {
			expect(dedupeGdelt([a, { ...a, id: '4', ...other }]).duplicates).toBe(0);
		}
	});

	it('the same id added at the same time: the later in the list stands', () => {
		const a = event('1290000002');
		const again = { ...a, mentions: 1 };
		expect(dedupeGdelt([a, again]).kept).toEqual([again]);
	});
});

describe('parseGdeltIndex', () => {
	it('reads "SIZE MD5 URL" lines and leaves out the rest', () => {
		const text = [
			'151230 0f6a4ef7b3a36b6d5a22b0b6d3c8e0a1 http://data.gdeltproject.org/gdeltv2/20261207093000.export.CSV.zip',
			'301220 A1B2C3D4E5F60718293A4B5C6D7E8F90 http://data.gdeltproject.org/gdeltv2/20261207093000.mentions.CSV.zip\r',
			'',
			'not a line',
			'12x 0f6a4ef7b3a36b6d5a22b0b6d3c8e0a1 http://data.gdeltproject.org/gdeltv2/a.zip',
			'12 0f6a4ef7b3a36b6d5a22b0b6d3c8e0a http://data.gdeltproject.org/gdeltv2/short-md5.zip',
			'12 0f6a4ef7b3a36b6d5a22b0b6d3c8e0a1 ftp://data.gdeltproject.org/gdeltv2/b.zip',
			'12 0f6a4ef7b3a36b6d5a22b0b6d3c8e0a1 http://x.example/c.zip extra',
		].join('\n');
		expect(parseGdeltIndex(text)).toEqual([
			{
				size: 151230,
				md5: '0f6a4ef7b3a36b6d5a22b0b6d3c8e0a1',
				url: 'http://data.gdeltproject.org/gdeltv2/20261207093000.export.CSV.zip',
			},
			{
				size: 301220,
				md5: 'a1b2c3d4e5f60718293a4b5c6d7e8f90',
				url: 'http://data.gdeltproject.org/gdeltv2/20261207093000.mentions.CSV.zip',
			},
		]);
	});
});
