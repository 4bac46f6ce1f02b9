// `sitrep index` from the built bundle: libsql is loaded from node_modules (it is
// never bundled), the index is made beside a writable data directory, status
// reports it, and a changed file shows as stale until the next build.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bundled, DATA_DIR } from '../support/helpers.js';
import { CLI } from '../support/runCli.js';

const temp = mkdtempSync(join(tmpdir(), 'sitrep-index-e2e-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(args: string[], env: NodeJS.ProcessEnv = {}) {
	const { SITREP_INDEX_DIR: _, ...rest } = process.env;
	const r = spawnSync(process.execPath, [CLI, ...args], {
		encoding: 'utf8',
		env: {
			...rest,
			SITREP_CONFIG_DIR: join(temp, 'config'),
			XDG_CACHE_HOME: join(temp, 'cache'),
			NO_COLOR: '1',
			...env,
		},
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('sitrep index', () => {
	const dir = join(temp, 'data');
	cpSync(DATA_DIR, dir, { recursive: true });

	it('builds the index beside the data and reports it', () => {
		const built = run(['index', 'build', '--json', '--data', dir]);
		expect(built.err).toBe('');
		expect(built.code).toBe(0);
		const status = JSON.parse(built.out);
		expect(status.path).toBe(join(dir, '.sitrep', 'index.sqlite'));
		expect(existsSync(status.path)).toBe(true);
		expect(status.counts.incidents).toBe(bundled().store.incidents.length);
		expect(status.counts.articles).toBe(bundled().store.articles.length);
		expect(status.stale).toEqual({ changed: [], added: [], removed: [] });
	});

	it('shows a changed file as stale, in words and as JSON', () => {
		appendFileSync(join(dir, 'incidents.json'), '\n');
		const text = run(['index', '--data', dir]);
		expect(text.code).toBe(0);
		expect(text.out).toMatch(/^index: .*index\.sqlite$/m);
		expect(text.out).toMatch(/^stale: incidents\.json \(changed\)$/m);
		expect(JSON.parse(run(['index', 'status', '--json', '--data', dir]).out).stale.changed).toEqual(['incidents.json']);
	});

	it('update over an IPC channel (as an open dashboard runs it) says when its rows are committed, then ends', async () => {
		// The stale file from the test above: the update has work to do.
		const { SITREP_INDEX_DIR: _, ...rest } = process.env;
		const child = spawn(process.execPath, [CLI, 'index', 'update', '--json', '--data', dir], {
			stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
			env: { ...rest, SITREP_CONFIG_DIR: join(temp, 'config'), XDG_CACHE_HOME: join(temp, 'cache') },
		});
		const events: string[] = [];
		let out = '';
		child.stdout?.on('data', (b: Buffer) => {
			if (!out) events.push('status');
			out += b.toString();
		});
		child.on('message', (m) => events.push(JSON.stringify(m)));
		const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
		expect(code).toBe(0);
		// Told first (the checkpoint and the status come after), once.
		expect(events).toEqual(['{"sitrepIndex":"committed","built":"updated"}', 'status']);
		expect(JSON.parse(out).stale).toEqual({ changed: [], added: [], removed: [] });
	});

	it('keeps the bundled data’s index in the cache folder', () => {
		const where = run(['index', 'path']);
		expect(where.code).toBe(0);
		expect(where.out.trim()).toMatch(new RegExp(`^${join(temp, 'cache')}/sitrep/index-[0-9a-f]{16}\\.sqlite$`));
	});

	it('two processes building at once both finish, and leave one sound index', async () => {
		const { SITREP_INDEX_DIR: _, ...rest } = process.env;
		const both = [0, 1].map(
			() =>
				new Promise<{ code: number | null; out: string }>((resolve) => {
					const child = spawn(process.execPath, [CLI, 'index', 'build', '--json', '--data', dir], {
						env: { ...rest, SITREP_CONFIG_DIR: join(temp, 'config') },
					});
					let out = '';
					child.stdout.on('data', (d: Buffer) => {
						out += d.toString();
					});
					child.on('close', (code) => resolve({ code, out }));
				}),
		);
		const results = await Promise.all(both);
		expect(results.map((r) => r.code)).toEqual([0, 0]);
		for (const r of results) expect(JSON.parse(r.out).counts.incidents).toBe(bundled().store.incidents.length);
		const after = JSON.parse(run(['index', '--json', '--data', dir]).out);
		expect(after.usable).toBe(true);
		expect(after.stale).toEqual({ changed: [], added: [], removed: [] });
	});

	it('refuses an unknown action', () => {
		const r = run(['index', 'rebuild', '--data', dir]);
		expect(r.code).toBe(2);
		expect(r.err).toMatch(/expected one of status, build, update, path/);
	});

	// Root writes anywhere: as root, the commands run as "nobody", for whom the folder is read-only.
	it('a read-only data directory gets its index in the cache folder, and the commands read it there', () => {
		const base = mkdtempSync('/tmp/sitrep-ro-');
		try {
			chmodSync(base, 0o755);
			const ro = join(base, 'data');
			cpSync(DATA_DIR, ro, { recursive: true });
			chmodSync(ro, 0o555);
			const cache = join(base, 'cache');
			mkdirSync(cache, { mode: 0o777 });
			chmodSync(cache, 0o777);
			const env = { XDG_CACHE_HOME: cache, SITREP_CONFIG_DIR: join(cache, 'config'), HOME: cache };
			// The checkout may sit in a folder only root can enter (mktemp -d): nobody runs a copy of the
			// built app, with the one package the bundle leaves outside it (libsql, and what it loads).
			const app = join(base, 'app');
			cpSync(dirname(CLI), join(app, 'dist'), { recursive: true });
			for (const m of ['libsql', '@libsql', '@neon-rs', 'detect-libc'])
				cpSync(join(dirname(CLI), '..', 'node_modules', m), join(app, 'node_modules', m), { recursive: true });
			const cli = process.getuid?.() === 0 ? join(app, 'dist', basename(CLI)) : CLI;
			const asUser = (args: string[], more: Record<string, string> = {}) => {
				const { SITREP_INDEX_DIR: _, ...rest } = process.env;
				const all = { ...env, ...more };
				const argv = [cli, ...args, '--data', ro];
				const r =
					process.getuid?.() === 0
						? spawnSync(
								'runuser',
								[
									'-u',
									'nobody',
									'--',
									'env',
									...Object.entries(all).map(([k, v]) => `${k}=${v}`),
									process.execPath,
									...argv,
								],
								{
									encoding: 'utf8',
									env: rest,
								},
							)
						: spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...rest, ...all } });
				return { code: r.status, out: r.stdout, err: r.stderr };
			};
			const built = asUser(['index', 'build', '--json']);
			expect(built.err).toBe('');
			expect(built.code).toBe(0);
			expect(JSON.parse(built.out).path).toMatch(new RegExp(`^${cache}/sitrep/index-[0-9a-f]{16}\\.sqlite$`));
			expect(existsSync(join(ro, '.sitrep'))).toBe(false);
			const table = asUser(['risk', '--json'], { SITREP_STORAGE: 'index' });
			expect(table.err).toBe('');
			expect(table.code).toBe(0);
			expect(JSON.parse(table.out).countries.length).toBeGreaterThan(0);
			// It read the index it built: nothing was built beside the data.
			expect(existsSync(join(ro, '.sitrep'))).toBe(false);
		} finally {
			chmodSync(join(base, 'data'), 0o755);
			rmSync(base, { recursive: true, force: true });
		}
	});
});
