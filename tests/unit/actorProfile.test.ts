import { describe, expect, it } from 'vitest';
import {
	activityByCountry,
	actorProfile,
	actorRows,
	affiliationOutline,
	allMentions,
	filterActorRows,
	type Mention,
	matchActors,
	mentionsOf,
	nextActorSort,
	sortActorRows,
} from '../../source/core/actorProfile.js';
import { riskWindow } from '../../source/core/risk.js';
import { buildStore } from '../../source/core/store.js';
import { actor, article, incident, store } from '../support/fixtures.js';
import { bundled } from '../support/helpers.js';
import { synthArticles } from '../support/synth.js';

const family = store({
	actors: [
		actor({ id: 'big', name: 'Big Movement', aliases: ['BM', 'the Movement'], countries: ['XX'] }),
		actor({
			id: 'sub',
			name: 'Sub Network',
			affiliations: [{ actor: 'big', relation: 'parent', since: '2019' }],
			countries: ['XX'],
		}),
		actor({ id: 'subsub', name: 'Cell Three', affiliations: [{ actor: 'sub', relation: 'parent' }] }),
		actor({
			id: 'boss',
			name: 'Abu Boss',
			kind: 'person',
			status: 'active',
			affiliations: [
				{ actor: 'sub', relation: 'member', role: 'leader', since: '2020' },
				{ actor: 'big', relation: 'member', role: 'deputy leader' },
				{ actor: 'big', relation: 'member', role: 'minister', since: '2021-09', until: '2024-12-11' },
			],
			countries: ['XX'],
		}),
		actor({ id: 'foe', name: 'Foe Front', affiliations: [{ actor: 'big', relation: 'rival' }], countries: ['YY'] }),
		actor({ id: 'pal', name: 'Pal Party', countries: ['YY'] }),
		actor({
			id: 'big2',
			name: 'Big Movement of Yland',
			aliases: ['Yland Movement'],
			affiliations: [{ actor: 'big', relation: 'ally' }],
		}),
	],
});

describe('affiliations', () => {
	it('builds the tree upward through parents and memberships', () => {
		const p = actorProfile(family, 'subsub')!;
		expect(p.affiliations.parents).toEqual([
			{
				id: 'sub',
				name: 'Sub Network',
				kind: 'group',
				known: true,
				relation: 'parent',
				roles: [],
				links: [
					{
						id: 'big',
						name: 'Big Movement',
						kind: 'group',
						known: true,
						relation: 'parent',
						roles: [{ since: '2019' }],
						links: [],
					},
				],
			},
		]);
	});

	it('merges a person’s several posts in one group', () => {
		const p = actorProfile(family, 'boss')!;
		expect(affiliationOutline(p.affiliations)).toEqual([
			{ depth: 0, text: 'Member of Sub Network: leader, since 2020', id: 'sub' },
			{ depth: 1, text: 'Part of Big Movement: since 2019', id: 'big' },
			{ depth: 0, text: 'Member of Big Movement: deputy leader; minister, 2021-09 to 2024-12-11', id: 'big' },
		]);
	});

	it('lists groups within, members with roles, and allies and rivals declared by either side', () => {
		const p = actorProfile(family, 'big')!;
		expect(affiliationOutline(p.affiliations)).toEqual([
			{ depth: 0, text: 'Groups within it' },
			{ depth: 1, text: 'Sub Network: since 2019', id: 'sub' },
			{ depth: 2, text: 'Cell Three', id: 'subsub' },
			{ depth: 0, text: 'Members' },
			{ depth: 1, text: 'Abu Boss: deputy leader; minister, 2021-09 to 2024-12-11', id: 'boss' },
			{ depth: 0, text: 'Allies' },
			{ depth: 1, text: 'Big Movement of Yland', id: 'big2' },
			{ depth: 0, text: 'Rivals' },
			{ depth: 1, text: 'Foe Front', id: 'foe' },
		]);
		expect(p.affiliations.members[0]).toMatchObject({ id: 'boss', status: 'active' });
	});

	it('survives a cycle and an unknown parent', () => {
		const s = store({
			actors: [
				actor({ id: 'a', name: 'A', affiliations: [{ actor: 'b', relation: 'parent' }] }),
				actor({ id: 'b', name: 'B', affiliations: [{ actor: 'a', relation: 'parent' }] }),
				actor({ id: 'c', name: 'C', affiliations: [{ actor: 'ghost', relation: 'parent' }] }),
			],
		});
		expect(affiliationOutline(actorProfile(s, 'a')!.affiliations).map((l) => l.text)).toEqual([
			'Part of B',
			'Groups within it',
			'B',
		]);
		expect(actorProfile(s, 'c')!.affiliations.parents).toEqual([
			{ id: 'ghost', name: 'ghost', known: false, relation: 'parent', roles: [], links: [] },
		]);
		expect(actorProfile(s, 'nobody')).toBeUndefined();
	});

	it('places the Haqqani network within the Taliban and ISKP within the Islamic State (bundled data)', () => {
		const { store: s } = bundled();
		expect(actorProfile(s, 'haqqani-network')!.affiliations.parents.map((n) => n.id)).toEqual(['taliban']);
		expect(actorProfile(s, 'iskp')!.affiliations.parents.map((n) => n.id)).toEqual(['islamic-state']);
		const khalil = affiliationOutline(actorProfile(s, 'khalil-haqqani')!.affiliations);
		expect(khalil.slice(0, 2)).toEqual([
			{ depth: 0, text: 'Member of Haqqani Network: senior leader, until 2024-12-11', id: 'haqqani-network' },
			{ depth: 1, text: 'Part of Taliban', id: 'taliban' },
		]);
		const taliban = actorProfile(s, 'taliban')!.affiliations;
		expect(taliban.children.map((n) => n.id).sort()).toEqual(['haqqani-network', 'taliban-gdi']);
		expect(taliban.members.find((m) => m.id === 'sirajuddin-haqqani')?.roles.map((r) => r.role)).toEqual([
			'deputy leader',
			'Acting Minister of Interior',
		]);
	});
});

