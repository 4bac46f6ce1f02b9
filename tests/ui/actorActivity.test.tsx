// Issue 17: an actor profile opens on what the actor did where. From launch
// at 80x24, `:isk` Enter shows ISKP's latest attack in a country and its
// count there on the first screen; Enter on a country row filters the
// profile's incidents to that country and Esc shows them all again.
import { describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app/App.js';
import { bundled, eventually, KEY, press, render } from '../support/helpers.js';

function start() {
	const { store, problems } = bundled();
	const r = render(<App escapeMs={0} store={store} problems={problems} cols={80} rows={24} />);
	return { ...r, frame: () => r.lastFrame() ?? '' };
}

const lines = (frame: string) => frame.split('\n');
const selectedLine = (frame: string) => lines(frame).find((l) => l.startsWith('›')) ?? '';

describe('actor activity summary (80x24)', () => {
	it('`:isk` Enter shows a country row with its count and latest incident on the first screen', async () => {
		const app = start();
		await press(app.stdin, ':', 'i', 's', 'k', KEY.enter);
		const f = app.frame();
		expect(f).toContain('Islamic State Khorasan Province (ISKP)');
		// Pakistan: 2 incidents, both carried out and claimed; the latest is the Bajaur bombing, under its row.
		const all = lines(f);
		const pk = all.findIndex((l) => l.includes('Pakistan (PK)'));
		expect(all[pk]).toMatch(/Pakistan \(PK\)\s+2 incidents: 2 as perpetrator, 2 claimed$/);
		expect(all[pk + 1]).toContain('latest 2023-07-30 suicide bombing, Khar, Bajaur · 63 killed (44–65)');
		const af = all.findIndex((l) => l.includes('Afghanistan (AF)  '));
		expect(all[af]).toContain('30 incidents: 29 as perpetrator, 27 claimed, 1 as target');
		expect(all[af + 1]).toMatch(/latest 2025-02-13 suicide bombing, .* · 1 killed/);
		// The profile opens on its first country row, and the frame fits the terminal.
		expect(selectedLine(f)).toMatch(/Afghanistan \(AF\)\s+30 incidents/);
		expect(lines(f).length).toBeLessThanOrEqual(23);
		for (const l of lines(f)) expect(l.length).toBeLessThanOrEqual(80);
		app.unmount();
	});

	it('Enter on a country row lists only its incidents; Esc shows them all and keeps the row selected', async () => {
		const app = start();
		// j passes the latest Afghan incident (a link of its own) on the way to Pakistan's row.
		await press(app.stdin, ':', 'i', 's', 'k', KEY.enter, 'j', 'j');
		expect(selectedLine(app.frame())).toMatch(/Pakistan \(PK\)/);
		await press(app.stdin, KEY.enter);
		let f = app.frame();
		expect(f).toContain('ISKP in Pakistan');
		expect(f).toContain('Incidents in Pakistan (2 of 36, newest first)');
		expect(selectedLine(f)).toContain('2023-07-30 PK suicide bombing, Khar, Bajaur');
		expect(f).toContain('2022-03-04 PK suicide bombing');
		// Nothing from another country between the heading and the articles.
		const list = f.slice(f.indexOf('Incidents in Pakistan'), f.indexOf('Articles ('));
		expect(list).not.toMatch(/\d{4}-\d\d-\d\d (AF|IR|RU|TJ|UZ) /);
		await press(app.stdin, KEY.escape);
		f = app.frame();
		expect(f).not.toContain('ISKP in Pakistan');
		expect(selectedLine(f)).toMatch(/Pakistan \(PK\)/);
		// Esc again closes the profile, as before.
		await press(app.stdin, KEY.escape);
		expect(app.frame()).not.toContain('Islamic State Khorasan Province (ISKP)');
		app.unmount();
	});

	it('Enter on the latest incident under a country row opens that incident', async () => {
		const app = start();
		await press(app.stdin, ':', 'i', 's', 'k', KEY.enter, 'j', 'j', 'j', KEY.enter);
		expect(app.frame()).toContain('ISKP › 2023-07-30 suicide bombing');
		app.unmount();
	});
});

describe('attacks by target and who attacked (80x24)', () => {
	it('`:ttp` Enter shows its attacks on police on the first screen; Enter lists them, Esc shows all again', async () => {
		const app = start();
		await press(app.stdin, ':', 't', 't', 'p', KEY.enter);
		let f = app.frame();
		const police = lines(f).find((l) => /^\s+police\s+2 {2}latest/.test(l));
		expect(police).toMatch(/latest 2025-11-11 suicide bombing, .* · 12 killed$/);
		expect(lines(f).length).toBeLessThanOrEqual(23);
		// j goes from link to link: down to the police row.
		for (let i = 0; i < 20 && !/police\s+2/.test(selectedLine(app.frame())); i++) await press(app.stdin, 'j');
		expect(selectedLine(app.frame())).toMatch(/police\s+2/);
		await press(app.stdin, KEY.enter);
		f = app.frame();
		expect(f).toContain('TTP on police');
		expect(f).toContain('Incidents on police (2 of 8, newest first)');
		const list = f.slice(f.indexOf('Incidents on police'), f.indexOf('Articles ('));
		expect(list).toContain('2023-02-17 PK armed assault, Karachi Police Office');
		expect(list).not.toContain('Orakzai');
		await press(app.stdin, KEY.escape);
		expect(app.frame()).not.toContain('TTP on police');
		expect(selectedLine(app.frame())).toMatch(/police\s+2/);
		app.unmount();
	});

	it('a person killed in an attack: the profile’s latest line says by whom', async () => {
		const app = start();
		await press(app.stdin, ':', 'k', 'h', 'a', 'l', KEY.enter);
		const f = app.frame();
		expect(f).toMatch(/latest 2024-12-11 suicide bombing, .* · 3 killed \(3–6\) · by ISKP/);
		app.unmount();
	});

	it('an article opens from the palette by a word of its title', async () => {
		const app = start();
		await press(app.stdin, ':', 'e', 's', 'c');
		expect(selectedLine(app.frame())).toMatch(/article\s+The BLA's escalation/);
		await press(app.stdin, KEY.enter);
		await eventually(app.frame).toContain("The BLA's escalation: from Karachi University to the Jaffar Express");
		expect(app.frame()).toMatch(/Search ›/);
		app.unmount();
	});
});
