// Generated blocks in the docs: text between `<!-- NAME:start -->` and
// `<!-- NAME:end -->` in a Markdown file, written by a script and checked by a
// test (the key table in docs/keys.md, the reliability table in
// docs/reliability.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** A file under docs/, as a path. */
export const docPath = (name: string): string => fileURLToPath(new URL(`../docs/${name}`, import.meta.url));

export const markers = (name: string) => ({ start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` });

/** The text between the markers, trimmed; undefined when the file lacks them. */
export function readBlock(file: string, name: string): string | undefined {
	const { start, end } = markers(name);
	const text = readFileSync(file, 'utf8');
	const i = text.indexOf(start);
	const j = text.indexOf(end);
	if (i < 0 || j < i) return undefined;
	return text.slice(i + start.length, j).trim();
}

/** Replaces the text between the markers; throws when the file lacks them. */
export function writeBlock(file: string, name: string, block: string): void {
	const { start, end } = markers(name);
	const text = readFileSync(file, 'utf8');
	const i = text.indexOf(start);
	const j = text.indexOf(end);
	if (i < 0 || j < i) throw new Error(`${file} has no ${start} … ${end} block`);
	writeFileSync(file, `${text.slice(0, i + start.length)}\n${block}\n${text.slice(j)}`);
}
