// Imported and ingested records as an analyst meets them: in the Timeline,
// Actors, Risk and Search panes of the real App.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Ctx } from '../../source/commands/context.js';
import { runIngest } from '../../source/commands/ingest.js';
import { importFile } from '../../source/io/import/run.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { App } from '../../source/ui/app/App.js';
import { ANSWERED, DATA_DIR, eventually, press, render } from '../support/helpers.js';

const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
const quiet: Ctx = { out: () => {}, outStyled: () => {}, err: () => {}, color: false };
const selected = (frame: string) => frame.split('\n').find((l) => l.startsWith('›')) ?? '';

async function importedData(): Promise<string> {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-ui-import-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	await importFile(dir, fixture('import/ucdp-hdx.csv'));
	await importFile(dir, fixture('import/acled-2024.csv'));
	const code = runIngest(
		loadDataDir(dir).store,
		[fixture('ingest/quetta-station.html')],
		{ dataDir: dir, dryRun: false, json: false },
		quiet,
	);
	expect(code).toBe(0);
	return dir;
}

describe('imported data in the dashboard', () => {
	it('shows imported incidents, actors and countries, and finds an ingested article', async () => {
		const { store, problems } = loadDataDir(await importedData());
		expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
		const r = render(<App escapeMs={0} store={store} problems={problems} cols={100} rows={30} />);
		const frame = () => r.lastFrame() ?? '';
		expect(frame()).toContain('132 incidents · 21 articles');
		// The oldest incident is UCDP's Raqqa row, with the actor it was merged into.
		await press(r.stdin, 'G');
		expect(selected(frame())).toMatch(/2017-07-01 SY armed assault\s+Islamic State/);
		// A UCDP actor that came from the alias table.
		await press(r.stdin, '2', '/', 'republic');
		expect(selected(frame())).toContain('Afghan Republic');
		// A country that only the import brought.
		await press(r.stdin, '\u001b', '3');
		expect(frame()).toMatch(/SY Syria/);
		// The article ingested from a saved web page, found by search with its linked actor.
		await press(r.stdin, '/', 'quetta railway actor:bla');
		await eventually(frame).toMatch(ANSWERED);
		expect(selected(frame())).toContain('Suicide blast at Quetta railway station');
		r.unmount();
	});
});
