// tmux 3.3a's count of a line's cells (screen-write.c): wcwidth per code
// point, a zero-width one in the cell before it, and after a ZWJ the next
// non-ASCII character in the ZWJ's cell. tests/terminal-width.test.ts checks
// it against what tmux measured.
import { codePointWidth } from '../../source/core/wcwidth.js';

export function tmuxCells(s: string): number {
	let w = 0;
	let zwj = false;
	for (const ch of s) {
		const cp = ch.codePointAt(0) ?? 0;
		if (cp < 0x80) w++;
		else if (cp === 0x200d) zwj = true;
		else if (zwj) zwj = false;
		else w += Math.max(0, codePointWidth(cp));
	}
	return w;
}
