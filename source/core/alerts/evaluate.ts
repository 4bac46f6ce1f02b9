// When a rule fires: its condition holds now AND at least one record it
// counts has not fired it before. What each rule fired for is remembered
// (per data directory, io/settings/alertState.ts), so a cron job or a
// dashboard left open tells of the same records once; a new one fires the
// rule again, with everything it counts.

import type { Backend } from '../backend/types.js';
import type { Resolver } from '../resolve.js';
import { parseWatchKey, watchLabel } from '../watch.js';
import { articleIn, incidentIn, matching, periodOf } from './match.js';
import { type AlertRule, ruleId } from './rule.js';

export interface FiredEntry {
	incidents: string[];
	articles: string[];
	/** When it last fired (ISO). */
	at: string;
}

/** What each rule has fired for, by rule id. */
export type Fired = Record<string, FiredEntry>;

export interface Alert {
	id: string;
	rule: AlertRule;
	/** The rule's name, else the watched item's label, else its query. */
	label: string;
	/** Everything the rule counts in its period, newest first. */
	incidents: string[];
	articles: string[];
	/** Those it had not fired for before. */
	fresh: { incidents: string[]; articles: string[] };
	firedAt: string;
}

export const alertCount = (a: Pick<Alert, 'incidents' | 'articles'>) => a.incidents.length + a.articles.length;

/** A rule that could not be evaluated (a query naming what the data does not have). */
export interface Skipped {
	id: string;
	label: string;
	error: string;
}

export interface Evaluation {
	alerts: Alert[];
	skipped: Skipped[];
}

export function ruleLabel(store: Parameters<typeof watchLabel>[0], rule: AlertRule): string {
	if (rule.name) return rule.name;
	if (rule.target.kind === 'query') return rule.target.query;
	const item = parseWatchKey(rule.target.key);
	return item ? watchLabel(store, item) : rule.target.key;
}

/**
 * The rules in force: once each, and a rule on an item only while the item is
 * watched (unwatching it in the dashboard silences it; watching it again
 * brings it back).
 */
export function activeRules(rules: readonly AlertRule[], watched: readonly string[]): AlertRule[] {
	const ids = new Set<string>();
	return rules.filter((r) => {
		const id = ruleId(r);
		if (ids.has(id) || (r.target.kind === 'watch' && !watched.includes(r.target.key))) return false;
		ids.add(id);
		return true;
	});
}

export function evaluate(
	data: Backend,
	rules: readonly AlertRule[],
	fired: Fired,
	now: Date,
	/** Asked for only by a rule on a query (the dashboard builds its resolver when first needed). */
	resolver: () => Resolver,
): Evaluation {
	const out: Evaluation = { alerts: [], skipped: [] };
	const seen = new Set<string>();
	for (const rule of rules) {
		const id = ruleId(rule);
		if (seen.has(id)) continue;
		seen.add(id);
		const label = ruleLabel(data, rule);
		const m = matching(data, rule, periodOf(rule, now.getTime()), resolver);
		if ('error' in m) {
			out.skipped.push({ id, label, error: m.error });
			continue;
		}
		if (alertCount(m) < rule.when.threshold) continue;
		const before = fired[id];
		const oldIncidents = new Set(before?.incidents);
		const oldArticles = new Set(before?.articles);
		const fresh = {
			incidents: m.incidents.filter((x) => !oldIncidents.has(x)),
			articles: m.articles.filter((x) => !oldArticles.has(x)),
		};
		if (alertCount(fresh) === 0) continue;
		out.alerts.push({ id, rule, label, ...m, fresh, firedAt: now.toISOString() });
	}
	return out;
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])].sort();

/**
 * The memory after these firings: each alert's records added to its rule's
 * entry. Ids of records that have left their rule's period are dropped (they
 * can never count again); ids the data does not hold are kept, as another
 * process may be looking at more of the data. With `forget`, entries of rules
 * no longer in `rules` go too (the command line reads the settings afresh;
 * a dashboard's may be older than the file).
 */
export function recordFirings(
	fired: Fired,
	alerts: readonly Alert[],
	data: Backend,
	rules: readonly AlertRule[],
	now: Date,
	opts: { forget?: boolean } = {},
): Fired {
	const byId = new Map(rules.map((r) => [ruleId(r), r]));
	const next: Fired = {};
	for (const [id, entry] of Object.entries(fired)) {
		const rule = byId.get(id);
		if (!rule && opts.forget) continue;
		if (!rule) {
			next[id] = entry;
			continue;
		}
		const period = periodOf(rule, now.getTime());
		next[id] = {
			incidents: entry.incidents.filter((x) => {
				const inc = data.incident(x);
				return !inc || incidentIn(inc, period);
			}),
			articles: entry.articles.filter((x) => {
				const a = data.article(x);
				return !a || articleIn(a, period);
			}),
			at: entry.at,
		};
	}
	for (const a of alerts) {
		const e = next[a.id];
		next[a.id] = {
			incidents: union(e?.incidents ?? [], a.incidents),
			articles: union(e?.articles ?? [], a.articles),
			at: a.firedAt,
		};
	}
	return next;
}
