// The progress line of building the SQLite index, for `sitrep index build` and any command that builds it first.
import { formatBytes } from '../core/problems.js';

const BAR_CELLS = 24;

export function indexProgressLine(done: number, total: number, phase: string): string {
	const share = total > 0 ? done / total : 1;
	const full = Math.round(share * BAR_CELLS);
	return `indexing ${phase} [${'#'.repeat(full)}${'.'.repeat(BAR_CELLS - full)}] ${Math.floor(share * 100)}% of ${formatBytes(total)}`;
}
