// Alert rules in `sitrep watch`: evaluated for the report (printed, and
// recorded so that cron is told once), and added or removed with the items.
import { type Alert, activeRules, alertCount, evaluate, recordFirings, ruleLabel } from '../core/alerts/evaluate.js';
import {
	type AlertRule,
	MAX_NAME_LENGTH,
	MAX_QUERY_LENGTH,
	parseWhen,
	periodText,
	ruleId,
	settingOfRule,
	whenLabel,
	whenText,
} from '../core/alerts/rule.js';
import type { Backend } from '../core/backend/types.js';
import { G } from '../core/glyphs.js';
import type { Resolver } from '../core/resolve.js';
import { sanitizeLine } from '../core/sanitize.js';
import { parseQuery } from '../core/search/index.js';
import { fit, truncate } from '../core/width.js';
import { plural } from '../core/words.js';
import { loadFired, saveFired } from '../io/settings/alertState.js';
import { alertRulesOf, type ConfigHandle } from '../io/settings/config.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export interface AlertFlags {
	alert?: string;
	alertQuery?: string;
	name?: string;
	peek?: boolean;
	asOf?: string;
}

export const rulesOf = (config: ConfigHandle): AlertRule[] => alertRulesOf(config.settings);

/** `--as-of 2025-06-01`: the last millisecond of that UTC day; undefined for anything but a real YYYY-MM-DD. */
export function endOfDay(text: string): Date | undefined {
	const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
	if (!m) return undefined;
	const start = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
	if (new Date(start).toISOString().slice(0, 10) !== text.trim()) return undefined;
	return new Date(start + 86_400_000 - 1);
}

export interface AlertRun {
	alerts: Alert[];
	/** Why what fired could not be recorded (it fires again next run). */
	failed?: string;
}

/**
 * Evaluates the rules in force against the store; records what fired unless
 * `record` is false. Notices, rules that could not be evaluated and failures
 * go to stderr.
 */
export async function runAlerts(
	data: Backend,
	/** The data directory: what fired is kept per directory. */
	dir: string,
	resolver: Resolver,
	config: ConfigHandle,
	watched: readonly string[],
	now: Date,
	record: boolean,
	ctx: Ctx,
): Promise<AlertRun> {
	const all = rulesOf(config);
	if (all.length === 0) return { alerts: [] };
	const loaded = loadFired(dir);
	if (loaded.notice) ctx.err(sanitizeLine(`sitrep watch: ${loaded.notice}`));
	const ev = evaluate(data, activeRules(all, watched), loaded.fired, now, () => resolver);
	for (const s of ev.skipped) ctx.err(sanitizeLine(`sitrep watch: alert "${s.label}" not evaluated: ${s.error}`));
	if (!record) return { alerts: ev.alerts };
	if (loaded.error) return { alerts: ev.alerts, failed: `${loaded.error}; nothing recorded` };
	const next = recordFirings(loaded.fired, ev.alerts, data, all, now, { forget: true });
	// Nothing fired and nothing to forget: the file stays as it is.
	if (!ev.alerts.length && JSON.stringify(next) === JSON.stringify(loaded.fired)) return { alerts: ev.alerts };
	const failed = await saveFired(dir, (disk) => recordFirings(disk, ev.alerts, data, all, now, { forget: true }));
	return failed ? { alerts: ev.alerts, failed } : { alerts: ev.alerts };
}

export function alertJson(a: Alert) {
	const on = a.rule.target.kind === 'watch' ? { watch: a.rule.target.key } : { query: a.rule.target.query };
	return {
		rule: a.id,
		name: a.label,
		...on,
		when: whenText(a.rule.when),
		threshold: a.rule.when.threshold,
		period: periodText(a.rule.when),
		count: alertCount(a),
		records: [...a.incidents, ...a.articles],
		new: [...a.fresh.incidents, ...a.fresh.articles],
		incidents: a.incidents,
		articles: a.articles,
		firedAt: a.firedAt,
	};
}

/** "▲ Alert: ISKP ≥1 in 24h: 2 records in the last 24h (1 new)", then the new records. */
export function printAlerts(data: Backend, alerts: readonly Alert[], ctx: Ctx): void {
	for (const a of alerts) {
		const n = alertCount(a);
		const fresh = alertCount(a.fresh);
		ctx.out(
			sanitizeLine(
				`${G.alert} Alert: ${a.label} ${whenLabel(a.rule.when)}: ${plural(n, 'record')} in the last ${periodText(a.rule.when)}${fresh < n ? ` (${fresh} new)` : ''}`,
			),
		);
		for (const id of a.fresh.incidents) {
			const inc = data.incident(id);
			if (inc)
				ctx.out(
					`  ${fit(sanitizeLine(inc.date), 10)}  ${fit(sanitizeLine(inc.country), 2)}  ${fit(sanitizeLine(inc.type), 16)}  ${truncate(sanitizeLine(inc.description), 80)}`,
				);
		}
		for (const id of a.fresh.articles) {
			const art = data.article(id);
			if (art)
				ctx.out(
					`  ${fit(sanitizeLine(art.published.slice(0, 10)), 10)}  ${fit(sanitizeLine(art.source), 16)}  ${truncate(sanitizeLine(art.title), 80)}`,
				);
		}
	}
}

