// Actor profile: who it is, where it sits among the others, what it did
// (a mini timeline) and which articles mention it. Every name is a link.
import { actorProfile, affiliationOutline } from '../../core/actorProfile.js';
import { killedPhrase } from '../../core/fatalities.js';
import { G } from '../../core/glyphs.js';
import type { RiskWindow } from '../../core/risk.js';
import type { Store } from '../../core/store.js';
import { plural } from '../../core/words.js';
import { blank, field, heading, type Line, linkLine, para, text } from '../lines.js';
import { sparkline } from '../sparkline.js';

export function actorLines(store: Store, id: string, cols: number, window: RiskWindow): Line[] {
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
	const seen =
		p.firstSeen || p.lastSeen
			? `${p.firstSeen ?? '?'} to ${p.lastSeen ?? '?'}${p.seenFrom === 'record' ? ' (from the actor record)' : ''}`
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

	out.push(heading(`Incidents (${p.incidents.length}, newest first)`));
	if (p.incidents.length === 0) out.push(text('  none in the data', 'dim'));
	for (const { incident: inc, roles } of p.incidents) {
		out.push(
			linkLine(
				`${inc.date.padEnd(10)} ${inc.country} ${inc.type}, ${inc.location ?? inc.admin1 ?? ''}`,
				{ kind: 'incident', id: inc.id },
				2,
				`${roles.join(', ')}${inc.fatalities !== undefined ? ` ${G.dot} ${killedPhrase(inc.fatalities)}` : ''}`,
			),
		);
	}
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