describe('mentions', () => {
	const s = store({
		actors: [
			actor({ id: 'is', name: 'Islamic State', aliases: ['IS', 'Daesh'] }),
			actor({ id: 'iskp', name: 'Islamic State Khorasan Province', aliases: ['ISKP', 'IS-K'], countries: ['AF'] }),
			actor({ id: 'tal', name: 'Taliban', aliases: ['Afghan Taliban'] }),
			actor({ id: 'ttp', name: 'Tehrik-e-Taliban Pakistan', aliases: ['Pakistani Taliban', 'TTP'] }),
			actor({ id: 'hn', name: 'Haqqani Network', aliases: ['Haqqani'] }),
			actor({ id: 'siraj', name: 'Sirajuddin Haqqani', kind: 'person' }),
		],
		articles: [
			article({ id: 'a1', published: '2025-01-05', title: 'IS claims the attack', body: 'This is a test.' }),
			article({ id: 'a2', published: '2025-01-04', title: 'Nothing here', body: 'this is it; is it?', actors: ['is'] }),
			article({
				id: 'a3',
				published: '2025-01-03',
				title: 'The Pakistani Taliban',
				body: 'Talibanistan is not a word.',
			}),
			article({ id: 'a4', published: '2025-01-02', title: 'Ḥaqqānī network', summary: 'Sirajuddin Haqqani spoke.' }),
			article({
				id: 'a5',
				published: '2025-01-01',
				title: 'IS-K and Daesh',
				body: 'The Islamic State Khorasan Province.',
			}),
			article({
				id: 'a6',
				published: '2024-12-31',
				title: 'The afghan TALIBAN',
				body: 'Pakistani Taliban and Taliban.',
			}),
		],
	});

	it('matches short aliases only as written, and links by id', () => {
		const m = mentionsOf(s, 'is');
		expect(m.map((x) => [x.article.id, x.linked, x.terms, x.fields])).toEqual([
			['a1', false, ['IS'], ['title']],
			['a2', true, [], []],
			// "IS" inside "IS-K" is ISKP's alias, and "Islamic State" inside ISKP's name is ISKP.
			['a5', false, ['Daesh'], ['title']],
		]);
	});

	it('does not count a name inside another actor’s longer name, nor inside a longer word', () => {
		expect(mentionsOf(s, 'tal').map((x) => [x.article.id, x.terms])).toEqual([['a6', ['Taliban', 'Afghan Taliban']]]);
		expect(mentionsOf(s, 'ttp').map((x) => x.article.id)).toEqual(['a3', 'a6']);
	});

	it('ignores case and diacritics for longer names', () => {
		expect(mentionsOf(s, 'hn').map((x) => [x.article.id, x.terms, x.fields])).toEqual([
			['a4', ['Haqqani Network'], ['title']],
		]);
		expect(mentionsOf(s, 'siraj').map((x) => [x.article.id, x.fields])).toEqual([['a4', ['summary']]]);
		expect(mentionsOf(s, 'iskp').map((x) => [x.article.id, x.terms])).toEqual([
			['a5', ['Islamic State Khorasan Province', 'IS-K']],
		]);
	});

	it('does not count a weak alias: a family name in another person’s name is no mention', () => {
		const w = store({
			actors: [
				actor({ id: 'hn', name: 'Haqqani Network', aliases: ['Haqqani', 'Haqqanis'] }),
				actor({ id: 'siraj', name: 'Sirajuddin Haqqani', kind: 'person' }),
				actor({ id: 'bk', name: 'Bright Khan Brigade', aliases: ['Khan Brigade', 'Khan'], weakAliases: ['Khan'] }),
			],
			articles: [
				article({
					id: 'b1',
					published: '2025-01-02',
					title: 'Hamid ul Haq Haqqani killed',
					body: 'Darul Uloom Haqqania.',
				}),
				article({ id: 'b2', published: '2025-01-01', title: 'The Haqqanis', body: 'Mr Khan spoke.' }),
			],
		});
		expect(mentionsOf(w, 'hn').map((x) => [x.article.id, x.terms])).toEqual([['b2', ['Haqqanis']]]);
		expect(mentionsOf(w, 'bk')).toEqual([]);
	});

	it('finds the bundled articles that name Muzammil by alias without linking him', () => {
		const { store: b } = bundled();
		const m = mentionsOf(b, 'mohammad-dawood-muzammil');
		expect(m.length).toBeGreaterThanOrEqual(3);
		expect(m.every((x) => x.linked || x.terms.length > 0)).toBe(true);
		expect(m.find((x) => x.article.id === 'art-balkh-governor-killing')).toMatchObject({ linked: true });
		expect(m.find((x) => x.article.id === 'art-balkh-governor-killing')?.terms).toContain('Mohammad Dawood Muzammil');
	});
});

