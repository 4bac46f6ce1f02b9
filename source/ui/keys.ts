// Key names: the vocabulary the keymap is written in ("j", "down",
// "ctrl-c", "shift-tab"), how they are shown, and the names a key also
// answers to. Bytes become names in keyReader.ts.

/**
 * The names to look a key up by, in order. LF is Ctrl-J, and Enter where
 * nothing binds Ctrl-J: a pasted line, or a terminal that sends LF for Enter.
 */
export function lookupNames(name: string): string[] {
	return name === 'ctrl-j' ? ['ctrl-j', 'enter'] : [name];
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
