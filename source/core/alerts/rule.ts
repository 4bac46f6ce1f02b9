// Alert rules: "at least N records in a period" on a watched item or on a
// search query. Parsed from what the user typed (`--alert ">=1 in 24h"`) and
// from the settings file, where they are kept in one canonical ASCII form so
// that a rule's identity (what it has fired for) does not depend on how it
// was typed.
import { glyphSet } from '../glyphs.js';
import { parseWatchKey } from '../watch.js';

export type PeriodUnit = 'h' | 'd' | 'w';

export interface When {
	threshold: number;
	amount: number;
	unit: PeriodUnit;
}

export type AlertTarget = { kind: 'watch'; key: string } | { kind: 'query'; query: string };

export interface AlertRule {
	target: AlertTarget;
	when: When;
	/** What the user called it; without one, the item's label or the query is shown. */
	name?: string;
}

/** A rule as the settings file holds it: `{"watch": "actor:iskp", "when": ">=1 in 24h"}` or `{"query": …}`. */
export interface AlertSetting {
	watch?: string;
	query?: string;
	when: string;
	name?: string;
}

const HOUR_MS = 3_600_000;
const UNIT_HOURS: Record<PeriodUnit, number> = { h: 1, d: 24, w: 168 };
/** A year of records is as far back as a rule looks: the fired ids it keeps stay few. */
export const MAX_PERIOD_HOURS = 365 * 24;
export const MAX_THRESHOLD = 10_000;
/** Longer queries are refused by the search language's own caps long before this. */
export const MAX_QUERY_LENGTH = 500;
export const MAX_NAME_LENGTH = 100;

// ASCII: it is printed whatever the locale (the sign \u2265 is accepted as well as >=).
export const WHEN_EXPECTED =
	'">=N in PERIOD" or "N+ in PERIOD", such as ">=1 in 24h", ">= 2 in 7d" or "1+ in 6h" (N from 1; PERIOD in hours h, days d or weeks w, up to a year)';

const WHEN = /^\s*(?:(?:\u2265|>=)\s*(\d{1,6})|(\d{1,6})\s*\+)\s+in\s+(\d{1,5})\s*([hdw])\s*$/i;

/** "≥2 in 7d", ">= 2 in 7d", "2+ in 7d": the rule's condition, or what was expected. */
export function parseWhen(text: string): When | { error: string } {
	const m = WHEN.exec(text);
	const fail = { error: `expected ${WHEN_EXPECTED}, found "${text.trim()}"` };
	if (!m) return fail;
	const threshold = Number(m[1] ?? m[2]);
	const amount = Number(m[3]);
	const unit = (m[4] ?? 'h').toLowerCase() as PeriodUnit;
	if (threshold < 1 || threshold > MAX_THRESHOLD || amount < 1) return fail;
	if (amount * UNIT_HOURS[unit] > MAX_PERIOD_HOURS) return fail;
	return { threshold, amount, unit };
}

export const periodText = (w: When): string => `${w.amount}${w.unit}`;
export const periodMs = (w: When): number => w.amount * UNIT_HOURS[w.unit] * HOUR_MS;

/** ">=1 in 24h": what the settings keep and what --json reports. */
export const whenText = (w: When): string => `>=${w.threshold} in ${periodText(w)}`;

/** "≥1 in 24h" on the screen; ">=1 in 24h" where the locale is not UTF-8. */
export const whenLabel = (w: When): string =>
	`${glyphSet() === 'ascii' ? '>=' : '≥'}${w.threshold} in ${periodText(w)}`;

/** A rule's identity: the same condition on the same thing is the same rule, whatever its name. */
export function ruleId(rule: AlertRule): string {
	const on = rule.target.kind === 'watch' ? rule.target.key : `query:${rule.target.query}`;
	return `${on} ${whenText(rule.when)}`;
}

/** The rule a settings entry describes, or what is wrong with it. */
export function ruleOfSetting(v: unknown): AlertRule | string {
	if (!v || typeof v !== 'object' || Array.isArray(v)) return 'not an object';
	const o = v as Record<string, unknown>;
	if (typeof o.when !== 'string') return '"when" is missing';
	const when = parseWhen(o.when);
	if ('error' in when) return `"when": ${when.error}`;
	if (o.name !== undefined && (typeof o.name !== 'string' || !o.name.trim() || o.name.length > MAX_NAME_LENGTH))
		return `"name" is not a name of 1 to ${MAX_NAME_LENGTH} characters`;
	const name = typeof o.name === 'string' ? { name: o.name.trim() } : {};
	if ((o.watch === undefined) === (o.query === undefined)) return 'needs one of "watch" or "query"';
	if (o.watch !== undefined) {
		if (typeof o.watch !== 'string' || !parseWatchKey(o.watch))
			return '"watch" is not a key such as "actor:iskp", "country:AF" or "type:IED"';
		return { target: { kind: 'watch', key: o.watch }, when, ...name };
	}
	if (typeof o.query !== 'string' || !o.query.trim() || o.query.length > MAX_QUERY_LENGTH)
		return `"query" is not a search query of 1 to ${MAX_QUERY_LENGTH} characters`;
	return { target: { kind: 'query', query: o.query.trim() }, when, ...name };
}

export function settingOfRule(rule: AlertRule): AlertSetting {
	const on = rule.target.kind === 'watch' ? { watch: rule.target.key } : { query: rule.target.query };
	return { ...on, when: whenText(rule.when), ...(rule.name ? { name: rule.name } : {}) };
}