describe('profile assembly', () => {
	const s = store({
		actors: [
			actor({ id: 'grp', name: 'Group', countries: ['XX'], firstActive: '2010', lastActive: '2020' }),
			actor({ id: 'quiet', name: 'Quiet One', firstActive: '2001-05' }),
			actor({ id: 'none', name: 'Nobody Known' }),
		],
		incidents: [
			incident({ id: 'i1', date: '2025-01-30', perpetrators: ['grp'] }),
			incident({ id: 'i2', date: '2025-01-20', claimedBy: 'grp', targets: ['grp'] }),
			incident({ id: 'i3', date: '2025-01', targets: ['grp'] }),
			incident({ id: 'i4', date: '2024-11-02', perpetrators: ['grp'] }),
		],
		articles: [article({ id: 'a1', published: '2025-02-03', title: 'Group news', body: 'The Group said.' })],
	});
	const w = riskWindow(s, { days: 30, asOf: '2025-01-30' });

	it('lists incidents with roles, newest first, and counts the window (claims as perpetrator)', () => {
		const p = actorProfile(s, 'grp', w)!;
		expect(p.incidents.map((x) => [x.incident.id, x.roles])).toEqual([
			['i1', ['perpetrator']],
			['i2', ['target', 'claimant']],
			['i3', ['target']],
			['i4', ['perpetrator']],
		]);
		// i1, i2 (claim) as perpetrator; i2, i3 (month-only, on the 15th) as target; i4 is outside
		expect(p.counts).toEqual({ asPerpetrator: 2, asTarget: 2, incidents: 3 });
		expect(p.buckets.reduce((t, b) => t + b.count, 0)).toBe(3);
	});

	it('takes first and last seen from incidents and articles, else the record', () => {
		expect(actorProfile(s, 'grp', w)).toMatchObject({
			firstSeen: '2024-11-02',
			lastSeen: '2025-02-03',
			seenFrom: 'data',
		});
		expect(actorProfile(s, 'quiet', w)).toMatchObject({ firstSeen: '2001-05', seenFrom: 'record' });
		expect(actorProfile(s, 'quiet', w)?.lastSeen).toBeUndefined();
		expect(actorProfile(s, 'none', w)).toMatchObject({ seenFrom: 'none' });
	});

	it('keeps the last incident apart from the last mention: an article written later is no activity', () => {
		const p = actorProfile(s, 'grp', w)!;
		expect(p).toMatchObject({ lastSeen: '2025-02-03', lastIncident: '2025-01-30', lastMentioned: '2025-02-03' });
		expect(actorProfile(s, 'quiet', w)).not.toHaveProperty('lastIncident');
		expect(actorProfile(s, 'quiet', w)).not.toHaveProperty('lastMentioned');
	});

	it('lists the window’s incidents, which its counts are made of', () => {
		expect(actorProfile(s, 'grp', w)?.windowIncidents.map((x) => [x.incident.id, x.roles])).toEqual([
			['i1', ['perpetrator']],
			['i2', ['target', 'claimant']],
			['i3', ['target']],
		]);
	});

	it('defaults to the 90-day window ending at the newest incident', () => {
		expect(actorProfile(s, 'grp')?.window).toMatchObject({ days: 90, end: '2025-01-30' });
	});
});

