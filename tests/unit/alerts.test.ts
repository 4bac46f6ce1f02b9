// Alert rules: what a rule says (parsing), which records it counts at a
// fixed time (day-precision incidents, articles with and without a time),
// query rules, and firing once across runs.
import { describe, expect, it } from 'vitest';
import { type Alert, activeRules, evaluate, type Fired, recordFirings } from '../../source/core/alerts/evaluate.js';
import {
	type AlertRule,
	parseWhen,
	ruleId,
	ruleOfSetting,
	settingOfRule,
	WHEN_EXPECTED,
	whenLabel,
	whenText,
} from '../../source/core/alerts/rule.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { setGlyphs } from '../../source/core/glyphs.js';
import { Resolver } from '../../source/core/resolve.js';
import type { Store } from '../../source/core/store.js';
import { article, incident, storeOf } from '../support/records.js';

const when = (text: string) => {
	const w = parseWhen(text);
	if ('error' in w) throw new Error(w.error);
	return w;
};
const onIskp = (w: string): AlertRule => ({ target: { kind: 'watch', key: 'actor:iskp' }, when: when(w) });
const onQuery = (query: string, w: string): AlertRule => ({ target: { kind: 'query', query }, when: when(w) });
const NOW = new Date('2025-06-10T09:00:00Z');

function run(store: Store, rules: AlertRule[], fired: Fired = {}, now = NOW) {
	return evaluate(backendOf(store), rules, fired, now, () => new Resolver(store));
}

describe('rule text', () => {
	it('takes ≥, >=, N+ with h, d and w, and keeps one canonical form', () => {
		expect(parseWhen('≥1 in 24h')).toEqual({ threshold: 1, amount: 24, unit: 'h' });
		expect(parseWhen('>=1 in 24h')).toEqual({ threshold: 1, amount: 24, unit: 'h' });
		expect(parseWhen('  >= 2 in 7d ')).toEqual({ threshold: 2, amount: 7, unit: 'd' });
		expect(parseWhen('1+ in 6h')).toEqual({ threshold: 1, amount: 6, unit: 'h' });
		expect(parseWhen('3 + IN 2W')).toEqual({ threshold: 3, amount: 2, unit: 'w' });
		expect(whenText(when('≥ 2 in 7 d'))).toBe('>=2 in 7d');
		expect(whenLabel(when('2+ in 7d'))).toBe('≥2 in 7d');
		setGlyphs('ascii');
		try {
			expect(whenLabel(when('2+ in 7d'))).toBe('>=2 in 7d');
		} finally {
			setGlyphs('unicode');
		}
	});

	it('refuses anything else, naming what was expected and what was found', () => {
		for (const bad of [
			'',
			'soon',
			'1 in 24h',
			'>1 in 24h',
			'>=0 in 24h',
			'>=1 in 0h',
			'>=1 in 24m',
			'>=1 in 24',
			'>=1 in 366d',
			'>=1 in 53w',
			'>=1 24h',
			'>=1 in 24h please',
			'≥-1 in 2d',
		]) {
			const r = parseWhen(bad);
			expect(r, bad).toEqual({ error: `expected ${WHEN_EXPECTED}, found "${bad.trim()}"` });
		}
		expect(WHEN_EXPECTED).toMatch(/^[\x20-\x7e]+$/);
		expect(parseWhen('>=1 in 365d')).not.toHaveProperty('error');
		expect(parseWhen('>=1 in 8760h')).not.toHaveProperty('error');
	});

	it('a rule is its item or query with its condition; a name does not change it', () => {
		expect(ruleId(onIskp('≥1 in 24h'))).toBe('actor:iskp >=1 in 24h');
		expect(ruleId({ ...onIskp('1+ in 24h'), name: 'ISKP today' })).toBe('actor:iskp >=1 in 24h');
		expect(ruleId(onQuery('country:PK', '>=2 in 7d'))).toBe('query:country:PK >=2 in 7d');
	});

	it('settings entries: round-trip, and each kind of bad entry says what is wrong', () => {
		const rule = { ...onQuery('country:PK type:"suicide bombing"', '≥2 in 7d'), name: 'PK' };
		expect(settingOfRule(rule)).toEqual({ query: 'country:PK type:"suicide bombing"', when: '>=2 in 7d', name: 'PK' });
		expect(ruleOfSetting(settingOfRule(rule))).toEqual(rule);
		expect(ruleOfSetting({ watch: 'actor:iskp', when: '1+ in 6h' })).toEqual(onIskp('1+ in 6h'));
		const cases: [unknown, RegExp][] = [
			[null, /not an object/],
			[['watch'], /not an object/],
			[{ watch: 'actor:iskp' }, /"when" is missing/],
			[{ watch: 'actor:iskp', when: 'soon' }, /"when": expected/],
			[{ when: '>=1 in 24h' }, /one of "watch" or "query"/],
			[{ watch: 'actor:iskp', query: 'x', when: '>=1 in 24h' }, /one of "watch" or "query"/],
			[{ watch: 'iskp', when: '>=1 in 24h' }, /"watch" is not a key/],
			[{ query: '  ', when: '>=1 in 24h' }, /"query" is not a search query/],
			[{ query: 'x', when: '>=1 in 24h', name: 7 }, /"name"/],
		];
		for (const [v, message] of cases) expect(ruleOfSetting(v), JSON.stringify(v)).toMatch(message);
	});
});

