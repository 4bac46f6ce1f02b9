// How sitrep writes a file: into a temporary file in the same folder (one file
// system, so the rename is atomic), flushed to disk, then renamed over the
// target. A reader sees the old file or the new one, never half of one; a
// failed write removes its temporary file and leaves the target as it was.
// Settings go through conf, which does the same.
import * as fs from 'node:fs';
import { dirname } from 'node:path';

/** A write that failed, said about the file asked for (Node's message would name the temporary file). */
export class FileWriteError extends Error {
	constructor(
		readonly path: string,
		readonly code: string | undefined,
		message: string,
	) {
		super(message);
	}
}

let serial = 0;

/** A name beside `path` that no other write uses: the process, the time (pids are reused) and a counter. */
export function tempPathFor(path: string): string {
	serial += 1;
	return `${path}.tmp-${process.pid}-${Date.now().toString(36)}-${serial.toString(36)}`;
}

function removeQuietly(path: string): void {
	try {
		fs.rmSync(path, { force: true });
	} catch {
		// The error that brought us here is the one worth reporting.
	}
}

/**
 * Creates `path`, which must not exist, writes `data` and flushes it to disk,
 * so a crash never leaves a renamed but empty file. What was written of a
 * failed write is removed.
 */
export function writeNewFile(path: string, data: string | Uint8Array): void {
	const fd = fs.openSync(path, 'wx');
	let written = false;
	try {
		fs.writeFileSync(fd, data);
		fs.fsyncSync(fd);
		written = true;
	} finally {
		fs.closeSync(fd);
		if (!written) removeQuietly(path);
	}
}

export interface WriteOptions {
	/** Never replace a file: fail with EEXIST when `path` exists, checked in the same step as the write. */
	exclusive?: boolean;
	/** Create the folders above `path` first. */
	mkdir?: boolean;
}

/** Some file systems have no hard links; an exclusive copy is the next best thing. */
const NO_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function put(tmp: string, path: string, exclusive: boolean): void {
	if (!exclusive) {
		fs.renameSync(tmp, path);
		return;
	}
	// A link, unlike a rename, fails when the name is taken.
	try {
		fs.linkSync(tmp, path);
	} catch (err) {
		if (!NO_LINKS.has((err as NodeJS.ErrnoException).code ?? '')) throw err;
		fs.copyFileSync(tmp, path, fs.constants.COPYFILE_EXCL);
	}
	removeQuietly(tmp);
}

/** Writes `data` to `path` atomically; throws FileWriteError. */
export function writeFileAtomic(path: string, data: string | Uint8Array, opts: WriteOptions = {}): void {
	const tmp = tempPathFor(path);
	try {
		if (opts.mkdir) fs.mkdirSync(dirname(path), { recursive: true });
		writeNewFile(tmp, data);
		try {
			put(tmp, path, opts.exclusive === true);
		} catch (err) {
			removeQuietly(tmp);
			throw err;
		}
	} catch (err) {
		const e = err as NodeJS.ErrnoException;
		throw new FileWriteError(path, e.code, describe(e, path));
	}
}

function describe(e: NodeJS.ErrnoException, path: string): string {
	switch (e.code) {
		case 'ENOENT':
			return `ENOENT: its folder ${dirname(path)} does not exist`;
		case 'ENOTDIR':
			return `ENOTDIR: ${dirname(path)} is not a folder`;
		case 'EISDIR':
			return 'EISDIR: it is a directory';
		case 'EACCES':
		case 'EPERM':
			return `${e.code}: permission denied`;
		case 'EEXIST':
			return 'EEXIST: it exists';
		case 'EFBIG':
			return 'EFBIG: the file would be larger than allowed';
		case 'ENOSPC':
			return 'ENOSPC: no space left on the device';
		case 'EROFS':
			return 'EROFS: the file system is read-only';
		default:
			return e.message;
	}
}
