import { describe, expect, it } from 'vitest';
import { actorProfile, targetsOf } from '../../source/core/actorProfile.js';
import { riskWindow } from '../../source/core/risk.js';
import { TARGET_KINDS, targetKindsOf } from '../../source/core/targetKinds.js';
import { actor, incident, store } from '../support/fixtures.js';
import { bundled } from '../support/helpers.js';

describe('target kinds', () => {
	it('reads tags, free-text targets and a state’s forces given as an actor id', () => {
		const s = store({
			actors: [actor({ id: 'xx-military', name: 'X Army', kind: 'state' }), actor({ id: 'grp', name: 'G' })],
		});
		const kinds = (over: Parameters<typeof incident>[0]) => targetKindsOf(incident(over), s.actorById);
		expect(kinds({ id: 'a', date: '2025-01-01', tags: ['police'] })).toEqual(['police']);
		expect(kinds({ id: 'b', date: '2025-01-01', targets: ['police trainees'] })).toEqual(['police', 'security-forces']);
		expect(kinds({ id: 'c', date: '2025-01-01', targets: ['xx-military'] })).toEqual(['security-forces']);
		// An armed group as the target is no kind of these.
		expect(kinds({ id: 'd', date: '2025-01-01', targets: ['grp'] })).toEqual([]);
		expect(kinds({ id: 'e', date: '2025-01-01', targets: ['Shia pilgrims'] })).toEqual(['civilians', 'religious']);
		expect(kinds({ id: 'f', date: '2025-01-01', targets: ['Chinese engineers'], tags: ['cpec'] })).toEqual([
			'foreigners',
			'infrastructure',
		]);
		// Whole words: "policy" is not police.
		expect(kinds({ id: 'g', date: '2025-01-01', targets: ['policy makers'] })).toEqual([]);
		expect(new Set(TARGET_KINDS.map((k) => k.id)).size).toBe(TARGET_KINDS.length);
	});

	it('counts an actor’s attacks by kind of target, busiest first, as perpetrator or claimant only', () => {
		const s = store({
			actors: [actor({ id: 'grp', name: 'Group' })],
			incidents: [
				incident({ id: 'p2', date: '2025-02-01', perpetrators: ['grp'], tags: ['police'], fatalities: 3 }),
				incident({ id: 'p1', date: '2024-02-01', claimedBy: 'grp', targets: ['police station'] }),
				incident({ id: 'c1', date: '2025-01-01', perpetrators: ['grp'], targets: ['civilians'] }),
				// Attacked by another: not the group's attack on anyone.
				incident({ id: 't1', date: '2025-03-01', perpetrators: ['other'], targets: ['grp', 'police'] }),
				// After the window's end.
				incident({ id: 'p3', date: '2025-06-01', perpetrators: ['grp'], tags: ['police'] }),
			],
		});
		const p = actorProfile(s, 'grp', riskWindow(s, { days: 90, asOf: '2025-03-01' }))!;
		expect(p.targets.map((t) => [t.kind, t.incidents, t.latest.incident.id])).toEqual([
			['police', 2, 'p2'],
			// One each: the newer latest first.
			['civilians', 1, 'c1'],
			['security-forces', 1, 'p1'],
		]);
		expect(targetsOf([])).toEqual([]);
	});

	it('TTP’s attacks on police in the bundled data: the Karachi police office and the Islamabad court', () => {
		const { store: b } = bundled();
		const police = actorProfile(b, 'ttp')?.targets.find((t) => t.kind === 'police');
		expect(police?.incidents).toBe(2);
		expect(police?.latest.incident).toMatchObject({ date: '2025-11-11', type: 'suicide bombing' });
	});
});
