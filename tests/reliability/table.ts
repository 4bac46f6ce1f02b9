// npm run reliability: runs every check under reliability/ and prints the
// README's Reliability table; `-- --write` puts it into README.md between
// its markers. tests/reliability.test.ts runs the same checks.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { check as files } from './files.js';
import { check as fuzz } from './fuzz.js';
import { check as hostile } from './hostile.js';
import { check as importRows } from './import.js';
import { check as settings } from './settings.js';
import { check as terminal } from './terminal.js';
import type { Check, Row } from './types.js';

/** The checks in table order. */
export const CHECKS: Record<string, Check> = { hostile, files, fuzz, import: importRows, settings, terminal };

export async function runChecks(only?: readonly string[]): Promise<Row[]> {
	const rows: Row[] = [];
	for (const [name, check] of Object.entries(CHECKS)) {
		if (only && !only.includes(name)) continue;
		rows.push(...(await check()));
	}
	return rows;
}

const n = (x: number) => x.toLocaleString('en-US');

export function table(rows: readonly Row[]): string {
	const out = ['| area | check | result | |', '|---|---|---|---|'];
	for (const r of rows) {
		const ok = r.passed === r.total && r.failures.length === 0;
		out.push(
			`| ${r.area} | ${r.what} | ${n(r.passed)}/${n(r.total)}${r.note ? ` · ${r.note}` : ''} | ${ok ? 'pass' : 'FAIL'} |`,
		);
	}
	return out.join('\n');
}

export const START = '<!-- reliability:start -->';
export const END = '<!-- reliability:end -->';

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const rows = await runChecks();
	const text = table(rows);
	console.log(text);
	const failed = rows.filter((r) => r.passed !== r.total || r.failures.length);
	for (const r of failed) for (const f of r.failures.slice(0, 20)) console.error(`${r.area} / ${r.what}: ${f}`);
	if (args.includes('--write')) {
		const file = fileURLToPath(new URL('../../README.md', import.meta.url));
		const readme = readFileSync(file, 'utf8');
		const i = readme.indexOf(START);
		const j = readme.indexOf(END);
		if (i < 0 || j < i) throw new Error(`README.md has no ${START} … ${END} block`);
		writeFileSync(file, `${readme.slice(0, i + START.length)}\n${text}\n${readme.slice(j)}`);
	}
	return failed.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
