// Tolls as the reports give them, on screen: the Timeline's KILLED column, the
// incident detail (the range in words, each report, the note), and the status
// bar naming the bundled data a sample that ends at its last incident.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../source/core/problems.js';
import { lastIncidentDate, sampleNote } from '../../source/core/store.js';
import { width } from '../../source/core/width.js';
import { App } from '../../source/ui/app/App.js';
import { country, incident, store } from '../support/fixtures.js';
import { bundled, KEY, press, render } from '../support/helpers.js';

const reports = [
	{ figure: 58, by: 'Afghan officials', outlet: 'Reuters', date: '2021-05-09' },
	{ figure: 85, by: 'Afghan government', outlet: 'CNN', date: '2021-05-10' },
];
const tolls = store({
	countries: [country({ code: 'XX', name: 'Exland' })],
	incidents: [
		incident({
			id: 'ranged',
			date: '2021-05-08',
			location: 'Dasht-e-Barchi',
			fatalities: { best: 85, low: 58, high: 85, reports, note: 'attackers not counted' },
		}),
		incident({ id: 'range-only', date: '2021-05-07', location: 'Range Town', fatalities: { low: 19, high: 66 } }),
		incident({ id: 'plain', date: '2021-05-06', location: 'Plain Town', fatalities: 12 }),
		incident({ id: 'unknown', date: '2021-05-05', location: 'Quiet Town' }),
	],
});

function start(cols: number, rows: number, data = { store: tolls, problems: [] as Problem[] }, sample?: string) {
	const r = render(
		<App
			escapeMs={0}
			store={data.store}
			problems={data.problems}
			cols={cols}
			rows={rows}
			{...(sample ? { sample } : {})}
		/>,
	);
	return { ...r, frame: () => r.lastFrame() ?? '' };
}

const rowOf = (frame: string, place: string) => frame.split('\n').find((l) => l.includes(place)) ?? '';

describe('the KILLED column', () => {
	it('shows the best figure with its range where it fits, the range alone, the plain figure, and - for none', () => {
		const wide = start(110, 30).frame();
		expect(rowOf(wide, 'Dasht-e-Barchi')).toMatch(/ 85 \(58–85\) Dasht-e-Barchi/);
		expect(rowOf(wide, 'Range Town')).toMatch(/ 19–66 Range Town/);
		expect(rowOf(wide, 'Plain Town')).toMatch(/ 12 Plain Town/);
		expect(rowOf(wide, 'Quiet Town')).toMatch(/ - Quiet Town/);
		const at80 = start(80, 24).frame();
		expect(at80.split('\n').find((l) => l.includes('DATE'))).toMatch(/KILLED LOCATION/);
		expect(rowOf(at80, 'Dasht-e-Barchi')).toMatch(/ 85… Dasht-e-Barchi/);
		expect(rowOf(at80, 'Range Town')).toMatch(/ 19–66 Range Town/);
		const narrow = start(60, 20).frame();
		expect(rowOf(narrow, 'Range Town')).toMatch(/ 19… Range Town/);
	});
});

describe('the incident detail', () => {
	it('says why the figures differ: the range, who gave which figure, the note', async () => {
		const app = start(80, 24);
		await press(app.stdin, KEY.enter);
		const f = app.frame();
		expect(f).toContain('Killed: 85 (58–85) · Injured: no figure recorded');
		expect(f).toContain('  Reports range from 58 to 85.');
		expect(f).toContain('  58 — Afghan officials (Reuters, 2021-05-09)');
		expect(f).toContain('  85 — Afghan government (CNN, 2021-05-10)');
		expect(f).toContain('  Note: attackers not counted');
	});

	it('says which end is counted when only a range is known; a plain figure needs no account', async () => {
		const app = start(80, 24);
		await press(app.stdin, 'j', KEY.enter);
		expect(app.frame()).toContain('Killed: 19–66 · Injured');
		expect(app.frame()).toContain('  Reports range from 19 to 66; the low end is counted.');
		const plain = start(80, 24);
		await press(plain.stdin, 'jj', KEY.enter);
		expect(plain.frame()).toContain('Killed: 12 · Injured');
		expect(plain.frame()).not.toContain('Reports range');
	});
});

describe('the status bar on the bundled sample', () => {
	it('says at 80×24 that the data is a sample and the date it ends, computed from the data', () => {
		const data = bundled();
		const last = lastIncidentDate(data.store.incidents) ?? '';
		expect(last).toMatch(/^\d{4}-\d{2}-\d{2}$/);
		const lines = start(80, 24, data, sampleNote(data.store.incidents)).frame().split('\n');
		const bar = lines.at(-2) ?? '';
		expect(bar).toContain(`sample data to ${last}`);
		expect(bar).toContain(`${data.store.incidents.length} incidents`);
		expect(bar).not.toContain(data.store.dir);
		for (const l of lines) expect(width(l)).toBeLessThanOrEqual(80);
	});

	it('keeps the note whole beside a problems badge: the counts give way', () => {
		const data = bundled();
		const problems = Array.from(
			{ length: 12 },
			(_, i): Problem => ({ severity: i % 2 ? 'error' : 'warning', file: 'x.json', pointer: '', message: 'm' }),
		);
		const bar = start(80, 24, { store: data.store, problems }, 'sample data to 2025-12-31').frame().split('\n').at(-2);
		expect(bar).toContain('6 errors, 6 warnings (!)');
		expect(bar).toContain(' sample data to 2025-12-31 ');
		expect(width(bar ?? '')).toBeLessThanOrEqual(80);
	});

	it('names the directory, not a sample, for any other data', () => {
		const bar = start(80, 24).frame().split('\n').at(-2);
		expect(bar).not.toContain('sample');
		expect(bar).toContain('test-data');
	});
});
