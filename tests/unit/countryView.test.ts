// A country's detail view over a big set: its lists stop at LIST_CAP rows and
// count the rest (the Timeline, F, lists them all), and its records are read
// for the rows it names, not for every incident the country has.
import { describe, expect, it } from 'vitest';
import { backendOf } from '../../source/core/backend/memory.js';
import { riskWindow } from '../../source/core/risk.js';
import { buildStore } from '../../source/core/store.js';
import { countryLines, LIST_CAP } from '../../source/present/views/country.js';
import { bundled } from '../support/helpers.js';
import { incidentRecords } from '../support/synthRecords.js';

const text = (lines: ReturnType<typeof countryLines>) => lines.map((l) => l.segs.map((s) => s.text).join(''));

describe('a country view of thousands of incidents', () => {
	const { actors, countries } = bundled().store;
	const store = buildStore('/synthetic', { incidents: [...incidentRecords(6000, 7)], articles: [], actors, countries });
	const data = backendOf(store);
	const code = [...store.incidentsByCountry].sort((a, b) => b[1].length - a[1].length)[0]?.[0] ?? '';
	const all = store.incidentsByCountry.get(code) ?? [];
	const window = riskWindow(data, { days: 365 });

	it('lists LIST_CAP of each list and counts the rest', () => {
		expect(all.length).toBeGreaterThan(LIST_CAP * 2);
		let asked = 0;
		const counting = {
			...data,
			incident: (id: string) => {
				asked++;
				return data.incident(id);
			},
		};
		const lines = text(countryLines(counting, code, 100, window));
		expect(lines).toContain(`All incidents (${all.length}), newest first`);
		expect(lines.some((l) => l.includes(`and ${all.length - LIST_CAP} older`))).toBe(true);
		const first = lines.indexOf(`All incidents (${all.length}), newest first`);
		expect(lines[first + 1]).toContain(all[0]?.date);
		expect(lines.length).toBeLessThan(LIST_CAP * 3);
		expect(asked).toBeLessThanOrEqual(LIST_CAP + 20);
	});

	it('names the window’s perpetrators and claimants with their counts there', () => {
		const lines = text(countryLines(data, code, 100, window));
		const at = lines.indexOf('Actors active here (in the window)');
		expect(at).toBeGreaterThan(0);
		const inWindow = all.filter((i) => i.date >= window.start && i.date <= window.end && !i.machineCoded);
		const top = new Map<string, number>();
		for (const inc of inWindow)
			for (const id of new Set([...inc.perpetrators, ...(inc.claimedBy ? [inc.claimedBy] : [])]))
				top.set(id, (top.get(id) ?? 0) + 1);
		const [bestId, bestN] = [...top].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
		const name = actors.find((a) => a.id === bestId);
		expect(name).toBeDefined();
		expect(lines[at + 1]).toContain(`${bestN} incident`);
	});
});
