// A country: its risk level explained (each term, each contributing incident),
// its tags with their evidence, the actors active there and its incidents.

import { asBackend } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { killedPhrase } from '../../core/fatalities.js';
import { G } from '../../core/glyphs.js';
import { shortName } from '../../core/resolve.js';
import {
	type CountryRisk,
	countryRisk,
	type IncidentPoints,
	levelWhy,
	MEAN_RECENCY,
	machineCodedNote,
	type RiskWindow,
	round,
	trendArrow,
} from '../../core/risk.js';
import type { Incident } from '../../core/schema.js';
import type { Store } from '../../core/store.js';
import { emptyFilter } from '../../core/timeline.js';
import { width as cellWidth, truncate } from '../../core/width.js';
import { blank, field, heading, type Line, linkLine, para, text } from '../lines.js';

/**
 * Rows a list in the view shows; the rest are counted. Over millions of incidents a country has
 * hundreds of thousands: the Timeline filtered to it (F) lists them all, paged.
 */
export const LIST_CAP = 300;

export function countryLines(source: Store | Backend, code: string, cols: number, window: RiskWindow): Line[] {
	const data = asBackend(source);
	const country = data.countryByCode.get(code);
	const r = countryRisk(data, code, window);
	// The records of the incidents named below, and no others.
	const contributing = r.explanation.incidents.slice(0, LIST_CAP);
	const { left, came } = r.explanation.changed;
	const named = [...contributing, ...left.slice(0, CHANGED_SHOWN), ...came.slice(0, CHANGED_SHOWN)];
	const byId = new Map<string, Incident>();
	for (const { id } of named) {
		const inc = byId.has(id) ? undefined : data.incident(id);
		if (inc) byId.set(id, inc);
	}
	const out: Line[] = [];
	out.push(heading(`${country?.name ?? code} (${code})${country ? ` ${G.dot} ${country.region}` : ''}`));
	const change = r.trend.change > 0 ? `+${r.trend.change}` : `${r.trend.change}`;
	out.push({
		segs: [
			{ text: 'Risk          ', style: 'dim' },
			{ text: `${r.level.toUpperCase()} ${r.score}`, style: 'heading' },
			{
				text: `  ${trendArrow(r.trend.direction)} ${change} against its baseline ${r.trend.baseline}`,
			},
		],
	});
	out.push(...field('Window', `${window.start} to ${window.end} (${window.days} days; [ and ] change it)`, cols));
	out.push(
		...field(
			'Baseline',
			`${r.trend.baseline}, the mean of the ${r.trend.baselineScores.length} previous ${window.days}-day windows (newest first: ${r.trend.baselineScores.join(', ')})`,
			cols,
		),
	);
	out.push(
		...field(
			'Incidents',
			`${r.incidents} ${G.dot} ${r.fatalities} killed${r.unknownFatalities ? ` (${r.unknownFatalities} without a reported toll)` : ''}`,
			cols,
		),
	);
	const machine = machineCodedNote(r.machineCoded);
	if (machine) out.push(...field('Machine-coded', machine, cols));
	if (r.rate) {
		out.push(
			...field(
				'Rate',
				`${r.rate.perHundredThousand} killed a year per 100,000 people (${r.rate.killedPerYear} a year; population ${r.rate.population.toLocaleString('en-US')}, ${r.rate.year}, ${r.rate.source})`,
				cols,
			),
		);
	}
	out.push(blank, ...changedLines(byId, r, cols));
	if (country?.notes) out.push(blank, ...para(country.notes, cols));
	out.push(blank, heading('Tags and their evidence'));
	if (r.tags.length === 0) out.push(text('  none in this window', 'dim'));
	for (const tag of r.tags) {
		out.push(
			text(`  ${tag.label}${tag.manual ? ' (manual)' : ''} ${G.dash} ${tag.detail}`, tag.manual ? 'dim' : undefined),
		);
		for (const id of tag.evidence.slice(0, 5)) {
			const inc = byId.get(id);
			if (inc)
				out.push(linkLine(`${inc.date} ${inc.type}, ${inc.location ?? inc.admin1 ?? ''}`, { kind: 'incident', id }, 4));
		}
		if (tag.evidence.length > 5) out.push(text(`    ${G.ellipsis} and ${tag.evidence.length - 5} more`, 'dim'));
	}
	out.push(blank, heading(`Why ${r.score}: each term's contribution`));
	out.push(
		text(
			`  ${r.score} is a yearly rate: points ${G.times} ${r.explanation.scale} (365 / ${window.days} days / ${MEAN_RECENCY}, the mean recency); level ${r.level}: ${levelWhy(r.level)}`,
			'dim',
		),
	);
	for (const t of r.explanation.terms) {
		out.push(text(`  ${t.name.padEnd(34)} ${String(t.value).padStart(5)}   +${t.contribution}`));
	}
	out.push(blank, heading('Contributing incidents, newest first'));
	if (r.explanation.incidents.length === 0) out.push(text('  none in this window', 'dim'));
	for (const p of contributing) {
		const inc = byId.get(p.id);
		out.push(
			linkLine(
				`${p.date.padEnd(10)} ${p.type}, ${inc?.location ?? inc?.admin1 ?? ''}`,
				{ kind: 'incident', id: p.id },
				2,
				`+${p.points} (recency ${p.recency}${inc?.fatalities === undefined ? '' : `; ${killedPhrase(inc.fatalities)}`})`,
			),
		);
	}
	const more = r.explanation.incidents.length - contributing.length;
	if (more > 0) out.push(text(`  ${G.ellipsis} and ${more} more in this window (F lists them in the Timeline)`, 'dim'));
	// Perpetrators and claimants in the window, from the risk sums (core/riskPoints riskKeysOf), not the records.
	const actors = new Map<string, number>();
	for (const k of data.countrySums(code, window).keys) {
		if (k.kind === 'actor' && (window.includeMachineCoded || !k.machine))
			actors.set(k.key, (actors.get(k.key) ?? 0) + k.incidents);
	}
	out.push(blank, heading('Actors active here (in the window)'));
	if (actors.size === 0) out.push(text('  none in this window', 'dim'));
	for (const [id, n] of [...actors].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
		const a = data.actorById.get(id);
		if (a) out.push(linkLine(shortName(a), { kind: 'actor', id }, 2, `${n} incident${n === 1 ? '' : 's'}`));
	}
	const page = data.incidentPage({ ...emptyFilter, countries: [code] }, 'date', 0, LIST_CAP);
	out.push(blank, heading(`All incidents (${page.total}), newest first`));
	for (const inc of page.rows) {
		out.push(
			linkLine(
				`${inc.date.padEnd(10)} ${inc.type}, ${inc.location ?? inc.admin1 ?? ''}`,
				{ kind: 'incident', id: inc.id },
				2,
			),
		);
	}
	if (page.total > page.rows.length)
		out.push(text(`  ${G.ellipsis} and ${page.total - page.rows.length} older (F lists them in the Timeline)`, 'dim'));
	return out;
}

