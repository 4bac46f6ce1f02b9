// Detail views as plain text for the CLI: the same lines the dashboard shows.
import type { Line } from './lines.js';

export function linesToText(lines: readonly Line[]): string {
	return lines
		.map((l) =>
			l.segs
				.map((s) => s.text)
				.join('')
				.trimEnd(),
		)
		.join('\n');
}
