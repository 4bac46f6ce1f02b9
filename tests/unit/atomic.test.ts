// io/atomic.ts, the one way sitrep writes a file: the target is the old file
// or the new one, never half of one, and no temporary file outlives a write.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileWriteError, writeFileAtomic } from '../../source/io/atomic.js';

const folder = () => mkdtempSync(join(tmpdir(), 'sitrep-atomic-'));
const failure = (f: () => void): FileWriteError => {
	try {
		f();
	} catch (err) {
		if (err instanceof FileWriteError) return err;
		throw err;
	}
	throw new Error('the write did not fail');
};

describe('writeFileAtomic', () => {
	it('creates or replaces the file, and leaves nothing else in its folder', () => {
		const dir = folder();
		const file = join(dir, 'brief.md');
		writeFileAtomic(file, 'first');
		writeFileAtomic(file, 'second');
		expect(readFileSync(file, 'utf8')).toBe('second');
		expect(readdirSync(dir)).toEqual(['brief.md']);
	});

	it('exclusive never replaces a file: EEXIST, the file as it was, no temporary file', () => {
		const dir = folder();
		const file = join(dir, 'export.csv');
		writeFileSync(file, 'an analyst’s edits');
		const e = failure(() => writeFileAtomic(file, 'new', { exclusive: true }));
		expect(e.code).toBe('EEXIST');
		expect(e.message).toBe('EEXIST: it exists');
		expect(readFileSync(file, 'utf8')).toBe('an analyst’s edits');
		expect(readdirSync(dir)).toEqual(['export.csv']);
		writeFileAtomic(join(dir, 'other.csv'), 'new', { exclusive: true });
		expect(readFileSync(join(dir, 'other.csv'), 'utf8')).toBe('new');
		expect(readdirSync(dir).sort()).toEqual(['export.csv', 'other.csv']);
	});

	it('a failed rename (the target is a folder) removes the temporary file; the folder is untouched', () => {
		const dir = folder();
		const target = join(dir, 'out.csv');
		mkdirSync(target);
		writeFileSync(join(target, 'inside'), 'kept');
		const e = failure(() => writeFileAtomic(target, 'text'));
		expect(e.path).toBe(target);
		expect(readdirSync(dir)).toEqual(['out.csv']);
		expect(readFileSync(join(target, 'inside'), 'utf8')).toBe('kept');
	});

	it('a missing folder is named in the error (not the temporary file), or made with mkdir', () => {
		const dir = folder();
		const file = join(dir, 'cache', 'deep', 'load.cache');
		const e = failure(() => writeFileAtomic(file, 'x'));
		expect(e.message).toBe(`ENOENT: its folder ${join(dir, 'cache', 'deep')} does not exist`);
		expect(existsSync(join(dir, 'cache'))).toBe(false);
		writeFileAtomic(file, Buffer.from([1, 2, 3]), { mkdir: true });
		expect([...readFileSync(file)]).toEqual([1, 2, 3]);
	});
});
