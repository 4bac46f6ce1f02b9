// Ink's key flags -> one key name ("j", "down", "ctrl-c", "shift-tab"), the
// vocabulary the keymap is written in.
import type { Key } from 'ink';

export function keyName(input: string, key: Key): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	// Terminals send DEL (0x7f) for Backspace; Ink reports it as "delete".
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input) return `ctrl-${input.toLowerCase()}`;
	if (input === ' ') return 'space';
	return input;
}

/** How a key name is shown in help and hints. */
export function keyLabel(name: string): string {
	const labels: Record<string, string> = {
		up: '↑',
		down: '↓',
		left: '←',
		right: '→',
		pageup: 'PgUp',
		pagedown: 'PgDn',
		home: 'Home',
		end: 'End',
		enter: 'Enter',
		escape: 'Esc',
		tab: 'Tab',
		'shift-tab': 'S-Tab',
		backspace: 'Bksp',
		space: 'Space',
	};
	if (labels[name]) return labels[name];
	if (name.startsWith('ctrl-')) return `^${name.slice(5).toUpperCase()}`;
	return name;
}

/**
 * Ink delivers a run of plain characters that arrive together (a burst over
 * SSH, tmux send-keys, a paste) as one string, control characters included:
 * split it back into keys so "jj\r" is down, down, Enter.
 */
export function splitBurst(input: string): { name: string; input: string }[] {
	const out: { name: string; input: string }[] = [];
	for (const ch of input) {
		const code = ch.codePointAt(0) ?? 0;
		if (ch === '\t') out.push({ name: 'tab', input: '' });
		else if (ch === '\r' || ch === '\n') out.push({ name: 'enter', input: '' });
		else if (ch === '\u007f' || ch === '\b') out.push({ name: 'backspace', input: '' });
		else if (code >= 1 && code <= 26) out.push({ name: `ctrl-${String.fromCharCode(code + 96)}`, input: '' });
		else if (code < 32) continue;
		else if (ch === ' ') out.push({ name: 'space', input: ' ' });
		else out.push({ name: ch, input: ch });
	}
	return out;
}
