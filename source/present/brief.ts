// A Markdown briefing on a country or an actor, from the same core numbers
// as the Risk and Actors panes. Output depends only on the store and the
// window (no clock), so a brief can be regenerated and diffed.
import { actorProfile, affiliationOutline } from '../core/actorProfile.js';
import { asBackend } from '../core/backend/memory.js';
import type { Backend } from '../core/backend/types.js';
import { compareText } from '../core/collate.js';
import { formatToll, rangeOf } from '../core/fatalities.js';
import { shortName } from '../core/resolve.js';
import {
	type CountryRisk,
	countryRisk,
	effectiveDay,
	inRange,
	machineCodedNote,
	RISK_LEVELS,
	type RiskWindow,
	TREND_ARROWS,
	YEAR_DAYS,
} from '../core/risk.js';
import type { Article, Incident } from '../core/schema.js';
import type { Store } from '../core/store.js';
import { rolesIn } from '../core/store.js';
import { plural } from '../core/words.js';

export type BriefTarget = { country: string } | { actor: string };

export interface BriefOptions {
	/** How the data directory is named in the provenance line; default: the store's dir (a Backend has none: give it). */
	source?: string;
}

/** Rows in the key incidents table, and the fallback when the window is empty. */
export const KEY_INCIDENTS = 10;
export const EARLIER_INCIDENTS = 5;
export const KEY_ARTICLES = 8;
export const EARLIER_ARTICLES = 3;
const DESCRIPTION_MAX = 140;

/** A table cell: one line, pipes escaped. */
export function cell(s: string): string {
	return s
		.replace(/\s*[\r\n]+\s*/g, ' ')
		.replace(/\\/g, '\\\\')
		.replace(/\|/g, '\\|')
		.trim();
}

