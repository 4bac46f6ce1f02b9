// sitrep watch [--json] [--mark-seen] | add NAME | remove NAME | list: what is
// new for the watchlist since the last session, and editing the list. Reporting
// marks nothing seen (it may run from cron); --mark-seen does. Alert rules that
// fire are reported too, and recorded (watchAlerts.ts).
import { type AlertRule, ruleId } from '../core/alerts/rule.js';
import type { Backend } from '../core/backend/types.js';
import { squash } from '../core/fold.js';
import type { Resolved, Resolver } from '../core/resolve.js';
import { sanitizeLine } from '../core/sanitize.js';
import { byDateDesc } from '../core/store.js';
import {
	idsOf,
	newCounts,
	nextSeen,
	parseWatchKey,
	summarize,
	type WatchItem,
	type WatchKind,
	watchKey,
	watchLabel,
	whatsNew,
} from '../core/watch.js';
import { fit, truncate } from '../core/width.js';
import type { ConfigHandle } from '../io/settings/config.js';
import { loadSeen, saveSeen } from '../io/settings/watchState.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';
import {
	type AlertFlags,
	alertJson,
	dropRules,
	editQueryRule,
	endOfDay,
	printAlerts,
	ruleFromFlags,
	ruleJson,
	ruleLines,
	rulesOf,
	ruleText,
	runAlerts,
	saveRule,
} from './watchAlerts.js';

export interface WatchFlags extends AlertFlags {
	json: boolean;
	markSeen: boolean;
	/** The session time; tests pin it. */
	now?: Date;
}

/** The watchlist as the settings were read at start-up (a list that was not strings was dropped then, with a warning). */
function storedKeys(config: ConfigHandle): string[] {
	return config.settings.watchlist ?? [];
}

/** Through the settings handle, as the dashboard's `w` saves it; returns why it could not be saved. */
function writeKeys(config: ConfigHandle, keys: string[]): Promise<string | undefined> {
	return config.save('watchlist', keys);
}

/** The words that name an item exactly (ignoring case and punctuation), to prefer "Iran" the country over "Iran govt". */
function namesOf(data: Pick<Backend, 'actorById' | 'countryByCode'>, item: WatchItem): string[] {
	if (item.kind === 'actor') {
		const a = data.actorById.get(item.id);
		return a ? [a.id, a.name, ...(a.short ? [a.short] : []), ...a.aliases] : [item.id];
	}
	if (item.kind === 'country') return [item.id, data.countryByCode.get(item.id)?.name ?? ''];
	return [item.id];
}

/** "iskp", "Pakistan", "IED", "actor:haqani", "country:AF": one item, or why not. */
export function resolveWatchItem(resolver: Resolver, input: string): Resolved<WatchItem> {
	const m = /^(actor|country|type):(.*)$/i.exec(input.trim());
	const kinds: WatchKind[] = m ? [m[1]?.toLowerCase() as WatchKind] : ['actor', 'country', 'type'];
	const text = (m ? m[2] : input)?.trim() ?? '';
	const found: WatchItem[] = [];
	const suggestions: string[] = [];
	const errors: string[] = [];
	for (const kind of kinds) {
		const r = resolver[kind](text);
		if (r.ok) found.push({ kind, id: r.value });
		else {
			errors.push(r.error);
			suggestions.push(...r.suggestions);
		}
	}
	const q = squash(text);
	const exact = found.filter((it) => namesOf(resolver.data, it).some((n) => squash(n) === q));
	if (exact.length === 1 && exact[0]) return { ok: true, value: exact[0] };
	// "armed" is two types before it is a fuzzy match for an actor: a lone near match wins only when nothing is ambiguous.
	const several = errors.find((e) => e.includes('matches several'));
	if (found.length === 1 && found[0] && exact.length === 0 && !several) return { ok: true, value: found[0] };
	if (found.length > 0) {
		return {
			ok: false,
			error: `"${text}" could be several things; be more precise, or give a key such as type:IED`,
			suggestions: [...found.map(watchKey), ...suggestions],
		};
	}
	const error =
		several ?? (kinds.length > 1 && q !== '' ? `no actor, country or incident type "${text}"` : (errors[0] ?? ''));
	return { ok: false, error, suggestions };
}

