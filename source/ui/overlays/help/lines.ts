// The ? overlay: every binding in force, by where it works, then the incident types.

import { ownText } from '../../../core/glyphs.js';
import { INCIDENT_TYPES } from '../../../core/schemaBase.js';
import { blank, heading, type Line, para, text } from '../../../present/lines.js';
import { DEFAULT_KEYMAP, type Keymap, SCOPE_TITLES, type Scope } from '../../keymap.js';
import { keyLabel } from '../../keys.js';

/** `paneCount`: how many panes exist (pane.N keys beyond it are left out). */
export function helpLines(cols: number, keymap: Keymap = DEFAULT_KEYMAP, paneCount = 4): Line[] {
	const custom = keymap !== DEFAULT_KEYMAP;
	const out: Line[] = [
		heading(custom ? 'sitrep keys (with your overrides from the settings file)' : 'sitrep keys'),
		text('The command palette (: or ^P) runs any of these by name.', 'dim'),
		blank,
	];
	for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
		const bindings = keymap.bindings
			.filter((b) => b.scope === scope && b.keys.length > 0)
			.filter((b) => {
				const pane = /^pane\.(\d)$/.exec(b.command);
				return !pane || Number(pane[1]) <= paneCount;
			});
		if (!bindings.length) continue;
		out.push(heading(SCOPE_TITLES[scope]));
		for (const b of bindings) {
			out.push({
				segs: [
					{
						text: `  ${b.keys
							.map((k) => ownText(keyLabel(k)))
							.join(' ')
							.padEnd(24)}`,
						style: 'key',
					},
					{ text: ownText(b.help) },
				],
			});
		}
		out.push(blank);
	}
	out.push(heading('Incident types'));
	for (const [label, desc] of INCIDENT_TYPES) out.push(...para(`${label}: ${desc}`, cols - 2, 2));
	return out;
}
