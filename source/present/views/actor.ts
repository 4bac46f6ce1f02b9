// Actor profile: who it is, what it did where (the activity summary comes
// first, so that a briefing's "their latest attack in X" is on the first
// screen), where it sits among the others, and which articles mention it.
// Every name is a link.
import {
	type ActorIncident,
	actorProfile,
	affiliationOutline,
	type CountryActivity,
	type TargetActivity,
} from '../../core/actorProfile.js';
import { asBackend } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { killedPhrase } from '../../core/fatalities.js';
import { G } from '../../core/glyphs.js';
import { shortName } from '../../core/resolve.js';
import type { RiskWindow } from '../../core/risk.js';
import type { Store } from '../../core/store.js';
import { targetKind, targetKindsOf } from '../../core/targetKinds.js';
import { truncate, width } from '../../core/width.js';
import { plural } from '../../core/words.js';
import { blank, field, heading, type Line, linkLine, para, text } from '../lines.js';
import { sparkline } from '../sparkline.js';

/** Which of the profile's incidents its list shows: one country's, or those on one kind of target (an activity row's filter). */
export interface ProfileNarrow {
	country?: string;
	on?: string;
}

export function actorLines(
	source: Store | Backend,
	id: string,
	cols: number,
	window: RiskWindow,
	narrow: ProfileNarrow = {},
): Line[] {
	const store = asBackend(source);
	const p = actorProfile(store, id, window);
	if (!p) return [text(`Actor ${id} is not in the data.`, 'error')];
	const a = p.actor;
	const out: Line[] = [];
	out.push(
		...para(
			`${a.name}${a.short && a.short.toLowerCase() !== a.name.toLowerCase() ? ` (${a.short})` : ''} ${G.dot} ${a.kind}${a.status ? ` ${G.dot} ${a.status}` : ''}`,
			cols,
			0,
			'heading',
		),
	);
	out.push(...activityLines(store, id, p.activity, window, cols));
	const seen =
		p.seenFrom === 'data'
			? [
					`since ${p.firstSeen}`,
					p.lastIncident ? `last incident ${p.lastIncident}` : 'no incidents',
					p.lastMentioned ? `last mentioned ${p.lastMentioned}` : 'never mentioned',
				].join(` ${G.dot} `)
			: p.firstSeen || p.lastSeen
				? `${p.firstSeen ?? '?'} to ${p.lastSeen ?? '?'} (from the actor record)`
				: 'no dated activity';
	out.push(...field('Seen', seen, cols));
	const spark = sparkline(
		p.buckets.map((b) => b.count),
		Math.min(26, cols - 60),
	);
	out.push(
		...field(
			`${window.days}-day window`,
			`${window.start} to ${window.end}: ${p.counts.asPerpetrator} as perpetrator, ${p.counts.asTarget} as target ${spark}`,
			cols,
		),
	);
	for (const ai of p.windowIncidents) out.push(incidentLine(ai));
	out.push(...targetLines(id, p.targets, window, cols));
	if (p.aliases.length) out.push(...field('Aliases', p.aliases.join(', '), cols));
	for (const [i, code] of a.countries.entries()) {
		out.push({
			...field(
				i === 0 ? 'Countries' : '',
				`${G.cursor} ${store.countryByCode.get(code)?.name ?? code} (${code})`,
				cols,
			)[0]!,
			link: { kind: 'country', code },
		});
	}
	out.push(blank, ...para(a.summary, cols), blank);

	const outline = affiliationOutline(p.affiliations);
	if (outline.length) {
		out.push(heading('Affiliations'));
		for (const o of outline) {
			const pad = '  '.repeat(o.depth + 1);
			out.push(
				o.id && store.actorById.has(o.id)
					? linkLine(o.text, { kind: 'actor', id: o.id }, pad.length)
					: text(`${pad}${o.text}`, 'dim'),
			);
		}
		out.push(blank);
	}

	const { country, on } = narrow;
	const shown = country
		? p.incidents.filter((ai) => ai.incident.country === country)
		: on
			? p.incidents.filter((ai) => attacked(ai) && targetKindsOf(ai.incident, store.actorById).includes(on))
			: p.incidents;
	const where = country
		? ` in ${store.countryByCode.get(country)?.name ?? country}`
		: on
			? ` on ${targetKind(on)?.label ?? on}`
			: '';
	out.push({
		...heading(
			where
				? `Incidents${where} (${shown.length} of ${p.incidents.length}, newest first)`
				: `Incidents (${p.incidents.length}, newest first)`,
		),
		anchor: INCIDENTS_ANCHOR,
	});
	if (shown.length === 0) out.push(text(where ? `  none${where}` : '  none in the data', 'dim'));
	for (const ai of shown) out.push(incidentLine(ai));
	out.push(blank, heading(`Articles (${p.mentions.length})`));
	if (p.mentions.length === 0) out.push(text('  none mention it', 'dim'));
	for (const m of p.mentions) {
		const how = m.linked
			? m.terms.length
				? `linked; mentions ${m.terms.join(', ')}`
				: 'linked'
			: `mentions ${m.terms.join(', ')}`;
		out.push(
			linkLine(
				`${m.article.published.slice(0, 10)}  ${m.article.title}`,
				{ kind: 'article', id: m.article.id },
				2,
				how,
			),
		);
	}
	out.push(
		blank,
		text(`${plural(p.incidents.length, 'incident')} ${G.dot} ${plural(p.mentions.length, 'article')}`, 'dim'),
	);
	return out;
}