function usage(ctx: Ctx, message: string): number {
	ctx.err(sanitizeLine(`sitrep watch: ${message}`));
	ctx.err(
		'Usage: sitrep watch [--json] [--mark-seen] [--peek] | sitrep watch add|remove NAME|KEY [--alert WHEN] | sitrep watch add|remove --alert-query QUERY --alert WHEN | sitrep watch list',
	);
	return EXIT.usage;
}

export async function runWatch(
	data: Backend,
	/** The data directory: what was seen and what fired are kept per directory. */
	dir: string,
	resolver: Resolver,
	args: string[],
	config: ConfigHandle,
	flags: WatchFlags,
	ctx: Ctx,
): Promise<number> {
	const [action, ...rest] = args;
	const now = flags.now ?? new Date();
	const misplaced = misplacedFlag(action, flags);
	if (misplaced) return usage(ctx, misplaced);
	if (action === 'add' || action === 'remove') {
		if (flags.alertQuery !== undefined) {
			if (rest.length) return usage(ctx, `${action}: give a NAME or --alert-query, not both`);
			const done = await editQueryRule(data, resolver, action, config, flags, ctx);
			return typeof done === 'string' ? usage(ctx, done) : done;
		}
		if (rest.length === 0) return usage(ctx, `${action}: expected a name or key (or --alert-query QUERY)`);
		return edit(data, dir, resolver, action, rest.join(' '), config, flags, now, ctx);
	}
	if (action === 'list') {
		if (rest.length) return usage(ctx, 'list takes no arguments');
		return list(data, config, flags.json, ctx);
	}
	if (action !== undefined) return usage(ctx, `unknown action "${action}"; expected add, remove or list`);
	let at = now;
	if (flags.asOf !== undefined) {
		const end = endOfDay(flags.asOf);
		if (!end) return usage(ctx, `--as-of: expected a date YYYY-MM-DD, found "${flags.asOf}"`);
		at = end;
	}
	return report(data, dir, resolver, config, flags, now, at, ctx);
}

/** A flag given with an action it does not go with: why, else undefined. */
function misplacedFlag(action: string | undefined, flags: WatchFlags): string | undefined {
	const edits = action === 'add' || action === 'remove';
	const reportOnly = { markSeen: '--mark-seen', peek: '--peek', asOf: '--as-of' } as const;
	for (const [k, flag] of Object.entries(reportOnly)) {
		const v = flags[k as keyof typeof reportOnly];
		if (action !== undefined && v !== undefined && v !== false)
			return `${flag} goes with the report, not with "${action}"`;
	}
	const editOnly = { alert: '--alert', alertQuery: '--alert-query', name: '--name' } as const;
	for (const [k, flag] of Object.entries(editOnly)) {
		if (!edits && flags[k as keyof typeof editOnly] !== undefined)
			return `${flag} goes with add or remove${action ? `, not with "${action}"` : ''}`;
	}
	if (action === 'add' && flags.alertQuery !== undefined && flags.alert === undefined)
		return 'add --alert-query needs --alert WHEN (such as ">=2 in 7d")';
	if (action === 'add' && flags.name !== undefined && flags.alert === undefined) return '--name names an --alert rule';
	if (action === 'remove' && flags.name !== undefined) return '--name goes with add';
	return undefined;
}

function list(data: Backend, config: ConfigHandle, json: boolean, ctx: Ctx): number {
	const keys = storedKeys(config);
	const items = keys.flatMap((k) => parseWatchKey(k) ?? []);
	const rows = items.map((item) => ({ key: watchKey(item), label: watchLabel(data, item) }));
	const rules = rulesOf(config);
	if (json) {
		const active = (r: AlertRule) => r.target.kind === 'query' || keys.includes(r.target.key);
		ctx.out(terminalJson({ items: rows, alerts: rules.map((r) => ({ ...ruleJson(data, r), active: active(r) })) }));
		return EXIT.ok;
	}
	for (const r of rows) {
		ctx.out(`${fit(sanitizeLine(r.key), 28)}  ${sanitizeLine(r.label)}`);
		for (const line of ruleLines(rules, r.key)) ctx.out(line);
	}
	// Rules on items no longer watched (unwatched in the dashboard) are silent until they are watched again.
	for (const r of rules) {
		if (r.target.kind === 'watch' && !keys.includes(r.target.key)) {
			ctx.out(`${fit(sanitizeLine(r.target.key), 28)}  (not watched: its alert rules are silent)`);
			for (const line of ruleLines([r], r.target.key)) ctx.out(line);
		}
	}
	const queries = ruleLines(rules, undefined);
	if (queries.length) ctx.out(`${fit('query', 28)}  (alert rules on search queries)`);
	for (const line of queries) ctx.out(line);
	if (rows.length === 0) ctx.err('Watching nothing; add with: sitrep watch add NAME');
	return EXIT.ok;
}

