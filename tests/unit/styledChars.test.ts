// Ink keeps every drawn line's styled characters (patches/ink+6.8.0.patch, shared caches): built
// field by field (patches/@alcalzone+ansi-tokenize+0.2.5.patch) they share one hidden class, where
// spread from their tokens they came to have one each once the lines varied (~200 bytes a
// character: ~10 MB of the dashboard's heap). V8 says so only to a process run with
// --allow-natives-syntax.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const SCRIPT = `
import { styledCharsFromTokens, tokenize } from '@alcalzone/ansi-tokenize';
const lines = ['\\u001b[31mab\\u001b[39mcd', 'xyz', '漢字 wide', 'e\\u0301 combining', '👍🏽 emoji',
	'\\u001b[1m\\u001b[7mbold inverse\\u001b[27m\\u001b[22m', '─── box ───', 'plain text line'];
const all = [];
for (let i = 0; i < 300; i++) for (const l of lines) all.push(...styledCharsFromTokens(tokenize(l + i)));
const maps = [];
for (const c of all) if (!maps.some((m) => %HaveSameMap(m, c)) && maps.push(c) > 50) break;
console.log(JSON.stringify({ chars: all.length, maps: maps.length, first: all.slice(0, 4).map((c) => c.value).join('') }));
`;

describe('styled characters', () => {
	it('share one hidden class whatever the lines hold', () => {
		const r = spawnSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', SCRIPT], {
			encoding: 'utf8',
		});
		expect(r.stderr).toBe('');
		const out = JSON.parse(r.stdout);
		expect(out.first).toBe('abcd');
		expect(out.chars).toBeGreaterThan(20_000);
		expect(out.maps).toBe(1);
	});
});
