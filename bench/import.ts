// Import benchmark: npm run bench:import [-- --json] [--rows 10000,100000] [--seed 1]
// Times `sitrep import` end to end (parse, map, merge actors, validate, plan,
// atomic write) on a seeded synthetic ACLED-layout CSV — clearly synthetic:
// every note says so — and on the real UCDP samples in ../shared/data when
// they are there. Figures, not tests.
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importFile } from '../source/io/import/run.js';
import { prng } from '../tests/support/synth.js';

const args = process.argv.slice(2);
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? args[i + 1] : undefined;
};
const json = args.includes('--json');
const sizes = (option('--rows') ?? '10000,100000').split(',').map(Number);
const seed = Number(option('--seed') ?? '1');
const SHARED = fileURLToPath(new URL('../../shared/data/ucdp', import.meta.url));

const HEADER =
	'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const ACTORS = [
	'Taliban',
	'Islamic State Khorasan Province',
	'TTP: Tehreek-i-Taliban Pakistan',
	'Military Forces of Pakistan (2018-)',
	'Police Forces of Pakistan (2018-)',
	'BLA: Balochistan Liberation Army',
	'Unidentified Armed Group (Pakistan)',
	'Lashkar-e-Islam',
	'Civilians (Pakistan)',
];
const EVENTS: [string, string][] = [
	['Battles', 'Armed clash'],
	['Explosions/Remote violence', 'Suicide bomb'],
	['Explosions/Remote violence', 'Remote explosive/landmine/IED'],
	['Explosions/Remote violence', 'Air/drone strike'],
	['Violence against civilians', 'Attack'],
	['Protests', 'Peaceful protest'],
];
const PLACES: [string, string, string, number, number][] = [
	['Pakistan', '586', 'Khyber Pakhtunkhwa', 34.0, 71.5],
	['Pakistan', '586', 'Balochistan', 30.2, 67.0],
	['Afghanistan', '4', 'Nangarhar', 34.4, 70.4],
	['Afghanistan', '4', 'Kabul', 34.5, 69.2],
];

function quote(s: string): string {
	return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function synthAcled(rows: number, seed: number): string {
	const rand = prng(seed);
	const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
	const lines = [HEADER];
	for (let i = 0; i < rows; i++) {
		const [event, sub] = pick(EVENTS);
		const [country, iso, admin1, lat, lon] = pick(PLACES);
		const day = new Date(Date.UTC(2018, 0, 1) + Math.floor(rand() * 2500) * 86_400_000).toISOString().slice(0, 10);
		const note = `Synthetic benchmark row ${i}: not a real event, with a comma, "quotes"${rand() < 0.1 ? '\nand a second line' : ''}.`;
		lines.push(
			[
				`SYN${i}`,
				day,
				day.slice(0, 4),
				'1',
				'Political violence',
				event,
				sub,
				pick(ACTORS),
				'',
				'',
				pick(ACTORS),
				'',
				'',
				'',
				'',
				iso,
				'South Asia',
				country,
				admin1,
				'',
				'',
				`Place ${Math.floor(rand() * 500)}`,
				(lat + rand()).toFixed(4),
				(lon + rand()).toFixed(4),
				'1',
				'Synthetic Wire',
				'National',
				note,
				String(Math.floor(rand() * 12)),
				'',
				'1700000000',
			]
				.map(quote)
				.join(','),
		);
	}
	return `${lines.join('\r\n')}\r\n`;
}

interface Figure {
	input: string;
	rows: number;
	mb: number;
	firstSeconds: number;
	againSeconds: number;
	per10kSeconds: number;
	accounted: boolean;
	secondImportAdds: number;
}

async function measure(input: string, file: string): Promise<Figure> {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-bench-import-'));
	rmSync(dir, { recursive: true });
	const t0 = performance.now();
	const first = await importFile(dir, file);
	const t1 = performance.now();
	const again = await importFile(dir, file);
	const t2 = performance.now();
	rmSync(dir, { recursive: true, force: true });
	const seconds = (t1 - t0) / 1000;
	return {
		input,
		rows: first.read,
		mb: statSync(file).size / 1e6,
		firstSeconds: seconds,
		againSeconds: (t2 - t1) / 1000,
		per10kSeconds: (seconds * 10_000) / Math.max(1, first.read),
		accounted: first.read === first.imported + first.updated + first.unchanged + first.skipped.length,
		secondImportAdds: again.imported,
	};
}

const work = mkdtempSync(join(tmpdir(), 'sitrep-bench-csv-'));
const figures: Figure[] = [];
for (const n of sizes) {
	const file = join(work, `acled-synthetic-${n}.csv`);
	writeFileSync(file, synthAcled(n, seed));
	figures.push(await measure(`synthetic ACLED ×${n.toLocaleString('en')} (seed ${seed})`, file));
}
for (const name of ['ucdp_ged_pakistan_hdx.csv', 'ucdp_ged_pakistan_api.csv', 'ucdp_ged231_sample1000_global.csv']) {
	const file = join(SHARED, name);
	if (existsSync(file)) figures.push(await measure(`UCDP ${name}`, file));
}
rmSync(work, { recursive: true, force: true });

const machine = `${os.cpus()[0]?.model ?? 'cpu'} ×${os.cpus().length}, Node ${process.version}`;
if (json) process.stdout.write(`${JSON.stringify({ machine, figures }, null, 2)}\n`);
else {
	process.stdout.write(`sitrep import benchmark — ${machine}\n`);
	process.stdout.write(
		'input                                          rows     MB   import  per 10k  re-import  adds  all rows accounted\n',
	);
	for (const f of figures) {
		process.stdout.write(
			`${f.input.padEnd(44)} ${String(f.rows).padStart(7)} ${f.mb.toFixed(1).padStart(6)} ${f.firstSeconds.toFixed(2).padStart(7)} s ${f.per10kSeconds.toFixed(2).padStart(6)} s ${f.againSeconds.toFixed(2).padStart(8)} s ${String(f.secondImportAdds).padStart(5)}  ${f.accounted ? 'yes' : 'NO'}\n`,
		);
	}
}
