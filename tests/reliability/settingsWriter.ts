// One of the concurrent writers of reliability/settings.ts: opens the settings
// as a fresh sitrep would and sets KEY, alternating two values, N times.
// Usage: node --import tsx reliability/settingsWriter.ts KEY VALUE_A VALUE_B N (SITREP_CONFIG_DIR set),
// then "go" on stdin once it has printed "ready".
import { openConfig, type SettingKey } from '../../source/io/settings/config.js';

const [key, a, b, n] = process.argv.slice(2) as [SettingKey, string, string, string];
// Both writers start together: each says it is ready (tsx takes a while, more on a busy machine) and waits for "go".
process.stdout.write('ready\n');
await new Promise<void>((resolve) => {
	process.stdin.on('data', (c: Buffer) => {
		if (c.toString().includes('go')) resolve();
	});
});
process.stdin.destroy();
let warned = 0;
const start = Date.now();
for (let i = 0; i < Number(n); i++) {
	const config = await openConfig();
	// A torn or half-written file would show here as a warning (and a backup).
	if (config.warnings.length) {
		warned++;
		process.stderr.write(`write ${i}: ${config.warnings.join('; ')}\n`);
	}
	await config.set(key, i % 2 ? a : b);
}
// When it wrote, for the check to see that the two writers overlapped.
process.stdout.write(`${start} ${Date.now()}\n`);
process.exit(warned ? 2 : 0);
