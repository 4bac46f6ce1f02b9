import { render } from 'ink-testing-library';
import { describe, expect, it } from 'vitest';
import { App } from '../source/ui/App.js';
import { bundled, KEY, press } from './helpers.js';

function start(cols = 100, rows = 24) {
	const { store, problems } = bundled();
	let exitCode: number | undefined;
	const r = render(<App store={store} problems={problems} cols={cols} rows={rows} onExit={(c) => { exitCode = c; }} />);
	return { ...r, exitCode: () => exitCode };
}

describe('Timeline pane', () => {
	it('filters to Afghanistan in December 2024 and opens the Haqqani assassination', async () => {
		const app = start();
		await press(app.stdin, 'f', 'afgh', KEY.tab);
		expect(app.lastFrame()).toContain('country AF');
	});
});
