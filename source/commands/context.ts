// What a command needs from the outside world; tests pass their own.
import { sanitizeLine, sanitizeText } from '../core/sanitize.js';
import { dumbTerminal } from '../core/terminal.js';

export { EXIT } from '../core/exit.js';

export interface Ctx {
	/** A line of output; control sequences are stripped (data text is already clean, paths may not be). */
	out(line: string): void;
	/** Output that carries sitrep's own highlighting; its text parts must already be sanitized. */
	outStyled(line: string): void;
	err(line: string): void;
	/** stdout is a terminal (and not a dumb one): colours and highlights are allowed. */
	color: boolean;
}

/** `color: false` is --no-color: no highlights even on a terminal. */
export function processCtx(opts: { color?: boolean } = {}): Ctx {
	return {
		out: (line) => process.stdout.write(`${sanitizeText(line)}\n`),
		outStyled: (line) => process.stdout.write(`${line}\n`),
		err: (line) => process.stderr.write(`${sanitizeLine(line)}\n`),
		color: opts.color !== false && Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !dumbTerminal(process.env),
	};
}
