// npm run reliability: runs every check under tests/reliability/ and prints
// the table in docs/reliability.md; `-- --write` puts it into that file
// between its markers. tests/reliability/reliability.test.ts runs the same
// checks and compares.
import { docPath, writeBlock } from '../../scripts/doc-block.js';
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

export const RELIABILITY_DOC = docPath('reliability.md');
export const RELIABILITY_BLOCK = 'reliability';

async function main(): Promise<number> {
	const args = process.argv.slice(2);
	const rows = await runChecks();
	const text = table(rows);
	console.log(text);
	const failed = rows.filter((r) => r.passed !== r.total || r.failures.length);
	for (const r of failed) for (const f of r.failures.slice(0, 20)) console.error(`${r.area} / ${r.what}: ${f}`);
	if (args.includes('--write')) writeBlock(RELIABILITY_DOC, RELIABILITY_BLOCK, text);
	return failed.length ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) main().then((code) => process.exit(code));
