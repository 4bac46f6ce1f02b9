// Measures how many columns tmux gives each string of
// tests/fixtures/terminal-widths.json, as written (`tmux`) and as sitrep draws
// it (`drawn`, `tmuxDrawn`; core/drawable.ts): the expected widths of
// tests/terminal-width.test.ts come from the terminal, never from the
// functions under test. Run it again after a change to drawable() or a tmux
// upgrade:  npx tsx scripts/tmux-widths.ts
// A private tmux server (its own -L socket) runs this file with --probe in a
// 200x100 pane; the probe prints "X" + string and asks tmux where the cursor
// is (CSI 6n), so the width is the column it answers minus the X.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drawable } from '../source/core/drawable.js';

const FIXTURE = fileURLToPath(new URL('../tests/fixtures/terminal-widths.json', import.meta.url));

interface Entry {
	name: string;
	text: string;
	codePoints: string;
	tmux?: number;
	drawn?: string;
	tmuxDrawn?: number;
}

const read = (): Entry[] => JSON.parse(readFileSync(FIXTURE, 'utf8'));

async function probe(out: string): Promise<void> {
	process.stdin.setRawMode(true);
	let pending = '';
	const column = () =>
		new Promise<number>((resolve) => {
			const look = () => {
				const m = /\u001b\[(\d+);(\d+)R/.exec(pending);
				if (!m) return false;
				pending = pending.slice(m.index + m[0].length);
				resolve(Number(m[2]));
				return true;
			};
			if (look()) return;
			const on = (chunk: Buffer) => {
				pending += chunk.toString('utf8');
				if (look()) process.stdin.off('data', on);
			};
			process.stdin.on('data', on);
		});
	const measure = async (s: string) => {
		// tmux 3.3a keeps a ZWJ pending until the next non-ASCII character: "é" spends it before each string.
		process.stdout.write(`\r\u001b[2K\u00e9\r\u001b[2KX${s}\u001b[6n`);
		return (await column()) - 2;
	};
	const widths: [number, number][] = [];
	for (const e of read()) widths.push([await measure(e.text), await measure(e.drawn ?? e.text)]);
	// Left on screen for capture-pane: each string, as written and as drawn, between X and Y.
	process.stdout.write('\r\u001b[2J\u001b[H');
	for (const e of read()) process.stdout.write(`\u00e9\r\u001b[2KX${e.text}Y X${e.drawn}Y\r\n`);
	writeFileSync(out, JSON.stringify({ tmux: execFileSync('tmux', ['-V'], { encoding: 'utf8' }).trim(), widths }));
	process.stdin.setRawMode(false);
	await new Promise((r) => setTimeout(r, 60_000));
}

function run(): { version: string; widths: [number, number][]; screen: string } {
	const dir = mkdtempSync(join(tmpdir(), 'tmux-widths-'));
	const out = join(dir, 'out.json');
	const socket = `sitrep-widths-${process.pid}`;
	const tmux = (...args: string[]) =>
		execFileSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { encoding: 'utf8' });
	const self = fileURLToPath(import.meta.url);
	try {
		tmux(
			'-u',
			'new-session',
			'-d',
			'-x',
			'200',
			'-y',
			'100',
			`${process.execPath} --import tsx ${self} --probe ${out}`,
		);
		const until = Date.now() + 30_000;
		while (!existsSync(out) && Date.now() < until) spawnSync('sleep', ['0.1']);
		if (!existsSync(out)) throw new Error(`no answer from the probe; the pane shows:\n${tmux('capture-pane', '-p')}`);
		spawnSync('sleep', ['0.2']);
		const screen = tmux('capture-pane', '-p');
		const { tmux: version, widths } = JSON.parse(readFileSync(out, 'utf8'));
		return { version, widths, screen };
	} finally {
		spawnSync('tmux', ['-L', socket, 'kill-server']);
		rmSync(dir, { recursive: true, force: true });
	}
}

if (process.argv[2] === '--probe') await probe(process.argv[3] ?? '');
else {
	const hex = (s: string) =>
		[...s].map((c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
	const corpus = read().map((e) => ({ name: e.name, text: e.text, codePoints: hex(e.text), drawn: drawable(e.text) }));
	writeFileSync(FIXTURE, `${JSON.stringify(corpus, null, '\t')}\n`);
	const { version, widths, screen } = run();
	const measured = corpus.map((e, i) => ({ ...e, tmux: widths[i]?.[0], tmuxDrawn: widths[i]?.[1] }));
	writeFileSync(FIXTURE, `${JSON.stringify(measured, null, '\t')}\n`);
	process.stdout.write(`${screen.trimEnd()}\n${version}: ${widths.length} strings measured into ${FIXTURE}\n`);
}
