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
import { width as cellWidth, truncate } from '../../core/width.js';
import { blank, field, heading, type Line, linkLine, para, text } from '../lines.js';

/** Every day there is: a country's incidents of all dates. */
const ALL_DAYS = { start: '0000-01-01', end: '9999-12-31' };

export function countryLines(source: Store | Backend, code: string, cols: number, window: RiskWindow): Line[] {
	const data = asBackend(source);
	const country = data.countryByCode.get(code);
	const r = countryRisk(data, code, window);
	// The country's incidents, read once: the window's, the one before (what left it) and all of them below.
	const all = data.countryIncidents(code, ALL_DAYS, true);
	const byId = new Map(all.map((i) => [i.id, i]));
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
	for (const p of r.explanation.incidents) {
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
	const actors = new Map<string, number>();
	for (const inc of all) {
		for (const id of new Set([...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])])) {
			actors.set(id, (actors.get(id) ?? 0) + 1);
		}
	}
	out.push(blank, heading('Actors active here (all dates)'));
	for (const [id, n] of [...actors].sort((a, b) => b[1] - a[1])) {
		const a = data.actorById.get(id);
		if (a) out.push(linkLine(shortName(a), { kind: 'actor', id }, 2, `${n} incident${n === 1 ? '' : 's'}`));
	}
	out.push(blank, heading(`All incidents (${all.length})`));
	for (const inc of all) {
		out.push(
			linkLine(
				`${inc.date.padEnd(10)} ${inc.type}, ${inc.location ?? inc.admin1 ?? ''}`,
				{ kind: 'incident', id: inc.id },
				2,
			),
		);
	}
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
