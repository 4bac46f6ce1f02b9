// A terminal that hangs up: the SSH connection dropped, the terminal window
// was closed. From then on every write to it fails with EIO, a read gives
// end-of-file, and Node 20 aborts (SIGABRT, a core file where they are
// enabled) if it is left to exit normally: its exit-time reset of the
// terminal's modes asserts that tcsetattr succeeds, and on a hung-up terminal
// it fails with EIO (nodejs/node#51519; fixed in nodejs/node#58200, not in
// Node 20). So a hang-up ends the process as the hang-up itself would: by
// SIGHUP with its default action, which runs no exit handlers. A shell, or
// sshd, then sees 129 (128 + 1), as for any program the hang-up killed.
import { isatty } from 'node:tty';

/** Which of stdin, stdout and stderr were terminals when sitrep started. */
const wereTerminals = [0, 1, 2].filter((fd) => isatty(fd));

/**
 * One of stdin, stdout and stderr was a terminal and is one no longer: the
 * terminal hung up (isatty asks the terminal for its modes, which a hung-up
 * terminal refuses with EIO).
 */
export function terminalGone(): boolean {
	return wereTerminals.some((fd) => !isatty(fd));
}

/** Errors of a read or write that mean the terminal (or the pipe) at the other end is gone. */
const GONE = new Set(['EIO', 'EPIPE', 'ENXIO']);

export function isHangupError(err: unknown): boolean {
	return typeof err === 'object' && err !== null && GONE.has(String((err as NodeJS.ErrnoException).code));
}

/**
 * Ends the process by SIGHUP with the default action: every listener
 * removed, the signal raised again. No exit handler runs (none writes to
 * the dead terminal, and Node does not reset it); the status is 129.
 * Whatever must be kept has to be saved before, synchronously.
 */
export function dieOfHangup(): never {
	// With no listener left, Node gives SIGHUP back its default action.
	process.removeAllListeners('SIGHUP');
	process.kill(process.pid, 'SIGHUP');
	// The kernel delivers a signal a process sends itself before kill returns; should another
	// thread have taken it, wait here for the end rather than run anything more.
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2_000);
	return process.exit(129);
}
