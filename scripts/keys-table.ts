// The key table in docs/keys.md, generated from the keymap so the two cannot
// drift apart: `npm run docs:keys` writes it between the `keys` markers
// (`npx tsx scripts/keys-table.ts` only prints it); tests/ui/keymap.test.ts
// fails when the file holds another table.
import { KEYMAP, SCOPE_TITLES, type Scope } from '../source/ui/keymap.js';
import { keyLabel } from '../source/ui/keys.js';
import { docPath, writeBlock } from './doc-block.js';

export const KEYS_DOC = docPath('keys.md');
export const KEYS_BLOCK = 'keys';

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

if (import.meta.url === `file://${process.argv[1]}`) {
	const table = keysTable();
	if (process.argv.includes('--write')) writeBlock(KEYS_DOC, KEYS_BLOCK, table);
	else console.log(table);
}