/** Incidents named per side of "What changed": enough to read the why at 80x24, the rest counted. */
export const CHANGED_SHOWN = 3;

/**
 * What the score moved on since the window before: that window's heaviest
 * incidents, which have left, and this window's heaviest, which came. A trend
 * reads from these ("falling: the Gohar Kuh ambush, 10 killed, left the window").
 */
function changedLines(byId: ReadonlyMap<string, Incident>, r: CountryRisk, cols: number): Line[] {
	const { window, trend } = r;
	const { left, came } = r.explanation.changed;
	const out: Line[] = [
		heading(
			`What changed ${G.dot} ${window.previous.start} to ${window.previous.end} scored ${trend.previousScore}, this window ${r.score}`,
		),
	];
	const side = (word: string, list: IncidentPoints[], none: string) => {
		if (list.length === 0) {
			out.push(text(`  ${word} ${none}`, 'dim'));
			return;
		}
		for (const p of list.slice(0, CHANGED_SHOWN)) {
			const inc = byId.get(p.id);
			const detail = `${killedPhrase(inc?.fatalities)} ${G.dot} +${p.points}`;
			const room = Math.max(10, cols - 2 - cellWidth(word) - 1 - cellWidth(detail) - 2);
			const label = truncate(`${p.date.padEnd(10)} ${p.type}, ${inc?.location ?? inc?.admin1 ?? ''}`, room);
			out.push(linkLine(`${word} ${label}`, { kind: 'incident', id: p.id }, 2, detail));
		}
		const rest = list.slice(CHANGED_SHOWN);
		if (rest.length) {
			const pts = round(
				rest.reduce((sum, p) => sum + p.points, 0),
				1,
			);
			out.push(text(`  ${' '.repeat(cellWidth(word))} ${G.ellipsis} and ${rest.length} more (+${pts})`, 'dim'));
		}
	};
	side('left', left, 'nothing: the window before had no incidents');
	side('new ', came, 'nothing: no incidents in this window');
	return out;
}