describe('activity by country', () => {
	const s = store({
		actors: [actor({ id: 'grp', name: 'Group' })],
		incidents: [
			incident({ id: 'y3', date: '2025-03-01', country: 'YY', targets: ['grp'], fatalities: 4 }),
			incident({ id: 'x3', date: '2025-02-10', country: 'XX', perpetrators: ['grp'], claimedBy: 'grp' }),
			// Month-only: counts as the 15th, so it is newer than x3 and older than y3.
			incident({ id: 'x2', date: '2025-02', country: 'XX', claimedBy: 'grp' }),
			incident({ id: 'y2', date: '2024-05-01', country: 'YY', perpetrators: ['grp'] }),
			incident({ id: 'x1', date: '2024-01-01', country: 'XX', perpetrators: ['grp'], targets: ['grp'] }),
			incident({ id: 'z1', date: '2024-06-01', country: 'ZZ', perpetrators: ['grp'] }),
			incident({ id: 'w1', date: '2025-03-01', country: 'WW', perpetrators: ['grp'] }),
		],
	});

	it('counts each country’s incidents by role and finds the latest, busiest country first', () => {
		const p = actorProfile(s, 'grp', riskWindow(s, { days: 30, asOf: '2025-03-01' }))!;
		expect(
			p.activity.map((a) => [a.country, a.incidents, a.perpetrator, a.claimant, a.target, a.latest.incident.id]),
		).toEqual([
			['XX', 3, 2, 2, 1, 'x2'],
			['YY', 2, 1, 0, 1, 'y3'],
			// One each: the newer latest incident first.
			['WW', 1, 1, 0, 0, 'w1'],
			['ZZ', 1, 1, 0, 0, 'z1'],
		]);
		expect(p.activity[1]?.latest.roles).toEqual(['target']);
	});

	it('leaves out what happened after the window’s end', () => {
		const p = actorProfile(s, 'grp', riskWindow(s, { days: 30, asOf: '2025-02-12' }))!;
		expect(p.activity.map((a) => [a.country, a.incidents, a.latest.incident.id])).toEqual([
			// x2 counts as 2025-02-15, after the end.
			['XX', 2, 'x3'],
			['ZZ', 1, 'z1'],
			['YY', 1, 'y2'],
		]);
		expect(activityByCountry([], '2025-01-01')).toEqual([]);
	});

	it('shows ISKP’s latest attack in Pakistan and its count there (bundled data)', () => {
		const { store: b } = bundled();
		const pk = actorProfile(b, 'iskp')?.activity.find((a) => a.country === 'PK');
		expect(pk).toMatchObject({ incidents: 2, perpetrator: 2, claimant: 2, target: 0 });
		expect(pk?.latest.incident).toMatchObject({ date: '2023-07-30', type: 'suicide bombing' });
	});
});

