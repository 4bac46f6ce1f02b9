// Every temporary folder the tests make goes under one root, removed at the end.
// Each project runs this setup in the same process: the first one makes the root.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
	if (process.env.SITREP_TEST_ROOT) return () => {};
	const root = mkdtempSync(join(tmpdir(), 'sitrep-tests-'));
	// Readable by others, as /tmp is: the unreadable-file case runs sitrep as another user.
	chmodSync(root, 0o755);
	process.env.SITREP_TEST_ROOT = root;
	// Test workers and the processes they spawn inherit it: os.tmpdir() reads TMPDIR.
	process.env.TMPDIR = root;
	return () => rmSync(root, { recursive: true, force: true });
}
