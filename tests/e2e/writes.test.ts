// Writers that fail half way: the built CLI under a file-size limit (ulimit -f;
// Node ignores SIGXFSZ, so a write past the limit fails with EFBIG after part
// of it is on disk). The file asked for must be left as it was, and no
// temporary file may be left beside it.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DATA_DIR } from '../support/helpers.js';

const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));
const configDir = mkdtempSync(join(tmpdir(), 'sitrep-config-'));

/** sitrep with files limited to 1 KiB (dash counts 512-byte blocks). */
function limited(args: string[]) {
	const r = spawnSync('sh', ['-c', 'ulimit -f 2 && exec "$0" "$@"', process.execPath, CLI, ...args], {
		encoding: 'utf8',
		env: { ...process.env, SITREP_CONFIG_DIR: configDir, NO_COLOR: '1' },
	});
	return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Every file and folder under dir, files with their content. */
function snapshot(dir: string): Record<string, string> {
	const out: Record<string, string> = {};
	for (const e of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		const path = join(e.parentPath, e.name);
		out[path.slice(dir.length)] = e.isFile() ? readFileSync(path, 'utf8') : '(folder)';
	}
	return out;
}

describe('a write that fails half way', () => {
	it('export --out and brief --out: exit 3, the old file as it was, no temporary file', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-writes-'));
		for (const [args, file] of [
			[['export', 'incidents', '--out'], 'incidents.csv'],
			[['brief', 'AF', '--out'], 'brief-af.md'],
		] as const) {
			const path = join(dir, file);
			writeFileSync(path, 'old contents');
			const r = limited([...args, path]);
			expect(r.code, file).toBe(3);
			expect(r.err, file).toContain(`cannot write ${path}: EFBIG`);
			expect(readFileSync(path, 'utf8')).toBe('old contents');
		}
		expect(readdirSync(dir).sort()).toEqual(['brief-af.md', 'incidents.csv']);
		// Without the limit the same commands write (the limit was what failed).
		const ok = spawnSync(process.execPath, [CLI, 'brief', 'AF', '--out', join(dir, 'brief-af.md')], {
			env: { ...process.env, SITREP_CONFIG_DIR: configDir },
		});
		expect(ok.status).toBe(0);
		expect(statSync(join(dir, 'brief-af.md')).size).toBeGreaterThan(1024);
	});

	it('import: nothing is written to the data directory and no temporary file is left', () => {
		const data = mkdtempSync(join(tmpdir(), 'sitrep-writes-data-'));
		cpSync(DATA_DIR, data, { recursive: true });
		const before = snapshot(data);
		const csv = fileURLToPath(new URL('../fixtures/import/acled-2024.csv', import.meta.url));
		const r = limited(['import', 'acled', csv, '--data', data]);
		expect(r.code).toBe(3);
		expect(r.err).toContain('nothing was written');
		expect(snapshot(data)).toEqual(before);
	});
});
