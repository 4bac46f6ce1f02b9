// The end-to-end tests run the real bundle (dist/cli.js): built once, before any of them.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
	execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
}
