// sitrep validate: every problem, one a line; exit 1 on errors (or warnings with --strict).

import { countBySeverity, formatProblem } from '../core/problems.js';
import { KINDS } from '../core/schemaBase.js';
import { plural } from '../core/words.js';
import type { LoadResult } from '../io/load/load.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';

export function runValidate(result: LoadResult, opts: { json: boolean; strict: boolean }, ctx: Ctx): number {
	const { errors, warnings } = countBySeverity(result.problems);
	const failed = errors > 0 || (opts.strict && warnings > 0);
	const counts = Object.fromEntries(KINDS.map((k) => [k, result.store[k].length]));
	if (opts.json) {
		// File names and messages as they are (a file name may hold any byte), escaped for the terminal.
		ctx.out(
			terminalJson({
				ok: !failed,
				errors,
				warnings,
				loaded: counts,
				skipped: result.skipped,
				files: result.files,
				problems: result.problems,
			}),
		);
	} else {
		for (const p of result.problems) ctx.out(formatProblem(p));
		const loaded = KINDS.map((k) => `${counts[k]} ${k}`).join(', ');
		const skipped = KINDS.filter((k) => result.skipped[k] > 0).map((k) => `${result.skipped[k]} ${k}`);
		ctx.err(
			`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(result.files.length, 'file')}; loaded ${loaded}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`,
		);
	}
	return failed ? EXIT.problems : EXIT.ok;
}
