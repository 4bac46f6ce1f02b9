// The one reader of the keyboard: the raw bytes of the stdin Ink was given
// (the terminal, in raw mode since run.tsx took it; a test's fake stdin),
// assembled into keys across reads (keyReader.ts) and handed on a read at a
// time. Ink never reads this stdin: nothing here calls useInput, so its own
// per-read parser, which cannot wait for the rest of a split sequence, is out
// of the way. Bytes typed before the reader is attached (while the data
// loads) wait in the terminal's buffer and are read first.
import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { KeyAssembler, type KeyPress } from '../keyReader.js';

export function useKeys(onKeys: (keys: KeyPress[]) => void, escapeMs: number): void {
	const { stdin } = useStdin();
	const latest = useRef(onKeys);
	latest.current = onKeys;
	useEffect(() => {
		const keys = new KeyAssembler((k) => latest.current(k), escapeMs);
		const onData = (chunk: Buffer | string) => keys.push(chunk);
		// A terminal that hung up fails its reads (EIO); ending the dashboard then is run.tsx's (SIGHUP), not a crash.
		const onError = () => keys.dispose();
		stdin.on('data', onData);
		stdin.on('error', onError);
		stdin.ref?.();
		return () => {
			stdin.off('data', onData);
			stdin.off('error', onError);
			keys.dispose();
			// Nothing reads the terminal any more: let the process end.
			stdin.pause();
			stdin.unref?.();
		};
	}, [stdin, escapeMs]);
}
