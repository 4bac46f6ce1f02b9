// Prints the README's key table from the keymap (npm run keys-table), so the
// two cannot drift apart; tests/keymap.test.ts checks the README holds it.
import { KEYMAP, SCOPE_TITLES, type Scope } from '../source/ui/keymap.js';
import { keyLabel } from '../source/ui/keys.js';

export function keysTable(): string {
	const out = ['| where | keys | what |', '|---|---|---|'];
	for (const scope of Object.keys(SCOPE_TITLES) as Scope[]) {
		const bindings = KEYMAP.filter((b) => b.scope === scope);
		bindings.forEach((b, i) => {
			const keys = b.keys.map((k) => `\`${keyLabel(k).replace('|', '\\|')}\``).join(' ');
			out.push(`| ${i === 0 ? SCOPE_TITLES[scope] : ''} | ${keys} | ${b.help} |`);
		});
	}
	return out.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(keysTable());
