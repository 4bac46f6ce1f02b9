// What `y` copies from a detail view: an incident as one line, an article as
// a reference-list citation, an actor or a country as its Markdown brief.
// The store's text was sanitized at load; it is sanitized again here so
// these functions are safe on any store.

import { asBackend } from '../core/backend/memory.js';
import type { Backend } from '../core/backend/types.js';
import { MONTHS } from '../core/dates.js';
import { killedPhrase } from '../core/fatalities.js';
import { UNICODE_GLYPHS } from '../core/glyphs.js';
import { shortName } from '../core/resolve.js';
import type { RiskWindow } from '../core/risk.js';
import { sanitizeLine, sanitizeText } from '../core/sanitize.js';
import type { Incident } from '../core/schema.js';
import type { Store } from '../core/store.js';
import { type BriefOptions, briefMarkdown } from './brief.js';
import type { Target } from './target.js';

export interface CopyText {
	what: 'incident line' | 'citation' | 'brief';
	text: string;
}

function actorName(store: Pick<Backend, 'actorById'>, id: string): string {
	const a = store.actorById.get(id);
	return a ? shortName(a) : id;
}

/** "ISKP (claimed)", "ISKP (claimed by Islamic State)", "claimed by X", "perpetrator unknown". */
function perpetrators(store: Pick<Backend, 'actorById'>, inc: Incident): string {
	const claim = inc.claimedBy;
	const names = inc.perpetrators.map((id) => `${actorName(store, id)}${id === claim ? ' (claimed)' : ''}`);
	if (!names.length) return claim ? `claimed by ${actorName(store, claim)}` : 'perpetrator unknown';
	const others = claim && !inc.perpetrators.includes(claim) ? ` (claimed by ${actorName(store, claim)})` : '';
	return `${names.join(', ')}${others}`;
}

/** Location and province (as the brief's tables give them), else the country's name. */
function place(store: Pick<Backend, 'countryByCode'>, inc: Incident): string {
	const admin1 = inc.admin1 && !inc.location?.includes(inc.admin1) ? inc.admin1 : undefined;
	return (
		[inc.location, admin1].filter(Boolean).join(', ') || (store.countryByCode.get(inc.country)?.name ?? inc.country)
	);
}

/**
 * "2024-03-22 · RU · armed assault · Crocus City Hall, Krasnogorsk, Moscow
 * Oblast · toll not reported · ISKP (claimed by Islamic State)" on one line.
 */
export function incidentCopy(source: Store | Backend, id: string): string | undefined {
	const store = asBackend(source);
	const inc = store.incident(id);
	if (!inc) return undefined;
	const parts = [
		inc.endDate ? `${inc.date} to ${inc.endDate}` : inc.date,
		inc.country,
		inc.type,
		place(store, inc),
		killedPhrase(inc.fatalities, UNICODE_GLYPHS.to),
		perpetrators(store, inc),
	];
	return sanitizeLine(parts.map(sanitizeLine).join(' · '));
}

/** "22 March 2024" for YYYY-MM-DD (anything after the day is ignored). */
export function longDate(date: string): string {
	const month = MONTHS[Number(date.slice(5, 7)) - 1];
	const day = Number(date.slice(8, 10));
	if (!month || !day) return date.slice(0, 10);
	return `${day} ${month} ${date.slice(0, 4)}`;
}

/** "Title. Outlet, 22 March 2024. URL", the URL only when the article has one. */
export function articleCitation(source: Store | Backend, id: string): string | undefined {
	const art = asBackend(source).article(id);
	if (!art) return undefined;
	const title = sanitizeLine(art.title);
	// A title that ends a sentence itself ("…?", "…!") takes no extra full stop.
	const parts = [
		/[.!?\u2026]["'\u201d\u2019)]*$/.test(title) ? title : `${title}.`,
		`${sanitizeLine(art.source)}, ${longDate(art.published)}.`,
	];
	const url = art.url ? sanitizeLine(art.url) : '';
	if (url) parts.push(url);
	return parts.join(' ');
}

/** What `y` copies for the view showing `target`; undefined when the record is not in the data. */
export function copyFor(
	source: Store | Backend,
	target: Target,
	window: RiskWindow,
	brief: BriefOptions = {},
): CopyText | undefined {
	const data = asBackend(source);
	switch (target.kind) {
		case 'incident': {
			const text = incidentCopy(source, target.id);
			return text === undefined ? undefined : { what: 'incident line', text };
		}
		case 'article': {
			const text = articleCitation(source, target.id);
			return text === undefined ? undefined : { what: 'citation', text };
		}
		case 'actor':
			if (!data.actorById.has(target.id)) return undefined;
			return { what: 'brief', text: sanitizeText(briefMarkdown(source, { actor: target.id }, window, brief)) };
		case 'country':
			if (!data.countryByCode.has(target.code) && !data.incidentCountries().includes(target.code)) return undefined;
			return { what: 'brief', text: sanitizeText(briefMarkdown(source, { country: target.code }, window, brief)) };
	}
}