/** The rule the flags describe, on an item key or on --alert-query; or a usage message. */
export function ruleFromFlags(flags: AlertFlags, resolver: Resolver, key?: string): AlertRule | string {
	const when = parseWhen(flags.alert ?? '');
	if ('error' in when) return `--alert: ${when.error}`;
	const name = flags.name?.trim();
	if (flags.name !== undefined && (!name || name.length > MAX_NAME_LENGTH))
		return `--name: expected a name of 1 to ${MAX_NAME_LENGTH} characters`;
	const named = name ? { name } : {};
	if (key !== undefined) return { target: { kind: 'watch', key }, when, ...named };
	const query = (flags.alertQuery ?? '').trim();
	if (!query || query.length > MAX_QUERY_LENGTH)
		return `--alert-query: expected a search query of 1 to ${MAX_QUERY_LENGTH} characters`;
	const bad = parseQuery(query, resolver).errors[0];
	if (bad) {
		const hint = bad.suggestions.length ? ` (did you mean: ${bad.suggestions.join('; ')}?)` : '';
		return `--alert-query: ${bad.token}: ${bad.message}${hint}`;
	}
	return { target: { kind: 'query', query }, when, ...named };
}

export function ruleJson(data: Backend, rule: AlertRule) {
	return { rule: ruleId(rule), name: ruleLabel(data, rule), ...settingOfRule(rule) };
}

/** Adds a rule unless the same one is there: whether it was, or why it could not be saved. */
export async function saveRule(
	config: ConfigHandle,
	rule: AlertRule,
): Promise<{ there: boolean } | { failed: string }> {
	const rules = rulesOf(config);
	const id = ruleId(rule);
	if (rules.some((r) => ruleId(r) === id)) return { there: true };
	const failed = await config.save('alerts', [...rules, rule].map(settingOfRule));
	return failed ? { failed } : { there: false };
}

/** Drops the rules `which` picks: those dropped, or why they could not be. */
export async function dropRules(
	config: ConfigHandle,
	which: (r: AlertRule) => boolean,
): Promise<{ gone: AlertRule[] } | { failed: string }> {
	const rules = rulesOf(config);
	const gone = rules.filter(which);
	if (gone.length === 0) return { gone };
	const failed = await config.save('alerts', rules.filter((r) => !which(r)).map(settingOfRule));
	return failed ? { failed } : { gone };
}

/** "ISKP when ≥1 in 24h". */
export const ruleText = (data: Backend, rule: AlertRule) => `${ruleLabel(data, rule)} when ${whenLabel(rule.when)}`;

/**
 * `watch add --alert-query Q --alert W [--name N]` and `watch remove --alert-query Q [--alert W]`.
 * Resolves to the exit status, or to a usage message.
 */
export async function editQueryRule(
	data: Backend,
	resolver: Resolver,
	action: 'add' | 'remove',
	config: ConfigHandle,
	flags: AlertFlags & { json: boolean },
	ctx: Ctx,
): Promise<number | string> {
	const fail = (failed: string) => {
		ctx.err(sanitizeLine(`sitrep watch ${action}: ${failed}`));
		return EXIT.data;
	};
	if (action === 'add') {
		const rule = ruleFromFlags(flags, resolver);
		if (typeof rule === 'string') return rule;
		const r = await saveRule(config, rule);
		if ('failed' in r) return fail(r.failed);
		if (flags.json) ctx.out(terminalJson(ruleJson(data, rule), 0));
		else ctx.out(sanitizeLine(`${r.there ? 'already alerting on' : 'alert on'} ${ruleText(data, rule)}`));
		return EXIT.ok;
	}
	const query = (flags.alertQuery ?? '').trim();
	let when: string | undefined;
	if (flags.alert !== undefined) {
		const w = parseWhen(flags.alert);
		if ('error' in w) return `--alert: ${w.error}`;
		when = whenText(w);
	}
	const r = await dropRules(
		config,
		(x) => x.target.kind === 'query' && x.target.query === query && (when === undefined || whenText(x.when) === when),
	);
	if ('failed' in r) return fail(r.failed);
	if (flags.json) ctx.out(terminalJson({ removed: r.gone.map((x) => ruleJson(data, x)) }, 0));
	else
		ctx.out(
			sanitizeLine(
				r.gone.length
					? `removed ${plural(r.gone.length, 'alert rule')} on the query ${query}`
					: `no alert rule on the query ${query}${when ? ` ${when}` : ''}`,
			),
		);
	return EXIT.ok;
}

/** `watch list`: each rule under its item, or under "query". */
export function ruleLines(rules: readonly AlertRule[], key: string | undefined): string[] {
	return rules
		.filter((r) => (key === undefined ? r.target.kind === 'query' : r.target.kind === 'watch' && r.target.key === key))
		.map((r) => {
			const name = r.name ? ` "${r.name}"` : '';
			const query = r.target.kind === 'query' ? `: ${r.target.query}` : '';
			return `${fit('', 28)}  ${sanitizeLine(`alert ${whenLabel(r.when)}${name}${query}`)}`;
		});
}