async function report(
	data: Backend,
	dir: string,
	resolver: Resolver,
	config: ConfigHandle,
	flags: WatchFlags,
	now: Date,
	at: Date,
	ctx: Ctx,
): Promise<number> {
	const items = storedKeys(config).flatMap((k) => parseWatchKey(k) ?? []);
	const { seen, error, notice } = loadSeen(dir);
	if (notice) ctx.err(sanitizeLine(`sitrep watch: ${notice}`));
	if (error) {
		ctx.err(sanitizeLine(`sitrep watch: ${error}`));
		if (flags.markSeen) {
			ctx.err('Nothing marked seen: fix or delete watch.json (next to the file `sitrep config path` shows).');
			return EXIT.data;
		}
	}
	const w = whatsNew(data, items, seen);
	// A replay (--as-of) or a --peek tells, and leaves the next run to tell again.
	const record = !flags.peek && flags.asOf === undefined;
	const fired = await runAlerts(data, dir, resolver, config, storedKeys(config), at, record, ctx);
	if (fired.failed) ctx.err(sanitizeLine(`sitrep watch: ${fired.failed}`));
	const alerted = fired.alerts.length ? EXIT.alert : EXIT.ok;
	if (flags.json) {
		ctx.out(
			terminalJson({
				since: w.since ?? null,
				items: w.items.map(({ key, label, incidents, articles }) => ({ key, label, incidents, articles })),
				totals: { incidents: w.incidents, articles: w.articles },
				alerts: fired.alerts.map(alertJson),
			}),
		);
	} else {
		printAlerts(data, fired.alerts, ctx);
		for (const it of w.items)
			ctx.out(sanitizeLine(`${it.label}: ${newCounts(it.incidents.length, it.articles.length)}`));
		ctx.out(sanitizeLine(summarize(w, now)));
		listNew(data, w.newIncidentIds, w.newArticleIds, ctx);
		if (items.length === 0) ctx.err('Add to the watchlist with: sitrep watch add NAME (an actor, a country or a type)');
	}
	if (!flags.markSeen) return alerted;
	const failed = await saveSeen(
		nextSeen(data, items, { incidents: new Set(), articles: new Set() }, now.toISOString()),
		dir,
	);
	if (failed) {
		ctx.err(sanitizeLine(`sitrep watch: ${failed}`));
		return EXIT.data;
	}
	if (!flags.json) ctx.err('Marked seen.');
	return alerted;
}

/** The new incidents in the Timeline's columns (date, country, type) with what happened, then the new articles. */
function listNew(data: Backend, incidentIds: ReadonlySet<string>, articleIds: ReadonlySet<string>, ctx: Ctx): void {
	const incidents = [...incidentIds].flatMap((id) => data.incident(id) ?? []).sort(byDateDesc);
	if (incidents.length) {
		ctx.out('');
		ctx.out(`${fit('DATE', 10)}  CC  ${fit('TYPE', 16)}  WHAT HAPPENED`);
		for (const inc of incidents) {
			const what = truncate(sanitizeLine(inc.description), 90);
			ctx.out(
				`${fit(sanitizeLine(inc.date), 10)}  ${fit(sanitizeLine(inc.country), 2)}  ${fit(sanitizeLine(inc.type), 16)}  ${what}`,
			);
		}
	}
	const articles = [...articleIds].flatMap((id) => data.article(id) ?? []);
	articles.sort((a, b) => byDateDesc({ date: a.published, id: a.id }, { date: b.published, id: b.id }));
	if (articles.length) {
		ctx.out('');
		ctx.out(`${fit('PUBLISHED', 10)}  ${fit('SOURCE', 16)}  TITLE`);
		for (const a of articles) {
			const title = truncate(sanitizeLine(a.title), 90);
			ctx.out(`${fit(sanitizeLine(a.published.slice(0, 10)), 10)}  ${fit(sanitizeLine(a.source), 16)}  ${title}`);
		}
	}
}

