// The a overlay: the alerts fired this session, newest first, each with the
// records it had not fired for before; then every rule, and those that could
// not be evaluated.
import { alertCount, ruleLabel } from '../../../core/alerts/evaluate.js';
import { whenLabel } from '../../../core/alerts/rule.js';
import { sanitizeLine } from '../../../core/sanitize.js';
import { fit, truncate } from '../../../core/width.js';
import { plural } from '../../../core/words.js';
import { blank, heading, type Line, para, text } from '../../../present/lines.js';
import { type AlertsUi, alertLine } from '../../alerts.js';
import type { Env } from '../../env.js';

const clock = (ms: number) => {
	const d = new Date(ms);
	return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

function recordLines(env: Env, ids: { incidents: readonly string[]; articles: readonly string[] }, cols: number) {
	const out: Line[] = [];
	const room = Math.max(10, cols - 9);
	for (const id of ids.incidents) {
		const inc = env.data.incident(id);
		if (inc)
			out.push(
				text(
					`         ${truncate(`${fit(sanitizeLine(inc.date), 10)}  ${sanitizeLine(inc.country)}  ${sanitizeLine(`${inc.type}: ${inc.description}`)}`, room)}`,
				),
			);
	}
	for (const id of ids.articles) {
		const a = env.data.article(id);
		if (a)
			out.push(
				text(
					`         ${truncate(`${fit(sanitizeLine(a.published.slice(0, 10)), 10)}  ${sanitizeLine(`${a.source}: ${a.title}`)}`, room)}`,
				),
			);
	}
	return out;
}

export function alertLines(env: Env, alerts: AlertsUi, watched: readonly string[], cols: number): Line[] {
	const { log, rules, skipped } = alerts;
	const out: Line[] = [
		heading(`Alerts: ${log.length ? `${plural(log.length, 'alert')} fired this session` : 'none fired this session'}`),
	];
	for (const a of log) {
		const fresh = alertCount(a.fresh);
		const when = `  ${clock(Date.parse(a.firedAt))}  `;
		const what = `${alertLine(a)}${fresh < alertCount(a) ? `: ${fresh} new` : ''}`;
		out.push({
			segs: [
				{ text: when, style: 'dim' },
				{ text: truncate(sanitizeLine(what), Math.max(10, cols - when.length)), style: 'error' },
			],
		});
		out.push(...recordLines(env, a.fresh, cols));
	}
	out.push(blank, heading(`Alert rules: ${rules.length}`));
	if (rules.length === 0) {
		out.push(
			...para('None. Add one from the command line: sitrep watch add iskp --alert ">=1 in 24h"', cols - 2, 2, 'dim'),
		);
	}
	for (const r of rules) {
		const on =
			r.target.kind === 'query'
				? `query ${r.target.query}`
				: !watched.includes(r.target.key)
					? `${r.target.key} (not watched: silent)`
					: r.target.key;
		const rule = `  ${fit(truncate(sanitizeLine(`${ruleLabel(env.data, r)} ${whenLabel(r.when)}`), 34), 34)}  `;
		out.push({ segs: [{ text: rule }, { text: truncate(sanitizeLine(on), Math.max(10, cols - 38)), style: 'dim' }] });
	}
	if (skipped.length) {
		out.push(blank, heading('Not evaluated'));
		for (const s of skipped) out.push(...para(sanitizeLine(`${s.label}: ${s.error}`), cols - 2, 2, 'warning'));
	}
	out.push(
		blank,
		...para('sitrep watch reports the same rules from cron (exit status 5 when one fires).', cols - 2, 2, 'dim'),
	);
	return out;
}
