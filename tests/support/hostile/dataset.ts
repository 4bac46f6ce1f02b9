// Data directories carrying the corpus: the bundled data plus one record per
// hostile string of each kind, every text field of that record holding the
// string after a marker (<<AT7>> = article title of string 7). The markers say
// where on the screen each string landed; the check reads from a marker to the
// next one. Legitimate scripts get records of their own (<<LT3>>...).
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE, LEGIT } from './corpus.js';

export const DATA_DIR = fileURLToPath(new URL('../../../data', import.meta.url));

/** The word every hostile and legitimate article contains, so one search lists them all. */
export const WORD = 'zebrafinch';

export const mark = (code: string, i: number) => `<<${code}${i}>>`;
/** Marker followed by the string: what a field holds. */
export const field = (code: string, i: number, text: string) => `${mark(code, i)} ${text}`;

/** Country codes for the hostile countries: none of them in the bundled data. */
export function countryCodeOf(i: number): string {
	const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
	const firsts = 'XQO';
	return `${firsts[Math.floor(i / 26)]}${letters[i % 26]}`;
}

export const HUB = 'hostile-hub';
export const actorId = (i: number) => `hostile-actor-${i}`;
export const legitActorId = (j: number) => `legit-actor-${j}`;
export const articleId = (i: number) => `hostile-art-${i}`;
export const incidentId = (i: number) => `hostile-inc-${i}`;

/** The newest day in the data: the hostile incidents come first in every list. */
export const DAY = '2025-03-12';

/** A file name carrying the string: "/" cannot be in one, NUL neither, and 255 bytes at most. */
export function fileNameOf(i: number, text: string): string | undefined {
	if (text.includes('\u0000')) return undefined;
	let name = `${mark('FN', i)} ${text.replace(/\//g, '_')}`;
	while (Buffer.byteLength(`${name}.json`) > 250) name = name.slice(0, -1);
	return `${name}.json`;
}

function readList(file: string, key: string): unknown[] {
	const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown[]>;
	return json[key] ?? [];
}

function writeList(file: string, key: string, list: unknown[]): void {
	writeFileSync(file, `${JSON.stringify({ [key]: list }, null, 2)}\n`);
}

export interface HostileData {
	dir: string;
	/** Index of the strings that got a file of their own (some cannot be file names). */
	fileNamed: number[];
}

