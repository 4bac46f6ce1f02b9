// The Search pane driven by keys: type, results, open, n/N, back.
import { describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app/App.js';
import { ANSWERED, bundled, eventually, KEY, press, render } from '../support/helpers.js';

function start(rows = 24) {
	const { store, problems } = bundled();
	const r = render(<App escapeMs={0} store={store} problems={problems} cols={80} rows={rows} />);
	return { ...r, frame: () => r.lastFrame() ?? '' };
}

const selected = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

describe('Search pane', () => {
	it('/ from any pane focuses the query; results follow typing, best first', async () => {
		const app = start();
		await press(app.stdin, '3', '/');
		expect(app.frame()).toContain('search›');
		await press(app.stdin, 'muzamil');
		await eventually(app.frame).toMatch(ANSWERED);
		const f = app.frame();
		expect(f).toContain('search› muzamil');
		expect(selected(f)).toMatch(/Muzammil|Balkh/);
		app.unmount();
	});

	it('bla train: the results line says the rare word was also searched as its synonyms, and the Jaffar Express is listed', async () => {
		const app = start(40);
		await press(app.stdin, '/', 'bla train');
		await eventually(app.frame).toMatch(ANSWERED);
		const f = app.frame();
		expect(f).toMatch(/matches \(train → also railway, express\) ·/);
		expect(f).toMatch(/Abduction: near Mushkaf, Bolan Pa.*BLA · 26 \(25–26\) killed · 2025-03-11/);
		app.unmount();
	});

	it('opens the reader on the selected result, n/N move between matches, Esc keeps query and selection', async () => {
		const app = start();
		await press(app.stdin, '/', 'haqani kabul');
		await eventually(app.frame).toMatch(ANSWERED);
		expect(selected(app.frame())).toMatch(/Khalil Haqqani killed in Kabul/);
		await press(app.stdin, KEY.down);
		const second = selected(app.frame());
		await press(app.stdin, KEY.up, KEY.enter);
		const reader = app.frame();
		expect(reader).toContain('Search › Khalil Haqqani killed in');
		const top = reader.split('\n')[2];
		await press(app.stdin, 'n');
		expect(app.frame().split('\n')[2]).not.toBe(top);
		await press(app.stdin, 'N');
		await press(app.stdin, KEY.escape);
		expect(app.frame()).toContain('search› haqani kabul');
		expect(selected(app.frame())).toMatch(/Khalil Haqqani killed in Kabul/);
		expect(second).not.toBe(selected(app.frame()));
		app.unmount();
	});

	it('shows an inline message for a bad filter value and completes filter values with Tab', async () => {
		const app = start();
		await press(app.stdin, '/', 'country:Narnia');
		expect(app.frame()).toContain('country:Narnia: unknown country "Narnia"');
		await press(app.stdin, KEY.ctrlU, 'country:pak');
		expect(app.frame()).toMatch(/Tab: +PK Pakistan/);
		await press(app.stdin, KEY.tab);
		expect(app.frame()).toContain('search› country:PK');
		app.unmount();
	});

	it('Esc leaves the query line so q and j work; / returns to it', async () => {
		const app = start();
		await press(app.stdin, '/', 'iskp', KEY.escape, 'j');
		expect(app.frame()).toContain('search› iskp');
		expect(app.frame()).not.toContain('search› iskpj');
		await press(app.stdin, '/', 'x');
		expect(app.frame()).toContain('search› iskpx');
		app.unmount();
	});
});