async function edit(
	data: Backend,
	dir: string,
	resolver: Resolver,
	action: 'add' | 'remove',
	input: string,
	config: ConfigHandle,
	flags: WatchFlags,
	now: Date,
	ctx: Ctx,
): Promise<number> {
	const keys = storedKeys(config);
	const rules = rulesOf(config);
	// A key already on the list (or with rules) is removed as given, even if the data no longer has that actor.
	const known = keys.includes(input.trim()) || rules.some((x) => ruleOn(x, input.trim()));
	const listed = action === 'remove' && known ? parseWatchKey(input.trim()) : undefined;
	const r: Resolved<WatchItem> = listed ? { ok: true, value: listed } : resolveWatchItem(resolver, input);
	if (!r.ok) {
		const hint = r.suggestions.length ? ` (did you mean: ${r.suggestions.join('; ')}?)` : '';
		ctx.err(sanitizeLine(`sitrep watch ${action}: ${r.error}${hint}`));
		return EXIT.usage;
	}
	const key = watchKey(r.value);
	const label = watchLabel(data, r.value);
	// The rule is checked before anything changes.
	const rule = flags.alert === undefined ? undefined : ruleFromFlags(flags, resolver, key);
	if (typeof rule === 'string') return usage(ctx, rule);
	const watched = keys.includes(key);
	const fail = (failed: string) => {
		ctx.err(sanitizeLine(`sitrep watch ${action}: ${failed}`));
		return EXIT.data;
	};
	const say = (text: string, on: boolean, more: Record<string, unknown> = {}) => {
		if (flags.json) ctx.out(terminalJson({ key, label, watched: on, ...more }, 0));
		else ctx.out(sanitizeLine(text));
		return EXIT.ok;
	};
	if (action === 'remove') {
		if (rule) {
			const gone = await dropRules(config, (x) => ruleId(x) === ruleId(rule));
			if ('failed' in gone) return fail(gone.failed);
			const text = `${gone.gone.length ? 'no longer alerting on' : 'no alert on'} ${ruleText(data, rule)}`;
			return say(text, watched, { removed: gone.gone.map((x) => ruleJson(data, x)) });
		}
		// Its seen entry is left: the next session's nextSeen drops entries of unwatched items.
		const failed = watched
			? await writeKeys(
					config,
					keys.filter((k) => k !== key),
				)
			: undefined;
		if (failed) return fail(failed);
		const gone = await dropRules(config, (x) => ruleOn(x, key));
		if ('failed' in gone) return fail(gone.failed);
		const n = gone.gone.length;
		const rulesSaid = n === 1 ? ' and its alert rule' : n ? ` and its ${n} alert rules` : '';
		const text = watched ? `no longer watching ${label} (${key})${rulesSaid}` : `not watching ${label} (${key})`;
		return say(n && !watched ? `no longer alerting on ${label} (${key})` : text, false, {
			removed: gone.gone.map((x) => ruleJson(data, x)),
		});
	}
	let said = watched ? '' : `watching ${label} (${key})`;
	if (!watched) {
		// A new item starts with everything current seen, so only what comes after is new.
		const { seen, error, notice } = loadSeen(dir);
		if (notice) ctx.err(sanitizeLine(`sitrep watch add: ${notice}`));
		if (error) {
			ctx.err(sanitizeLine(`sitrep watch add: ${error}`));
			ctx.err('Nothing changed: fix or delete watch.json (next to the file `sitrep config path` shows).');
			return EXIT.data;
		}
		const base = seen ?? { since: now.toISOString(), items: {} };
		const failed =
			(await saveSeen({ since: base.since, items: { ...base.items, [key]: idsOf(data, r.value) } }, dir)) ??
			(await writeKeys(config, [...keys, key]));
		if (failed) return fail(failed);
	}
	if (!rule) return say(said || `already watching ${label} (${key})`, true);
	const saved = await saveRule(config, rule);
	if ('failed' in saved) return fail(saved.failed);
	said = `${said ? `${said}; ` : ''}${saved.there ? 'already alerting on' : 'alert on'} ${ruleText(data, rule)}`;
	return say(said, true, { alert: ruleJson(data, rule) });
}

const ruleOn = (rule: AlertRule, key: string) => rule.target.kind === 'watch' && rule.target.key === key;