function oneLine(s: string): string {
	return s.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/** The first sentence, cut at a word to at most `max` characters. */
export function shorten(text: string, max = DESCRIPTION_MAX): string {
	const flat = oneLine(text);
	// A sentence ends before a capital or a digit, so "e.g. in Kabul" does not end one.
	const sentence = /^.+?[.!?](?=\s+[\p{Lu}\p{N}"'\u201c(]|$)/u.exec(flat)?.[0] ?? flat;
	if (sentence.length <= max) return sentence;
	const cut = sentence.slice(0, max - 1);
	const space = cut.lastIndexOf(' ');
	return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '')}…`;
}

function table(head: string[], align: ('l' | 'r')[], rows: string[][]): string[] {
	return [
		`| ${head.join(' | ')} |`,
		`|${align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`,
		...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
	];
}

function actorName(store: Backend, id: string): string {
	const a = store.actorById.get(id);
	return a ? shortName(a) : id;
}

function perpetrators(store: Backend, inc: Incident): string {
	const names = inc.perpetrators.map((id) => actorName(store, id));
	const claim =
		inc.claimedBy && !inc.perpetrators.includes(inc.claimedBy) ? actorName(store, inc.claimedBy) : undefined;
	if (!names.length) return claim ? `claimed by ${claim}` : 'unknown';
	return claim ? `${names.join(', ')} (claimed by ${claim})` : names.join(', ');
}

function place(inc: Incident, withCountry: boolean): string {
	const parts = [inc.location, inc.admin1 && !inc.location?.includes(inc.admin1) ? inc.admin1 : undefined];
	if (withCountry) parts.push(inc.country);
	return parts.filter(Boolean).join(', ') || inc.country;
}

function incidentTable(store: Backend, incs: Incident[], opts: { country: boolean; roleOf?: string }): string[] {
	const head = ['Date', 'Place', 'Type', 'Perpetrator', ...(opts.roleOf ? ['Role'] : []), 'Killed', 'Description'];
	const align: ('l' | 'r')[] = ['l', 'l', 'l', 'l', ...(opts.roleOf ? (['l'] as const) : []), 'r', 'l'];
	return table(
		head,
		align,
		incs.map((inc) => [
			inc.date,
			place(inc, opts.country),
			inc.type,
			perpetrators(store, inc),
			...(opts.roleOf ? [rolesIn(inc, opts.roleOf).join(', ')] : []),
			formatToll(inc.fatalities, '–', '–'),
			shorten(inc.description),
		]),
	);
}

function linkText(s: string): string {
	return oneLine(s).replace(/([[\]\\])/g, '\\$1');
}

function articleLine(a: Article): string {
	const title = a.url ? `[${linkText(a.title)}](${a.url})` : `*${oneLine(a.title).replace(/\*/g, '\\*')}*`;
	return `- ${a.published.slice(0, 10)} · ${oneLine(a.source)} — ${title}`;
}

function byDayDesc(a: Incident, b: Incident): number {
	const da = effectiveDay(a);
	const db = effectiveDay(b);
	return da < db ? 1 : da > db ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function tollNote(incs: Incident[]): string[] {
	const notes = [];
	if (incs.some((i) => rangeOf(i.fatalities))) {
		notes.push('Where reports differ, Killed gives the best estimate and their range, 85 (58–85), or the range alone.');
	}
	if (incs.some((i) => i.fatalities === undefined)) notes.push('– = toll not reported.');
	return notes.length ? ['', notes.join(' ')] : [];
}

/** Incidents chosen from the window (newest first); or, when none, the latest before it. */
function incidentSection(
	store: Backend,
	window: RiskWindow,
	chosen: Incident[],
	total: number,
	earlier: Incident[],
	opts: { country: boolean; roleOf?: string },
	how: string,
): string[] {
	const out = ['## Key incidents', ''];
	if (chosen.length) {
		if (total > chosen.length)
			out.push(`The ${chosen.length} ${how} of ${total} incidents in the window, newest first.`, '');
		out.push(...incidentTable(store, chosen, opts), ...tollNote(chosen));
	} else {
		out.push(`No incidents in the window (${window.start} to ${window.end}).`);
		if (earlier.length) {
			out.push('', `The latest ${earlier.length === 1 ? 'one' : earlier.length} before it:`, '');
			out.push(...incidentTable(store, earlier, opts), ...tollNote(earlier));
		}
	}
	return out;
}

function articleSection(window: RiskWindow, relevant: Article[]): string[] {
	const asOf = relevant.filter((a) => a.published.slice(0, 10) <= window.end);
	const inWindow = asOf.filter((a) => a.published.slice(0, 10) >= window.start).slice(0, KEY_ARTICLES);
	const out = ['## Key articles', ''];
	if (inWindow.length) out.push(...inWindow.map(articleLine));
	else {
		const before = asOf.slice(0, EARLIER_ARTICLES);
		out.push(`No articles published in the window${before.length ? '; the latest before it:' : '.'}`);
		if (before.length) out.push('', ...before.map(articleLine));
	}
	return out;
}

function windowLine(window: RiskWindow): string {
	const first = window.baseline[window.baseline.length - 1] ?? window.previous;
	return `As of ${window.end} · ${window.days}-day window ${window.start} to ${window.end} (trend baseline: the ${window.baseline.length} windows from ${first.start} to ${window.previous.end})`;
}

function levelScale(): string {
	return RISK_LEVELS.map((l, i) => {
		const next = RISK_LEVELS[i + 1];
		return i === 0 && next
			? `${l.level} under ${next.min}`
			: next
				? `${l.level} ${l.min} to ${next.min}`
				: `${l.level} ${l.min} or more`;
	}).join(', ');
}

function riskSummary(risk: CountryRisk): string[] {
	const { trend } = risk;
	const change = trend.change > 0 ? `+${trend.change}` : String(trend.change);
	const toll =
		risk.incidents > 0 && risk.unknownFatalities === risk.incidents
			? 'no death toll reported'
			: `${risk.fatalities} killed${risk.unknownFatalities ? ` (no toll reported for ${plural(risk.unknownFatalities, 'incident')})` : ''}`;
	const out = [
		'## Risk summary',
		'',
		`- **Level:** ${risk.level} (score ${risk.score}: deaths and deaths-equivalents a year)`,
		`- **Trend:** ${TREND_ARROWS[trend.direction]} ${trend.direction} (${change} against its baseline of ${trend.baseline}, the mean of the ${trend.baselineScores.length} previous ${risk.window.days}-day windows: ${trend.baselineScores.join(', ')})`,
		`- **Incidents:** ${risk.incidents} in the window, ${toll}`,
	];
	const machine = machineCodedNote(risk.machineCoded);
	if (machine) out.push(`- **Machine-coded:** ${machine}`);
	if (risk.rate) {
		out.push(
			`- **Rate:** ${risk.rate.perHundredThousand} killed a year per 100,000 people (population ${risk.rate.population.toLocaleString('en-US')}, ${risk.rate.year}, ${oneLine(risk.rate.source)})`,
		);
	}
	if (risk.tags.length) {
		out.push('- **Tags:**');
		for (const t of risk.tags) {
			const evidence = t.evidence.length ? ` Evidence: ${t.evidence.join(', ')}.` : '';
			out.push(`  - ${oneLine(t.label)}${t.manual ? ' (manual)' : ''}: ${oneLine(t.detail)}.${evidence}`);
		}
	} else out.push('- **Tags:** none');
	if (risk.explanation.terms.length) {
		out.push('', '### How the score adds up', '');
		out.push(
			...table(
				['Term', 'Value', 'Points', 'Incidents'],
				['l', 'r', 'r', 'l'],
				risk.explanation.terms.map((t) => [t.name, String(t.value), t.contribution.toFixed(1), t.incidents.join(', ')]),
			),
			`| **Score** |  | **${risk.score}** |  |`,
		);
	}
	return out;
}

function methodNote(kind: 'country' | 'actor'): string[] {
	const text =
		kind === 'country'
			? `The score is a yearly rate: for each incident in the window, the people killed, a weight for its type and a bonus when officials or foreigners were targeted, each scaled by recency (1.0 on the window's last day down to 0.5 on its first), summed and scaled to ${YEAR_DAYS} days so windows compare. Levels, in deaths a year after UCDP's thresholds (25 an armed conflict, 1,000 a war): ${levelScale()}. The trend compares the score with the mean of the previous windows of equal length. Tags are derived from the same incidents and list them as evidence. The full formula, with every weight, is in the sitrep documentation (docs/risk.md) and in \`sitrep risk --help\`.`
			: 'Incidents count on their date (a month-only date on the 15th), as in the risk scores; "as perpetrator" includes claims of responsibility. An article mentions the actor when it links it or names it or one of its aliases. The risk formula is in the sitrep documentation (docs/risk.md) and in `sitrep risk --help`.';
	return ['## Method', '', text];
}

/** The country's `limit` latest incidents before `day` (effective day, then id): read from the days that hold them, not all of its history. */
function latestBefore(data: Backend, code: string, day: string, limit: number): Incident[] {
	const days = data.countryDays(code, { start: '0000-01-01', end: day }, true);
	let n = 0;
	let from: string | undefined;
	for (let i = days.length - 1; i >= 0 && n < limit; i--) {
		const d = days[i] as { day: string; incidents: number };
		if (d.day >= day) continue;
		n += d.incidents;
		from = d.day;
	}
	if (from === undefined) return [];
	return data
		.countryIncidents(code, { start: from, end: day }, true)
		.filter((i) => effectiveDay(i) < day)
		.sort(byDayDesc)
		.slice(0, limit);
}

function countryBrief(store: Backend, code: string, window: RiskWindow, source: string): string[] {
	const country = store.countryByCode.get(code);
	if (!country && !store.incidentCountries().includes(code)) throw new RangeError(`unknown country "${code}"`);
	const risk = countryRisk(store, code, window);
	// Machine-coded incidents too: the brief lists what happened; the score says what it counts.
	const inWindow = store.countryIncidents(code, window, true);
	const points = new Map(risk.explanation.incidents.map((p) => [p.id, p.points]));
	const chosen = [...inWindow]
		.sort((a, b) => (points.get(b.id) ?? 0) - (points.get(a.id) ?? 0) || byDayDesc(a, b))
		.slice(0, KEY_INCIDENTS)
		.sort(byDayDesc);
	const earlier = latestBefore(store, code, window.start, EARLIER_INCIDENTS);

	const counts = new Map<string, { perp: number; target: number }>();
	for (const inc of inWindow) {
		const roles = new Map<string, Set<string>>();
		for (const id of [...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])])
			roles.set(id, new Set([...(roles.get(id) ?? []), 'perp']));
		for (const id of inc.targets.filter((t) => store.actorById.has(t)))
			roles.set(id, new Set([...(roles.get(id) ?? []), 'target']));
		for (const [id, set] of roles) {
			const c = counts.get(id) ?? { perp: 0, target: 0 };
			if (set.has('perp')) c.perp++;
			if (set.has('target')) c.target++;
			counts.set(id, c);
		}
	}
	const actorRows = [...counts]
		.map(([id, c]) => ({ id, ...c, actor: store.actorById.get(id) }))
		.sort(
			(a, b) => b.perp - a.perp || b.target - a.target || compareText(a.actor?.name ?? a.id, b.actor?.name ?? b.id),
		);

	const cited = [...new Set(inWindow.flatMap((i) => i.sources.filter((s): s is string => typeof s === 'string')))];
	// Newest first up to the window's end: the section shows the window's first few, or the latest before it.
	const relevant = store.countryArticles(code, cited, window.end, Math.max(KEY_ARTICLES, EARLIER_ARTICLES));

	const name = country?.name ?? code;
	const out = [`# Security brief: ${oneLine(name)} (${code})`, '', windowLine(window)];
	if (country) out.push('', `Region: ${oneLine(country.region)}.${country.notes ? ` ${oneLine(country.notes)}` : ''}`);
	out.push('', ...riskSummary(risk), '');
	out.push(
		...incidentSection(store, window, chosen, inWindow.length, earlier, { country: false }, 'highest-scoring'),
		'',
	);
	out.push('## Actors involved', '');
	if (actorRows.length) {
		out.push(
			...table(
				['Actor', 'Kind', 'Based in', 'As perpetrator or claimant', 'As target'],
				['l', 'l', 'l', 'r', 'r'],
				actorRows.map((r) => [
					r.actor
						? shortName(r.actor) === r.actor.name
							? r.actor.name
							: `${shortName(r.actor)} (${r.actor.name})`
						: r.id,
					r.actor?.kind ?? '',
					r.actor?.countries.join(', ') ?? '',
					String(r.perp),
					String(r.target),
				]),
			),
			'',
			`Counts are incidents in ${name} in the window.`,
		);
	} else out.push('No listed actors in the window’s incidents.');
	out.push('', ...articleSection(window, relevant), '');
	out.push(
		...methodNote('country'),
		'',
		'---',
		'',
		`Generated by sitrep from ${source}, with data up to ${window.end}`,
	);
	return out;
}

function actorBrief(store: Backend, id: string, window: RiskWindow, source: string): string[] {
	const profile = actorProfile(store, id, window);
	if (!profile) throw new RangeError(`unknown actor "${id}"`);
	const { actor, counts } = profile;
	const all = profile.incidents.map((x) => x.incident);
	const inWindow = all.filter((i) => inRange(i, window)).sort(byDayDesc);
	const earlier = all
		.filter((i) => effectiveDay(i) < window.start)
		.sort(byDayDesc)
		.slice(0, EARLIER_INCIDENTS);
	const allPerp = profile.incidents.filter(
		(x) => x.roles.includes('perpetrator') || x.roles.includes('claimant'),
	).length;
	const allTarget = profile.incidents.filter((x) => x.roles.includes('target')).length;
	const byCountry = new Map<string, number>();
	for (const inc of inWindow) byCountry.set(inc.country, (byCountry.get(inc.country) ?? 0) + 1);

	const short = shortName(actor);
	const title = short === actor.name ? actor.name : `${actor.name} (${short})`;
	const countries = actor.countries.map((c) => {
		const n = store.countryByCode.get(c)?.name;
		return n ? `${n} (${c})` : c;
	});
	const seen =
		profile.seenFrom === 'none'
			? 'No dated activity recorded.'
			: profile.seenFrom === 'data'
				? // A later article about an old attack is no activity: the two are named apart.
					`First seen ${profile.firstSeen}; last incident ${profile.lastIncident ?? 'none'}, last mentioned ${profile.lastMentioned ?? 'never'} (in the data).`
				: `First seen ${profile.firstSeen ?? 'unknown'}, last seen ${profile.lastSeen ?? 'unknown'} (the actor record).`;

	const out = [`# Actor brief: ${oneLine(title)}`, '', windowLine(window), '', '## Profile', ''];
	out.push(`- **Kind:** ${actor.kind}${actor.status ? ` · status: ${oneLine(actor.status)}` : ''}`);
	if (countries.length) out.push(`- **Countries:** ${countries.join(', ')} (the first is its main country)`);
	if (profile.aliases.length) out.push(`- **Also known as:** ${profile.aliases.map(oneLine).join(', ')}`);
	out.push(`- **Seen:** ${seen}`, '', oneLine(actor.summary), '');
	const outline = affiliationOutline(profile.affiliations);
	out.push('### Affiliations', '');
	if (outline.length) for (const l of outline) out.push(`${'  '.repeat(l.depth)}- ${oneLine(l.text)}`);
	else out.push('None recorded.');
	out.push('', '## Activity', '');
	out.push(
		`- **In the window:** ${plural(counts.asPerpetrator, 'incident')} as perpetrator or claimant, ${counts.asTarget} as target (${counts.incidents} in all)`,
		`- **In the data overall:** ${plural(all.length, 'incident')} (${allPerp} as perpetrator or claimant, ${allTarget} as target)`,
	);
	if (byCountry.size) {
		out.push(
			`- **Where, in the window:** ${[...byCountry]
				.sort(([a, x], [b, y]) => y - x || compareText(a, b))
				.map(([c, n]) => `${store.countryByCode.get(c)?.name ?? c} ${n}`)
				.join(', ')}`,
		);
	}
	out.push(
		`- **Articles mentioning it, to date:** ${profile.mentions.filter((m) => m.article.published.slice(0, 10) <= window.end).length} (by link or by name)`,
		'',
	);
	out.push(
		...incidentSection(
			store,
			window,
			inWindow.slice(0, KEY_INCIDENTS),
			inWindow.length,
			earlier,
			{ country: true, roleOf: id },
			'latest',
		),
		'',
	);
	out.push(
		...articleSection(
			window,
			profile.mentions.map((m) => m.article),
		),
		'',
	);
	out.push(...methodNote('actor'), '', '---', '', `Generated by sitrep from ${source}, with data up to ${window.end}`);
	return out;
}

/** The briefing as Markdown, ending with a newline. */
export function briefMarkdown(
	source: Store | Backend,
	target: BriefTarget,
	window: RiskWindow,
	opts: BriefOptions = {},
): string {
	const data = asBackend(source);
	const named = opts.source ?? ('dir' in source ? source.dir : '');
	const lines =
		'country' in target
			? countryBrief(data, target.country, window, named)
			: actorBrief(data, target.actor, window, named);
	return `${lines.join('\n')}\n`;
}

/** A default file name, e.g. brief-AF-2025-03-11-90d.md. */
export function briefFileName(target: BriefTarget, window: RiskWindow): string {
	const name = 'country' in target ? target.country : target.actor;
	return `brief-${name.replace(/[^A-Za-z0-9._-]+/g, '-')}-${window.end}-${window.days}d.md`;
}
