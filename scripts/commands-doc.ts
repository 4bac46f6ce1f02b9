// docs/commands.md, generated from the command definitions so the two cannot
// drift apart: `npm run docs:commands` writes it (`npx tsx
// scripts/commands-doc.ts` only prints it); tests/e2e/commands.test.ts fails
// when the file says something else.
import { commandsMarkdown } from '../source/commands/help.js';
import { writeFileAtomic } from '../source/io/atomic.js';
import { docPath } from './doc-block.js';

export const COMMANDS_DOC = docPath('commands.md');

if (import.meta.url === `file://${process.argv[1]}`) {
	const text = await commandsMarkdown();
	if (process.argv.includes('--write')) writeFileAtomic(COMMANDS_DOC, text);
	else process.stdout.write(text);
}
