// The ! overlay: what was wrong with the settings at start, then every data problem.
import { countBySeverity, formatProblem } from '../../../core/problems.js';
import { sanitizeLine } from '../../../core/sanitize.js';
import { wrap } from '../../../core/width.js';
import { blank, heading, type Line, text } from '../../../present/lines.js';
import type { Env } from '../../env.js';

export function problemLines(env: Env, cols: number): Line[] {
	const { errors, warnings } = countBySeverity(env.problems);
	const out: Line[] = [
		heading(`Data problems: ${errors} errors, ${warnings} warnings (sitrep validate lists them too)`),
		blank,
	];
	const notes = env.settingsNotes ?? [];
	if (notes.length) {
		out.splice(0, 0, heading(`Settings: ${notes.length} ${notes.length === 1 ? 'note' : 'notes'} from start-up`));
		const lines = notes.flatMap((n) =>
			wrap(sanitizeLine(n), cols - 4).map((l, i) => text(`${i === 0 ? '' : '    '}${l}`, 'warning')),
		);
		out.splice(1, 0, ...lines, blank);
	}
	if (env.problems.length === 0) out.push(text('No problems: every record loaded.', 'ok'));
	for (const p of env.problems) {
		for (const [i, l] of wrap(formatProblem(p), cols - 4).entries()) {
			out.push(text(`${i === 0 ? '' : '    '}${l}`, p.severity === 'error' ? 'error' : 'warning'));
		}
	}
	return out;
}
