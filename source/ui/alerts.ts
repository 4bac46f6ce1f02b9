// Alert rules in the dashboard: checked when the data changes (at start, and
// each time the App is given a new store), never on a key. What fired this
// session is listed (`a`), the latest unread alert is on the Watch line, and
// each check that fires is a numbered batch the App notifies and records once.
import {
	type Alert,
	activeRules,
	alertCount,
	evaluate,
	type Fired,
	recordFirings,
	type Skipped,
} from '../core/alerts/evaluate.js';
import { type AlertRule, whenLabel } from '../core/alerts/rule.js';
import type { Backend } from '../core/backend/types.js';
import { G } from '../core/glyphs.js';
import type { Resolver } from '../core/resolve.js';

/** Enough for a day left open; older firings are in alerts.json and `sitrep watch`. */
const LOG_MAX = 200;

export interface AlertsUi {
	/** Every rule in the settings (those on unwatched items are silent). */
	rules: readonly AlertRule[];
	/** What each rule has fired for: alerts.json as loaded, and this session's firings. */
	fired: Fired;
	/** What fired this session, newest first. */
	log: readonly Alert[];
	/** Fired since the list was last opened. */
	unread: number;
	/** The last check that fired anything; `seq` tells the App it is new. */
	batch: { seq: number; alerts: readonly Alert[]; at: number } | null;
	/** Rules the last check could not evaluate. */
	skipped: readonly Skipped[];
	/** The `alertBar` setting: the latest unread alert on the Watch line. */
	bar: boolean;
}

export const noAlerts: AlertsUi = { rules: [], fired: {}, log: [], unread: 0, batch: null, skipped: [], bar: true };

export function alertsUi(rules: readonly AlertRule[], fired: Fired, bar: boolean): AlertsUi {
	return { ...noAlerts, rules, fired, bar };
}

const sameSkips = (a: readonly Skipped[], b: readonly Skipped[]) =>
	a.length === b.length && a.every((s, i) => s.id === b[i]?.id && s.error === b[i]?.error);

/** The rules checked against `data` at `now`: unchanged when nothing fired and nothing else changed. */
export function checkAlerts(
	a: AlertsUi,
	data: Backend,
	resolver: () => Resolver,
	watched: readonly string[],
	now: Date,
): AlertsUi {
	if (a.rules.length === 0) return a;
	const ev = evaluate(data, activeRules(a.rules, watched), a.fired, now, resolver);
	const skipped = sameSkips(ev.skipped, a.skipped) ? a.skipped : ev.skipped;
	if (ev.alerts.length === 0) return skipped === a.skipped ? a : { ...a, skipped };
	return {
		...a,
		fired: recordFirings(a.fired, ev.alerts, data, a.rules, now),
		log: [...ev.alerts, ...a.log].slice(0, LOG_MAX),
		unread: a.unread + ev.alerts.length,
		batch: { seq: (a.batch?.seq ?? 0) + 1, alerts: ev.alerts, at: now.getTime() },
		skipped,
	};
}

export const readAll = (a: AlertsUi): AlertsUi => (a.unread ? { ...a, unread: 0 } : a);

/** The Watch line shows an alert (and so is drawn even with nothing watched). */
export const alertOnBar = (a: Pick<AlertsUi, 'bar' | 'unread'> | undefined): boolean => Boolean(a?.bar && a.unread > 0);

/** "▲ ISKP ≥1 in 24h (2)": one alert, as the Watch line and the notification say it. Data text: sanitize where drawn. */
export const alertLine = (alert: Alert): string =>
	`${G.alert} ${alert.label} ${whenLabel(alert.rule.when)} (${alertCount(alert)})`;

/** The Watch line's alert: the latest unread one, and how many more; undefined when none is to be shown. */
export function barAlert(a: AlertsUi): { text: string; more: number } | undefined {
	const latest = a.log[0];
	if (!alertOnBar(a) || !latest) return undefined;
	return {
		text: `${G.alert} alert: ${latest.label} ${whenLabel(latest.rule.when)} (${alertCount(latest)})`,
		more: a.unread - 1,
	};
}
