// Every core answer, asked of one backend: the fixed set of questions the
// conformance suite puts to each backend on the same data (issue 18). Each
// answer is plain JSON under a name that says what was asked, so a difference
// names the question. The next backend (a shared server) runs the same set.

import { actorProfile, actorRows } from '../../source/core/actorProfile.js';
import { activeRules, evaluate, recordFirings } from '../../source/core/alerts/evaluate.js';
import { type AlertRule, parseWhen, ruleId } from '../../source/core/alerts/rule.js';
import type { Backend } from '../../source/core/backend/types.js';
import { placeNames } from '../../source/core/placeNames.js';
import { Resolver } from '../../source/core/resolve.js';
import { RISK_WINDOWS, riskTable, riskWindow } from '../../source/core/risk.js';
import type { Incident } from '../../source/core/schema.js';
import { countDates, emptyFilter, TIMELINE_SORTS, type TimelineFilter } from '../../source/core/timeline.js';
import { idsOf, nextSeen, type Seen, watchKey, whatsNew } from '../../source/core/watch.js';
import { type ExportFilterInput, selectRecords } from '../../source/io/export.js';
import { briefMarkdown } from '../../source/present/brief.js';
import { items } from '../../source/ui/watch.js';

const PAGE = 50;

/** Filters that reach every clause: lists, exclusions, actors with the groups within them, dates, month-only spans. */
export function filtersFor(data: Backend): Record<string, TimelineFilter> {
	const countries = data.incidentCountries();
	const top = countries.slice(0, 3);
	const newest = data.newestDays().incident ?? '2025-01-01';
	const year = newest.slice(0, 4);
	const lastYear = String(Number(year) - 1);
	return {
		all: emptyFilter,
		oneCountry: { ...emptyFilter, countries: top.slice(0, 1) },
		twoCountries: { ...emptyFilter, countries: top.slice(0, 2) },
		notTwoCountries: { ...emptyFilter, notCountries: top.slice(0, 2) },
		types: { ...emptyFilter, types: ['suicide bombing', 'IED'] },
		notTypes: { ...emptyFilter, notTypes: ['armed clash'] },
		iskp: { ...emptyFilter, actors: ['iskp'] },
		// The Haqqani network sits within the Taliban: asking for the Taliban asks for it too.
		taliban: { ...emptyFilter, actors: ['taliban'] },
		notTaliban: { ...emptyFilter, notActors: ['taliban'] },
		lastYear: { ...emptyFilter, since: `${lastYear}-01-01`, until: `${lastYear}-12-31` },
		// A month's middle: month-only dates and spans overlap it.
		midMonth: { ...emptyFilter, since: `${lastYear}-06-10`, until: `${lastYear}-06-20` },
		combined: {
			...emptyFilter,
			countries: top.slice(0, 2),
			actors: ['ttp', 'iskp'],
			notTypes: ['protest'],
			since: `${Number(year) - 3}-01-01`,
		},
		// Actors with one of their groups left out (the sets holding it drop out whole), types, a country left out, an end.
		actorNotGroup: {
			...emptyFilter,
			actors: ['taliban'],
			notActors: ['haqqani-network'],
			notCountries: top.slice(0, 1),
			types: ['armed clash', 'IED', 'bombing', 'suicide bombing'],
			until: `${lastYear}-12-31`,
		},
		// Actors an incident may name together (counted once) in one country and some types, from a month's middle.
		actorsCountryType: {
			...emptyFilter,
			countries: top.slice(0, 1),
			actors: ['iskp', 'islamic-state', 'ttp'],
			types: ['suicide bombing', 'IED', 'armed clash'],
			since: `${Number(year) - 2}-06-10`,
		},
		// Every kind of exclusion at once: each read as all less what is left out.
		notEach: { ...emptyFilter, notCountries: top.slice(0, 1), notTypes: ['protest'], notActors: ['iskp'] },
	};
}

const ids = (rows: readonly Incident[]) => rows.map((r) => r.id);

export interface AnswerOptions {
	/** The actors whose profiles are asked for (default: every actor). */
	profiles?: readonly string[];
	/** The actors briefed (default: those profiled). */
	briefs?: readonly string[];
	/** The alert rules' periods (default: a day, a week, a month and a year). */
	alertPeriods?: readonly string[];
}