describe('which records a rule counts, at a fixed time', () => {
	it('incidents by whole UTC days: a day counts when any of it is in the period', () => {
		const store = storeOf([
			incident('today', '2025-06-10'),
			incident('yesterday', '2025-06-09'),
			incident('two-days-ago', '2025-06-08'),
			incident('tomorrow', '2025-06-11'),
			incident('long', '2025-06-01', { endDate: '2025-06-09' }),
			incident('month', '2025-06'),
			incident('last-month', '2025-05'),
		]);
		const [alert] = run(store, [onIskp('>=1 in 24h')]).alerts;
		expect(alert?.incidents.sort()).toEqual(['long', 'month', 'today', 'yesterday']);
		// At 00:00 the day just begun counts, and the day before it ended inside the period.
		const midnight = run(store, [onIskp('>=1 in 1h')], {}, new Date('2025-06-10T00:00:00Z')).alerts[0];
		expect(midnight?.incidents.sort()).toEqual(['long', 'month', 'today', 'yesterday']);
	});

	it('articles by their moment when they carry a time (UTC without an offset; the start of the period counts), else by their day', () => {
		const store = storeOf(
			[],
			[
				article('out', '2025-06-09T08:59:59Z'),
				article('edge', '2025-06-09T09:00:00Z'),
				article('in', '2025-06-09T09:00:01Z'),
				article('no-offset', '2025-06-09T10:00'),
				article('offset', '2025-06-09T10:00+05:00'),
				article('day', '2025-06-09'),
				article('later', '2025-06-10T09:00:01Z'),
			],
		);
		const [alert] = run(store, [onIskp('>=1 in 24h')]).alerts;
		expect(alert?.articles.sort()).toEqual(['day', 'edge', 'in', 'no-offset']);
		expect(alert?.incidents).toEqual([]);
	});

	it('holds only from its threshold, counting incidents and articles together', () => {
		const one = storeOf([incident('a', '2025-06-10')]);
		expect(run(one, [onIskp('>=2 in 24h')]).alerts).toEqual([]);
		const two = storeOf([incident('a', '2025-06-10')], [article('b', '2025-06-10T08:00:00Z')]);
		const [alert] = run(two, [onIskp('>=2 in 24h')]).alerts;
		expect(alert).toMatchObject({ id: 'actor:iskp >=2 in 24h', label: 'ISKP', incidents: ['a'], articles: ['b'] });
		expect(alert?.firedAt).toBe(NOW.toISOString());
	});

	it('an actor rule counts the groups within it; other actors and countries do not count', () => {
		const store = storeOf([
			incident('sub', '2025-06-10', { perpetrators: ['iskp'] }),
			incident('other', '2025-06-10', { perpetrators: ['ttp'] }),
		]);
		const rule: AlertRule = { target: { kind: 'watch', key: 'actor:islamic-state' }, when: when('>=1 in 24h') };
		expect(run(store, [rule]).alerts[0]?.incidents).toEqual(['sub']);
		expect(run(store, [onIskp('>=1 in 24h')]).alerts[0]?.incidents).toEqual(['sub']);
	});
});

