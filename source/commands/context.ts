// What a command needs from the outside world; tests pass their own.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sanitizeLine, sanitizeText } from '../core/sanitize.js';

export interface Ctx {
	/** A line of output; control sequences are stripped (data text is already clean, paths may not be). */
	out(line: string): void;
	/** Output that carries sitrep's own highlighting; its text parts must already be sanitized. */
	outStyled(line: string): void;
	err(line: string): void;
	/** stdout is a terminal: colours and highlights are allowed. */
	color: boolean;
}

export const EXIT = {
	ok: 0,
	problems: 1,
	usage: 2,
	data: 3,
	noTty: 4,
	interrupted: 130,
} as const;

export function processCtx(): Ctx {
	return {
		out: (line) => process.stdout.write(`${sanitizeText(line)}\n`),
		outStyled: (line) => process.stdout.write(`${line}\n`),
		err: (line) => process.stderr.write(`${sanitizeLine(line)}\n`),
		color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
	};
}

/** The data/ directory shipped with sitrep (next to dist/ or source/). */
export function bundledDataDir(): string {
	// Bundled (dist/cli.js) and unbundled (source/commands/) builds sit at different depths.
	let dir = dirname(fileURLToPath(import.meta.url));
	for (let i = 0; i < 4; i++) {
		if (existsSync(join(dir, 'package.json'))) return join(dir, 'data');
		dir = dirname(dir);
	}
	return join(dirname(fileURLToPath(import.meta.url)), '..', 'data');
}

export class UsageError extends Error {}
