// The article reader: header, linked actors and countries, the text wrapped.

import { asBackend } from '../../core/backend/memory.js';
import type { Backend } from '../../core/backend/types.js';
import { G } from '../../core/glyphs.js';
import { actorLabel } from '../../core/resolve.js';
import type { Store } from '../../core/store.js';
import { plural } from '../../core/words.js';
import { blank, field, highlighted, type Line, linkLine, text, urlField } from '../lines.js';
import { type Highlight, rangesOf } from '../target.js';

export function articleLines(source: Store | Backend, id: string, cols: number, hl?: Highlight): Line[] {
	const store = asBackend(source);
	const art = store.article(id);
	if (!art) return [text(`Article ${id} is not in the data.`, 'error')];
	const out: Line[] = [];
	out.push(...highlighted(art.title, rangesOf(hl, 'title'), cols, 0, 'heading'));
	out.push(
		text(`${art.published.slice(0, 10)} ${G.dot} ${art.source}${art.author ? ` ${G.dot} ${art.author}` : ''}`, 'dim'),
	);
	if (art.url) out.push(...urlField('URL', art.url, cols));
	for (const code of art.countries) {
		out.push(linkLine(store.countryByCode.get(code)?.name ?? code, { kind: 'country', code }, 2, code));
	}
	for (const a of art.actors) {
		const actor = store.actorById.get(a);
		if (actor) out.push(linkLine(actorLabel(actor), { kind: 'actor', id: a }, 2, actor.kind));
	}
	const incidents = store.citingIncidents(art.id);
	if (incidents.length) {
		out.push(text(`  cited by ${plural(incidents.length, 'incident')}:`, 'dim'));
		for (const inc of incidents) {
			out.push(
				linkLine(`${inc.date} ${inc.type}, ${inc.location ?? inc.country}`, { kind: 'incident', id: inc.id }, 4),
			);
		}
	}
	if (art.tags.length) out.push(...field('Tags', art.tags.join(', '), cols));
	out.push(blank);
	if (art.summary) out.push(...highlighted(art.summary, rangesOf(hl, 'summary'), cols, 0, 'accent'), blank);
	out.push(...highlighted(art.body, rangesOf(hl, 'body'), cols));
	return out;
}