describe('query rules', () => {
	const store = storeOf(
		[
			incident('pk-sb', '2025-06-09', { country: 'PK', type: 'suicide bombing', description: 'A bomber at a gate' }),
			incident('pk-ied', '2025-06-09', { country: 'PK', type: 'IED', description: 'A roadside bomb' }),
			incident('af-sb', '2025-06-09', { country: 'AF', type: 'suicide bombing', description: 'A bomber in Kabul' }),
			incident('pk-sb-old', '2025-05-01', { country: 'PK', type: 'suicide bombing', description: 'An older one' }),
		],
		[
			article('tagged', '2025-06-09', { countries: ['PK'], tags: ['suicide bombing'], title: 'Bomber strikes gate' }),
			article('untagged', '2025-06-09', { countries: ['PK'], title: 'Markets reopen' }),
		],
	);

	it('count what the search finds among the records of the period: incidents and articles, unless in: says', () => {
		const q = 'country:PK type:"suicide bombing"';
		const [alert] = run(store, [onQuery(q, '>=2 in 7d')]).alerts;
		expect(alert).toMatchObject({ label: q, incidents: ['pk-sb'], articles: ['tagged'] });
		expect(run(store, [onQuery(`${q} in:incidents`, '>=2 in 7d')]).alerts).toEqual([]);
		expect(run(store, [onQuery(`${q} in:incidents`, '>=1 in 7d')]).alerts[0]?.articles).toEqual([]);
		expect(run(store, [onQuery('bomber', '>=1 in 7d')]).alerts[0]).toMatchObject({
			incidents: ['af-sb', 'pk-sb'],
			articles: ['tagged'],
		});
	});

	it('every word must match: a query with no complete match counts nothing', () => {
		expect(run(store, [onQuery('bomber zebra', '>=1 in 7d')]).alerts).toEqual([]);
	});

	it('a query the data cannot answer is skipped with the reason, and the other rules still run', () => {
		const ev = run(store, [onQuery('country:Narnia', '>=1 in 7d'), onQuery('country:PK', '>=1 in 7d')]);
		expect(ev.skipped).toEqual([
			{ id: 'query:country:Narnia >=1 in 7d', label: 'country:Narnia', error: expect.stringContaining('Narnia') },
		]);
		expect(ev.alerts).toHaveLength(1);
	});
});

describe('firing once', () => {
	const rule = onIskp('>=1 in 24h');

	it('fires for records it has not fired for; again only when a new one comes', () => {
		const first = storeOf([incident('a', '2025-06-10')]);
		const one = run(first, [rule]);
		expect(one.alerts).toHaveLength(1);
		let fired = recordFirings({}, one.alerts, backendOf(first), [rule], NOW);
		expect(fired[ruleId(rule)]).toEqual({ incidents: ['a'], articles: [], at: NOW.toISOString() });
		// The next run, same data: nothing fires.
		expect(run(first, [rule], fired).alerts).toEqual([]);
		// A new record: it fires again, with everything it counts and the new one marked.
		const second = storeOf([incident('a', '2025-06-10')], [article('b', '2025-06-10T08:30:00Z')]);
		const again = run(second, [rule], fired);
		expect(again.alerts[0]).toMatchObject({
			incidents: ['a'],
			articles: ['b'],
			fresh: { incidents: [], articles: ['b'] },
		});
		fired = recordFirings(fired, again.alerts, backendOf(second), [rule], NOW);
		expect(run(second, [rule], fired).alerts).toEqual([]);
	});

	it('a record that fired a rule fires another rule all the same', () => {
		const store = storeOf([incident('a', '2025-06-10')]);
		const rules = [rule, onIskp('>=1 in 7d')];
		const ev = run(store, rules);
		expect(ev.alerts.map((a) => a.id)).toEqual(['actor:iskp >=1 in 24h', 'actor:iskp >=1 in 7d']);
		const fired = recordFirings({}, ev.alerts.slice(0, 1), backendOf(store), rules, NOW);
		expect(run(store, rules, fired).alerts.map((a) => a.id)).toEqual(['actor:iskp >=1 in 7d']);
	});

	it('forgets ids that left the period; keeps those the store does not hold, and rules it does not know', () => {
		const store = storeOf([incident('a', '2025-06-10')]);
		const fired: Fired = {
			[ruleId(rule)]: { incidents: ['a', 'elsewhere'], articles: [], at: NOW.toISOString() },
			'actor:ttp >=1 in 24h': { incidents: ['x'], articles: [], at: NOW.toISOString() },
		};
		const later = new Date('2025-06-12T09:00:00Z');
		const next = recordFirings(fired, [], backendOf(store), [rule], later);
		expect(next[ruleId(rule)]?.incidents).toEqual(['elsewhere']);
		expect(next['actor:ttp >=1 in 24h']).toEqual(fired['actor:ttp >=1 in 24h']);
		expect(recordFirings(fired, [], backendOf(store), [rule], later, { forget: true })).not.toHaveProperty([
			'actor:ttp >=1 in 24h',
		]);
	});

	it('rules on items no longer watched are silent; a rule given twice runs once', () => {
		const q = onQuery('country:AF', '>=1 in 24h');
		expect(activeRules([rule, q, rule], ['actor:iskp']).map(ruleId)).toEqual([ruleId(rule), ruleId(q)]);
		expect(activeRules([rule, q], []).map(ruleId)).toEqual([ruleId(q)]);
		const store = storeOf([incident('a', '2025-06-10')]);
		expect(run(store, [rule, rule]).alerts).toHaveLength(1);
	});

	it('an alert names the rule: its name, else the item, else the query', () => {
		const store = storeOf([incident('a', '2025-06-10')]);
		const names = run(store, [{ ...rule, name: 'Khorasan' }, onQuery('country:AF', '>=1 in 24h')]).alerts.map(
			(a: Alert) => a.label,
		);
		expect(names).toEqual(['Khorasan', 'country:AF']);
	});
});
