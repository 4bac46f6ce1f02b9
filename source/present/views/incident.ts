// Incident detail: what happened, where, who, and links to the actors, the
// country and the articles behind it.

import { asBackend } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { monthLabel } from '../../core/dates.js';
import { formatToll, rangeSentence, reportLine, tollOf } from '../../core/fatalities.js';
import { G } from '../../core/glyphs.js';
import { actorLabel } from '../../core/resolve.js';
import type { RiskWindow } from '../../core/risk.js';
import type { Incident } from '../../core/schema.js';
import type { Store } from '../../core/store.js';
import { blank, field, heading, highlighted, type Line, linkLine, para, text, urlLines } from '../lines.js';
import { type Highlight, rangesOf } from '../target.js';

export function placeOf(
	store: Pick<Backend, 'countryByCode'>,
	country: string,
	location?: string,
	admin1?: string,
): string {
	const name = store.countryByCode.get(country)?.name ?? country;
	return [location, admin1, `${name} (${country})`].filter(Boolean).join(', ');
}

function actorLinks(store: Pick<Backend, 'actorById'>, label: string, ids: readonly string[], cols: number): Line[] {
	const out: Line[] = [];
	ids.forEach((id, i) => {
		const a = store.actorById.get(id);
		const name = a ? actorLabel(a) : id;
		if (a) out.push({ ...field(i === 0 ? label : '', `${G.cursor} ${name}`, cols)[0]!, link: { kind: 'actor', id } });
		else out.push(...field(i === 0 ? label : '', name, cols));
	});
	return out;
}

/** Why the toll is what it is: the range in words, each report, the note. Nothing for a plain figure. */
function tollLines(f: Incident['fatalities'], cols: number): Line[] {
	const toll = tollOf(f);
	if (!toll) return [];
	const out: Line[] = [];
	const range = rangeSentence(f);
	const counted = toll.best === undefined && toll.low !== undefined ? '; the low end is counted' : '';
	if (range) out.push(...para(`${range.charAt(0).toUpperCase()}${range.slice(1)}${counted}.`, cols, 2, 'dim'));
	for (const r of toll.reports) out.push(...para(reportLine(r), cols, 2, 'dim'));
	if (toll.note) out.push(...para(`Note: ${toll.note}`, cols, 2, 'dim'));
	return out;
}

/** Whether risk counts a machine-coded incident: only when the window says so (--machine-coded, riskMachineCoded). */
function machineCodedLine(window: RiskWindow | undefined): string {
	return window?.includeMachineCoded
		? 'machine-coded (GDELT): counted in risk, as asked (--machine-coded or the riskMachineCoded setting)'
		: 'machine-coded (GDELT): not counted in risk';
}

export function incidentLines(
	source: Store | Backend,
	id: string,
	cols: number,
	hl?: Highlight,
	window?: RiskWindow,
): Line[] {
	const store = asBackend(source);
	const inc = store.incident(id);
	if (!inc) return [text(`Incident ${id} is not in the data.`, 'error')];
	const out: Line[] = [];
	const when = inc.endDate
		? `${inc.date} to ${inc.endDate}`
		: inc.date.length === 7
			? `${monthLabel(inc.date, true)} (day unknown)`
			: inc.date;
	out.push({ segs: [{ text: `${when} ${G.dot} ${inc.type}`, style: 'heading' }] });
	out.push(...para(placeOf(store, inc.country, inc.location, inc.admin1), cols));
	out.push(
		text(
			`Killed: ${formatToll(inc.fatalities, 'no figure recorded')} ${G.dot} Injured: ${inc.injured ?? 'no figure recorded'}`,
			'dim',
		),
	);
	out.push(...tollLines(inc.fatalities, cols));
	if (inc.machineCoded) out.push(...para(machineCodedLine(window), cols, 0, 'warning'));
	out.push(blank);
	out.push(...highlighted(inc.description, rangesOf(hl, 'description'), cols));
	out.push(blank);
	out.push(
		...(inc.perpetrators.length
			? actorLinks(store, 'Perpetrators', inc.perpetrators, cols)
			: field('Perpetrators', 'unknown', cols)),
	);
	if (inc.claimedBy) out.push(...actorLinks(store, 'Claimed by', [inc.claimedBy], cols));
	if (inc.targets.length) out.push(...actorLinks(store, 'Targets', inc.targets, cols));
	out.push({
		...field('Country', `${G.cursor} ${store.countryByCode.get(inc.country)?.name ?? inc.country}`, cols)[0]!,
		link: { kind: 'country', code: inc.country },
	});
	if (inc.tags.length) out.push(...field('Tags', inc.tags.join(', '), cols));
	if (inc.lat !== undefined && inc.lon !== undefined) out.push(...field('Coordinates', `${inc.lat}, ${inc.lon}`, cols));
	out.push(...field('Id', inc.id, cols));
	out.push(blank, heading('Sources'));
	for (const src of inc.sources) {
		if (typeof src === 'string') {
			const art = store.article(src);
			out.push(
				art
					? linkLine(`${art.published.slice(0, 10)}  ${art.title}`, { kind: 'article', id: art.id }, 2, art.source)
					: text(`  ${src} (article not in the data)`, 'warning'),
			);
		} else if ('dataset' in src) {
			out.push(...para(`${src.dataset} ${src.ref}${src.cited ? ` ${G.dash} cites ${src.cited}` : ''}`, cols, 2));
		} else {
			out.push(...para(`${src.date}  ${src.outlet}${src.title ? ` ${G.dash} ${src.title}` : ''}`, cols, 2));
			if (src.url) out.push(...urlLines(src.url, cols, 4, 'dim'));
		}
	}
	return out;
}