/** The incident list's heading: filtering by a country scrolls there. */
export const INCIDENTS_ANCHOR = 'incidents';

function placeOf(inc: ActorIncident['incident']): string {
	return inc.location ?? inc.admin1 ?? '';
}

function incidentLine({ incident: inc, roles }: ActorIncident): Line {
	return linkLine(
		`${inc.date.padEnd(10)} ${inc.country} ${inc.type}, ${placeOf(inc)}`,
		{ kind: 'incident', id: inc.id },
		2,
		`${roles.join(', ')}${inc.fatalities !== undefined ? ` ${G.dot} ${killedPhrase(inc.fatalities)}` : ''}`,
	);
}

const NAME_MAX = 20;

/**
 * Per country, a row with its counts by role (Enter on it filters the
 * incident list to that country: its link is the same profile with it), and
 * under it the latest incident there, a link to it. The place is cut before
 * the toll when the line is too wide.
 */
function activityLines(
	store: Backend,
	id: string,
	rows: readonly CountryActivity[],
	window: RiskWindow,
	cols: number,
): Line[] {
	if (rows.length === 0) return [];
	const name = (r: CountryActivity) =>
		truncate(`${store.countryByCode.get(r.country)?.name ?? r.country} (${r.country})`, NAME_MAX);
	const nameW = Math.max(...rows.map((r) => width(name(r))));
	const out: Line[] = [heading(`Activity by country, to ${window.end}`)];
	for (const r of rows) {
		const n = name(r);
		const roles = [
			r.perpetrator ? `${r.perpetrator} as perpetrator` : '',
			r.claimant ? `${r.claimant} claimed` : '',
			r.target ? `${r.target} as target` : '',
		].filter(Boolean);
		out.push(
			linkLine(
				`${n}${' '.repeat(nameW - width(n))}  ${plural(r.incidents, 'incident')}: ${roles.join(', ')}`,
				{ kind: 'actor', id, country: r.country },
				2,
			),
		);
		out.push(latestLine(store, r.latest, cols));
	}
	return out;
}

/**
 * The latest incident under a summary row: when, what, where, the toll, and
 * (when the actor was its target) by whom. The place is cut first.
 */
function latestLine(store: Backend, latest: ActorIncident, cols: number): Line {
	const inc = latest.incident;
	const head = `latest ${inc.date} ${inc.type}`;
	const by = latest.roles.includes('target') && !attacked(latest) ? byWhom(store, inc) : '';
	// Said even when missing: "latest attack and its toll" is the question this row answers.
	const tail = ` ${G.dot} ${killedPhrase(inc.fatalities)}${by ? ` ${G.dot} by ${by}` : ''}`;
	const place = truncate(placeOf(inc), cols - 4 - width(head) - 2 - width(tail));
	return linkLine(`${head}${place ? `, ${place}` : ''}${tail}`, { kind: 'incident', id: inc.id }, 4);
}

const attacked = (ai: ActorIncident) => ai.roles.includes('perpetrator') || ai.roles.includes('claimant');

function byWhom(store: Backend, inc: ActorIncident['incident']): string {
	const ids = inc.perpetrators.length ? inc.perpetrators : inc.claimedBy ? [inc.claimedBy] : [];
	const names = ids.map((a) => {
		const actor = store.actorById.get(a);
		return actor ? shortName(actor) : a;
	});
	return names.length ? names.join(', ') : 'unknown';
}

/**
 * What its attacks were aimed at: a row per kind of target with its count and
 * latest incident (Enter lists only those incidents), one line each so that
 * the kinds fit on the first screen.
 */
function targetLines(id: string, rows: readonly TargetActivity[], window: RiskWindow, cols: number): Line[] {
	if (rows.length === 0) return [];
	const label = (r: TargetActivity) => targetKind(r.kind)?.label ?? r.kind;
	const labelW = Math.max(...rows.map((r) => width(label(r))));
	const countW = Math.max(...rows.map((r) => String(r.incidents).length));
	const out: Line[] = [heading(`Attacks by target, to ${window.end}`)];
	for (const r of rows) {
		const l = label(r);
		const inc = r.latest.incident;
		const head = `${l}${' '.repeat(labelW - width(l))}  ${String(r.incidents).padStart(countW)}  latest ${inc.date} ${inc.type}`;
		const tail = ` ${G.dot} ${killedPhrase(inc.fatalities)}`;
		const place = truncate(placeOf(inc), cols - 2 - width(head) - 2 - width(tail));
		out.push(linkLine(`${head}${place ? `, ${place}` : ''}${tail}`, { kind: 'actor', id, on: r.kind }, 2));
	}
	return out;
}