export function answersOf(data: Backend, opts: AnswerOptions = {}): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	out.totals = data.totals();
	out.incidentCountries = data.incidentCountries();
	out.placeNames = placeNames(data.placeCounts());
	out.newestDays = data.newestDays();
	out.actors = data.actors.map((a) => a.id);
	out.countries = data.countries.map((c) => c.code);

	const everyOther = data.incidentPage(emptyFilter, 'date', 0, 40);
	for (const [name, filter] of Object.entries(filtersFor(data))) {
		for (const sort of TIMELINE_SORTS) {
			const first = data.incidentPage(filter, sort, 0, PAGE);
			const lastOffset = Math.max(0, first.total - PAGE);
			const middle = data.incidentPage(filter, sort, Math.floor(first.total / 2), PAGE);
			const last = data.incidentPage(filter, sort, lastOffset, PAGE);
			out[`page ${name} by ${sort}`] = {
				total: first.total,
				untolled: first.untolled,
				first: first.rows,
				middle: ids(middle.rows),
				last: ids(last.rows),
				// Where a row of each page sits, and an incident of the whole set: -1 when the filter leaves it out.
				indexOf: [first.rows[0], middle.rows[1], last.rows.at(-1), everyOther.rows[7]].map((i) =>
					i ? data.incidentIndex(filter, sort, i.id) : null,
				),
			};
		}
		const dates = data.incidentDates(filter);
		out[`dates ${name}`] = dates;
		out[`weeks ${name}`] = countDates(dates, 'week');
		out[`months ${name}`] = countDates(dates, 'month');
	}

	const sample = data.incidentPage(emptyFilter, 'date', 0, 40).rows;
	out.incidentById = sample.map((i) => data.incident(i.id));
	out.missingIncident = data.incident('no-such-incident') ?? null;
	// The articles the sample's incidents cite, and which incidents cite each.
	const cited = [...new Set(sample.flatMap((i) => i.sources.filter((s): s is string => typeof s === 'string')))];
	out.citingIncidents = cited.map((a) => [a, ids(data.citingIncidents(a))]);

	for (const days of RISK_WINDOWS) {
		const window = riskWindow(data, { days });
		out[`window ${days}`] = window;
		const table = riskTable(data, window);
		// The explanation is built on demand: read it, so it is compared too.
		out[`risk ${days}`] = table.map((r) => ({ ...r, explanation: r.explanation }));
		for (const r of table.slice(0, 6)) {
			out[`countryIncidents ${r.code} ${days}`] = ids(data.countryIncidents(r.code, window, false));
			out[`countryDays ${r.code} ${days}`] = window.baseline.map((b) => data.countryDays(r.code, b, true));
			out[`countrySums ${r.code} ${days}`] = data.countrySums(r.code, window);
		}
		out[`actorRows ${days}`] = actorRows(data, window);
		out[`actorWindows ${days}`] = Object.fromEntries(
			[...data.actorWindows(window)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
		);
	}
	const machine = riskWindow(data, { days: 365, includeMachineCoded: true });
	out['risk 365 machine-coded'] = riskTable(data, machine).map((r) => ({ code: r.code, score: r.score }));
	for (const a of data.actors) out[`actorIncidents ${a.id}`] = ids(data.actorIncidents(a.id));
	// Every actor's profile: its activity, targets, window, affiliations and the articles that mention it.
	const window = riskWindow(data, { days: 365 });
	for (const a of data.actors) {
		if (opts.profiles && !opts.profiles.includes(a.id)) continue;
		const p = actorProfile(data, a.id, window);
		out[`actorProfile ${a.id}`] = p && {
			...p,
			incidents: p.incidents.map((i) => [i.incident.id, i.roles]),
			windowIncidents: p.windowIncidents.map((i) => i.incident.id),
			activity: p.activity.map((r) => ({ ...r, latest: r.latest.incident.id })),
			targets: p.targets.map((t) => ({ ...t, latest: t.latest.incident.id })),
			mentions: p.mentions.map((m) => ({ article: m.article.id, linked: m.linked, terms: m.terms, fields: m.fields })),
		};
	}
	out['actorIncidents unknown'] = ids(data.actorIncidents('no-such-actor'));

	// Briefs, whole: every country with incidents over 90 days, and over 30 (where a quiet country
	// lists the latest incidents before the window); the actors asked for.
	for (const days of [90, 30] as const) {
		const w = riskWindow(data, { days });
		for (const code of data.incidentCountries())
			out[`brief ${code} ${days}`] = briefMarkdown(data, { country: code }, w, { source: 'data' });
	}
	for (const a of data.actors) {
		if (!(opts.briefs ?? opts.profiles ?? [a.id]).includes(a.id)) continue;
		out[`brief ${a.id}`] = briefMarkdown(data, { actor: a.id }, window, { source: 'data' });
	}

	// Exports: what each kind selects, by filters, by a query (ranked or by date), limited.
	const resolver = new Resolver(data);
	const [first, second] = data.incidentCountries();
	const exports: [string, 'incidents' | 'articles' | 'actors', ExportFilterInput][] = [
		['incidents', 'incidents', { country: first, actor: 'taliban', limit: 2000 }],
		['incidents excluding', 'incidents', { country: `-${second}`, type: 'IED', since: '2020-01-01', limit: 2000 }],
		['articles', 'articles', { actor: 'taliban', country: `-${second}`, since: '2020-01-01' }],
		['articles queried', 'articles', { query: 'kabul attack' }],
		['articles queried by date', 'articles', { query: 'kabul', sort: 'date', limit: 50, until: '2024-12-31' }],
		['actors queried', 'actors', { query: 'haqani' }],
		['actors', 'actors', { country: first }],
	];
	for (const [name, kind, input] of exports) out[`export ${name}`] = selectRecords(data, resolver, kind, input);

	// Alert rules on watched items (an actor with its subgroups, a country, a type) and on queries,
	// over short and long periods ending the day after the newest incident; then what is kept of firings.
	const newest = data.newestDays().incidentDate?.slice(0, 10) ?? '2025-01-01';
	const now = new Date(Date.parse(`${newest}T12:00:00Z`) + 86_400_000);
	const rules: AlertRule[] = [];
	for (const period of opts.alertPeriods ?? ['>=1 in 24h', '>=1 in 7d', '>=2 in 30d', '>=1 in 52w']) {
		const when = parseWhen(period);
		if ('error' in when) throw new Error(when.error);
		for (const key of ['actor:taliban', 'actor:iskp', `country:${first}`, 'type:IED', 'type:airstrike'])
			rules.push({ target: { kind: 'watch', key }, when });
		for (const query of ['kabul attack', 'attack -suicide', 'source:reuters', 'kabul country:AF'])
			rules.push({ target: { kind: 'query', query }, when });
	}
	const keys = ['actor:taliban', 'actor:iskp', `country:${first}`, 'type:IED', 'type:airstrike'];
	const ev = evaluate(data, activeRules(rules, keys), {}, now, () => resolver);
	out.alerts = ev.alerts.map((a) => ({ id: a.id, label: a.label, incidents: a.incidents, articles: a.articles }));
	out.alertsSkipped = ev.skipped;
	const older = new Date(now.getTime() + 20 * 86_400_000);
	const fired = Object.fromEntries(
		ev.alerts.map((a) => [a.id, { incidents: [...a.incidents, 'gone'], articles: a.articles, at: now.toISOString() }]),
	);
	out.firingsKept = recordFirings(fired, [], data, rules, older);
	out.incidentsOf = [
		data.incidentsOf({ actors: ['taliban', 'iskp'] }, '2020-01-01', newest),
		data.incidentsOf({ country: first ?? 'AF', type: 'IED' }, '2021-08-15', '2021-12-31'),
	].map(ids);
	out.firedIds = ev.alerts.map((a) => ruleId(a.rule));

	// The watchlist: every record of an item (an actor with its subgroups, a country, a type), and
	// what is new against a seen state that lacks the newest few of each.
	const watched = items(keys);
	out.watchIds = watched.map((item) => idsOf(data, item));
	const seen: Seen = {
		since: '2025-01-01T00:00:00Z',
		items: Object.fromEntries(
			watched.map((item, i) => {
				const ids = idsOf(data, item);
				return [watchKey(item), { incidents: ids.incidents.slice(i + 1), articles: ids.articles.slice(2) }];
			}),
		),
	};
	const news = whatsNew(data, watched, seen);
	out.whatsNew = { ...news, newIncidentIds: [...news.newIncidentIds], newArticleIds: [...news.newArticleIds] };
	out.nextSeen = nextSeen(data, watched, { incidents: new Set(news.newIncidentIds), articles: new Set() }, 'now');
	return out;
}
