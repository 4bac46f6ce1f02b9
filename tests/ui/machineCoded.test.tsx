// The riskMachineCoded setting reaches the dashboard: App's prop (as run.tsx
// passes the session's) decides whether the Risk pane and a country's view
// count machine-coded (GDELT) incidents.
import { describe, expect, it } from 'vitest';
import { App } from '../../source/ui/app/App.js';
import { country, incident, store } from '../support/fixtures.js';
import { press, render } from '../support/helpers.js';

const gdelt = (id: string, date: string) =>
	incident({
		id,
		date,
		type: 'bombing',
		fatalities: 30,
		sources: [{ dataset: 'GDELT 2.0 Events', ref: id }],
		tags: ['gdelt'],
		machineCoded: true,
	});
const s = store({
	countries: [country({ code: 'XX', name: 'Exland' })],
	incidents: [
		incident({ id: 'people', date: '2025-01-30', type: 'suicide bombing', fatalities: 7 }),
		gdelt('gdelt-1', '2025-01-29'),
		gdelt('gdelt-2', '2025-01-20'),
	],
});

async function riskPane(riskMachineCoded: boolean): Promise<{ row: string; view: string }> {
	const r = render(
		<App escapeMs={0} store={s} problems={[]} cols={100} rows={30} days={30} riskMachineCoded={riskMachineCoded} />,
	);
	await press(r.stdin, '3');
	const row = (r.lastFrame() ?? '').split('\n').find((l) => l.includes('XX Exland')) ?? '';
	await press(r.stdin, 'e');
	const view = (r.lastFrame() ?? '').replace(/\s+/g, ' ');
	r.unmount();
	return { row, view };
}

describe('machine-coded incidents in the dashboard', () => {
	it('are left out of the Risk pane by default, and the country view says how many', async () => {
		const { row, view } = await riskPane(false);
		// One incident, 7 killed.
		expect(row).toMatch(/XX Exland.*\s1\s+7\s/);
		expect(view).toContain('Machine-coded 2 machine-coded (GDELT) incidents not counted;');
	});

	it('count with the riskMachineCoded setting', async () => {
		const { row, view } = await riskPane(true);
		expect(row).toMatch(/XX Exland.*\s3\s+67\s/);
		expect(view).toContain('Machine-coded 2 machine-coded (GDELT) incidents counted');
	});
});
