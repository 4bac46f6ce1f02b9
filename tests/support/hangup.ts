// A dropped SSH connection, end to end: the built dashboard (dist/cli.js) in a
// real pseudo-terminal whose master side is closed, as sshd closes it when the
// connection goes (tests/support/ptyHangup.py). Before the hang-up the
// Actors pane is opened, and the watchlist's record is an old one; after it
// the app must have ended by the hang-up (status 129, no SIGABRT, no core),
// said nothing on stderr (no "sitrep crashed", no Node assertion), left no
// process behind, and saved the pane shown and what was seen of the
// watchlist.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Dash, type HungUp, ROOT } from './ptyRun.js';

/** The data the dashboard opens by default (the bundled set), as the watch record names it. */
const DATA_DIR = join(ROOT, 'data');
/** The watch record planted before the run: any later session end writes a newer one. */
const OLD_SINCE = '2000-01-01T00:00:00.000Z';
const SIGABRT = 6;

/**
 * How a dropped connection reaches sitrep. 'leader': sitrep is the session
 * leader (`ssh -t host sitrep`): the kernel sends it SIGHUP, its input ends,
 * writes fail with EIO. 'shell': sitrep runs under a shell that does not pass
 * SIGHUP on: it sees only its input end and EIO.
 */
export type HangupMode = 'leader' | 'shell';

/** A settings folder with a watchlist (ISKP) whose record was written long ago. */
function plantSettings(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-check-hangup-'));
	writeFileSync(join(dir, 'config.json'), JSON.stringify({ watchlist: ['actor:iskp'] }));
	const record = { since: OLD_SINCE, items: { 'actor:iskp': { incidents: [], articles: [] } } };
	writeFileSync(join(dir, 'watch.json'), JSON.stringify({ dirs: { [DATA_DIR]: record } }));
	return dir;
}

function readJson(file: string): Record<string, unknown> | string {
	try {
		return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
	} catch (err) {
		return err instanceof Error ? err.message : String(err);
	}
}

/** What a run whose terminal hung up must satisfy; one line per failure. */
export function hangupProblems(r: HungUp, configDir: string): string[] {
	const out: string[] = [];
	if (r.killed) out.push('did not end after the hang-up: killed after 15 s');
	if (r.code !== 129) out.push(`exit status ${r.code ?? 'unknown'}, expected 129`);
	if (r.signal === SIGABRT) out.push('aborted (SIGABRT)');
	if (r.core) out.push('dumped core');
	if (r.stderr.trim() !== '') out.push(`wrote on stderr: ${JSON.stringify(r.stderr.slice(0, 160))}`);
	if (r.orphans.length) out.push(`left running: ${r.orphans.join(', ')}`);
	const config = readJson(join(configDir, 'config.json'));
	if (typeof config === 'string') out.push(`config.json unreadable: ${config}`);
	else if (config.lastPane !== 'actors') out.push(`lastPane is ${JSON.stringify(config.lastPane)}, expected "actors"`);
	const watch = readJson(join(configDir, 'watch.json'));
	const since =
		typeof watch === 'string'
			? undefined
			: (watch.dirs as Record<string, { since?: string }> | undefined)?.[DATA_DIR]?.since;
	if (typeof watch === 'string') out.push(`watch.json unreadable: ${watch}`);
	else if (since === OLD_SINCE) out.push('the watch state was not saved (watch.json still has the old record)');
	else if (since === undefined || Number.isNaN(Date.parse(since)))
		out.push(`watch.json has no record for the data: ${JSON.stringify(watch).slice(0, 160)}`);
	return out;
}

/** Opens the dashboard, switches to the Actors pane, drops the connection; the failures, if any. */
export async function dropConnection(mode: HangupMode): Promise<string[]> {
	const configDir = plantSettings();
	const d = await Dash.start({ hangup: mode, env: { SITREP_CONFIG_DIR: configDir } });
	try {
		// The status bar shows what is new on the watchlist (not the counts a complete frame has).
		await d.screenShows('? help', 30_000);
		d.press('2');
		await d.screenShows('sorted by');
	} catch (err) {
		const r = await d.hangUp();
		const screen = d.lines().join('\n').trim().slice(0, 300);
		return [
			`${err instanceof Error ? err.message : String(err)}; screen: ${JSON.stringify(screen)}; stderr: ${JSON.stringify(r.stderr.slice(0, 300))}; pty: ${JSON.stringify(d.session.errors().slice(0, 300))}`,
		];
	}
	return hangupProblems(await d.hangUp(), configDir);
}