/** The bundled data with every hostile and legitimate record added, and badly named broken files. */
export function hostileDataDir(root = mkdtempSync(join(tmpdir(), 'sitrep-hostile-'))): HostileData {
	const dir = join(root, 'data');
	cpSync(DATA_DIR, dir, { recursive: true });
	const articles = readList(join(dir, 'articles.json'), 'articles');
	const incidents = readList(join(dir, 'incidents.json'), 'incidents');
	const actors = readList(join(dir, 'actors.json'), 'actors');
	const countries = readList(join(dir, 'countries.json'), 'countries');

	actors.push({
		id: HUB,
		name: 'Hostile Hub Front',
		short: 'HHF',
		kind: 'group',
		countries: ['AF'],
		summary: 'Every hostile actor is a member of this one, so its profile lists them all.',
	});
	HOSTILE.forEach((h, i) => {
		const t = h.text;
		const code = countryCodeOf(i);
		countries.push({
			code,
			name: field('CN', i, t),
			region: field('CR', i, t),
			notes: field('CO', i, t),
		});
		actors.push({
			id: actorId(i),
			name: field('NN', i, t),
			short: field('NS', i, t),
			aliases: [field('NA', i, t)],
			kind: 'group',
			status: field('NT', i, t),
			affiliations: [{ actor: HUB, relation: 'member', role: field('NR', i, t) }],
			countries: [code],
			summary: field('NU', i, t),
		});
		incidents.push({
			id: incidentId(i),
			date: DAY,
			country: code,
			admin1: field('IA', i, t),
			location: field('IL', i, t),
			type: 'armed assault',
			perpetrators: [actorId(i)],
			targets: [field('IX', i, t)],
			// Reported tolls that differ: who gave which figure, where, and why they differ are text from the data.
			fatalities: {
				best: 1,
				low: 1,
				high: 3,
				reports: [{ figure: 1, upTo: 3, by: field('IB', i, t), outlet: field('IP', i, t), date: DAY }],
				note: field('IN', i, t),
			},
			description: field('ID', i, t),
			sources: [
				{ outlet: field('IO', i, t), date: DAY, title: field('IS', i, t) },
				{ dataset: 'ACLED', ref: `H${i}`, cited: field('IC', i, t) },
			],
			tags: [field('IT', i, t)],
		});
		articles.push({
			id: articleId(i),
			title: `${WORD} ${field('AT', i, t)}`,
			published: DAY,
			source: field('AO', i, t),
			// Drawn as a hyperlink (OSC 8) when the terminal supports them: the URL as cleaned is what is linked.
			url: `https://example.org/${mark('AL', i)}?q=${t}`,
			author: field('AW', i, t),
			countries: [code],
			actors: [actorId(i)],
			tags: [field('AG', i, t)],
			summary: field('AU', i, t),
			body: `${WORD} report ${i}.\n\n${field('AB', i, t)}`,
		});
	});
	LEGIT.forEach((l, j) => {
		actors.push({
			id: legitActorId(j),
			name: field('LN', j, l.text),
			kind: 'person',
			countries: ['AF'],
			summary: field('LS', j, l.text),
		});
		incidents.push({
			id: `legit-inc-${j}`,
			date: '2025-03-11',
			country: 'AF',
			location: field('LL', j, l.text),
			type: 'armed assault',
			perpetrators: [legitActorId(j)],
			description: field('LD', j, l.text),
			sources: [{ outlet: 'Legit Wire', date: '2025-03-11' }],
		});
		articles.push({
			id: `legit-art-${j}`,
			title: `${WORD} ${field('LT', j, l.text)}`,
			published: '2025-03-11',
			source: 'Legit Wire',
			countries: ['AF'],
			actors: [legitActorId(j)],
			body: `${WORD} ${field('LB', j, l.text)}`,
		});
	});
	writeList(join(dir, 'articles.json'), 'articles', articles);
	writeList(join(dir, 'incidents.json'), 'incidents', incidents);
	writeList(join(dir, 'actors.json'), 'actors', actors);
	writeList(join(dir, 'countries.json'), 'countries', countries);

	// Broken files whose names carry the strings: every problem about them names the file.
	const folder = join(dir, 'countries');
	mkdirSync(folder);
	const fileNamed: number[] = [];
	HOSTILE.forEach((h, i) => {
		const name = fileNameOf(i, h.text);
		if (!name) return;
		writeFileSync(join(folder, name), '{"countries": [');
		fileNamed.push(i);
	});
	return { dir, fileNamed };
}

/** An ACLED export (the 2024 layout of tests/fixtures/import) with a hostile string in its text cells. */
export function hostileAcledCsv(): string {
	const header =
		'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
	const cell = (s: string) => `"${s.replace(/"/g, '""')}"`;
	const rows = HOSTILE.map((h, i) => {
		const t = h.text;
		return [
			`AFG9${String(i).padStart(4, '0')}`,
			'2025-02-10',
			'2025',
			'1',
			'Political violence',
			'Violence against civilians',
			'Attack',
			cell(field('MA', i, t)),
			'',
			'Rebel group',
			'Civilians (Afghanistan)',
			'',
			'Civilians',
			'Rebel group-Civilians',
			'Civilian targeting',
			'4',
			'Caucasus and Central Asia',
			'Afghanistan',
			cell(field('MB', i, t)),
			'',
			'',
			cell(field('ML', i, t)),
			'34.5',
			'69.2',
			'1',
			cell(field('MS', i, t)),
			'National',
			cell(field('MN', i, t)),
			'1',
			cell(field('MT', i, t)),
			'1739000000',
		].join(',');
	});
	return `${[header, ...rows].join('\n')}\n`;
}