describe('actor rows', () => {
	const s = store({
		actors: [
			actor({ id: 'a', name: 'Alpha', kind: 'group', countries: ['PK', 'AF'] }),
			actor({ id: 'b', name: 'Bravo', kind: 'person', countries: ['AF'] }),
			actor({ id: 'c', name: 'Charlie', kind: 'state' }),
		],
		incidents: [
			incident({ id: 'i1', date: '2025-01-30', perpetrators: ['a'], targets: ['b'] }),
			incident({ id: 'i2', date: '2025-01-10', perpetrators: ['a'] }),
			incident({ id: 'i3', date: '2025-01-05', targets: ['b', 'c'] }),
			incident({ id: 'late', date: '2025-03-01', targets: ['c'] }),
		],
	});
	const rows = actorRows(s, riskWindow(s, { days: 30, asOf: '2025-01-30' }));

	it('counts the window and finds the last activity up to its end', () => {
		expect(rows.map((r) => [r.id, r.mainCountry, r.asPerpetrator, r.asTarget, r.lastActivity])).toEqual([
			['a', 'PK', 2, 0, '2025-01-30'],
			['b', 'AF', 0, 2, '2025-01-30'],
			['c', undefined, 0, 1, '2025-01-05'],
		]);
	});

	it('sorts by any column, counts busiest first, missing values last', () => {
		const ids = (key: Parameters<typeof sortActorRows>[1], rev = false) =>
			sortActorRows(rows, key, rev).map((r) => r.id);
		expect(ids('name')).toEqual(['a', 'b', 'c']);
		expect(ids('name', true)).toEqual(['c', 'b', 'a']);
		expect(ids('kind')).toEqual(['a', 'b', 'c']);
		expect(ids('country')).toEqual(['b', 'a', 'c']);
		expect(ids('perpetrator')).toEqual(['a', 'b', 'c']);
		expect(ids('target')).toEqual(['b', 'c', 'a']);
		expect(ids('last')).toEqual(['a', 'b', 'c']);
		expect(nextActorSort('name')).toBe('kind');
		expect(nextActorSort('last')).toBe('name');
	});

	it('filters by kind and by any of the actor’s countries', () => {
		expect(filterActorRows(rows, { country: 'AF' }).map((r) => r.id)).toEqual(['a', 'b']);
		expect(filterActorRows(rows, { kind: 'person' }).map((r) => r.id)).toEqual(['b']);
		expect(filterActorRows(rows, { kind: 'group', country: 'AF' }).map((r) => r.id)).toEqual(['a']);
	});
});

describe('matchActors (bundled data)', () => {
	const { store: s } = bundled();
	const ids = (q: string, limit?: number) => matchActors(s, q, limit).map((m) => m.actor.id);

	it('finds the Haqqani network and the Haqqani persons for "haqani"', () => {
		expect(ids('haqani').slice(0, 4).sort()).toEqual([
			'haqqani-network',
			'khalil-haqqani',
			'rahimullah-haqqani',
			'sirajuddin-haqqani',
		]);
	});

	it('puts exact names and aliases first', () => {
		const m = matchActors(s, 'Haqqani');
		expect(m[0]).toMatchObject({ actor: { id: 'haqqani-network' }, exact: true, score: 0, matched: 'Haqqani' });
		expect(m.slice(1).every((x) => !x.exact)).toBe(true);
		expect(matchActors(s, 'isis-k')[0]).toMatchObject({ actor: { id: 'iskp' }, exact: true });
		expect(matchActors(s, 'TTP')[0]).toMatchObject({ actor: { id: 'ttp' }, exact: true });
		expect(matchActors(s, 'daesh').map((x) => x.actor.id)).toEqual(['islamic-state', 'iskp']);
	});

	it('finds misspellings and partial names', () => {
		expect(ids('muzamil')[0]).toBe('mohammad-dawood-muzammil');
		expect(ids('muzammill')[0]).toBe('mohammad-dawood-muzammil');
		expect(ids('zawahri')[0]).toBe('ayman-al-zawahiri');
		expect(ids('talibn')[0]).toBe('taliban');
		expect(ids('gul bahadur')[0]).toBe('hafiz-gul-bahadur-group');
	});

	it('ignores diacritics and case', () => {
		expect(matchActors(s, 'ḤAQQĀNĪ')[0]).toMatchObject({ actor: { id: 'haqqani-network' }, exact: true });
		expect(ids('Muzammíl')[0]).toBe('mohammad-dawood-muzammil');
	});

	it('returns nothing for noise or an empty query, and honours the limit', () => {
		expect(matchActors(s, 'xyzzy')).toEqual([]);
		expect(matchActors(s, '  ')).toEqual([]);
		expect(ids('haqqani', 2)).toHaveLength(2);
	});
});

describe('allMentions', () => {
	it('finds, in one pass, exactly what mentionsOf finds actor by actor', () => {
		const bundledStore = bundled().store;
		const synthetic = buildStore('/synthetic', {
			articles: synthArticles(300, 4),
			incidents: [],
			actors: bundledStore.actors,
			countries: bundledStore.countries,
		});
		for (const s of [bundledStore, synthetic]) {
			const all = allMentions(s);
			let found = 0;
			for (const a of s.actors) {
				const shape = (list: Mention[] | undefined) =>
					(list ?? []).map((m) => [m.article.id, m.linked, m.terms.join('|'), m.fields.join('|')]);
				expect(shape(all.get(a.id)), a.id).toEqual(shape(mentionsOf(s, a.id)));
				found += all.get(a.id)?.length ?? 0;
			}
			expect(found).toBeGreaterThan(10);
		}
	});
});
