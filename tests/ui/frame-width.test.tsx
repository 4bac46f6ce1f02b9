// The dashboard over data with text that width functions get wrong (a Telugu
// conjunct with ZWNJ, Devanagari, Thai AM, emoji with skin tones, VS16 and
// ZWJ, RLM, Dari with ZWNJ): in every frame Ink writes, no line is wider than
// the terminal by tmux's count, Ink gives every cluster the cells tmux gives
// it, and the │ between list and detail stays in one column.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { loadDataDir } from '../../source/io/load/load.js';
import { App } from '../../source/ui/app/App.js';
import { DATA_DIR, eventually, KEY, press, render } from '../support/helpers.js';
import { tmuxCells } from '../support/tmux-cells.js';

const TELUGU = '\u0c1c\u0c4d\u0c1e\u200c\u0c3e';
const TRICKY = [
	`Telugu ${TELUGU}${TELUGU}`,
	'Devanagari \u0915\u094d\u0937\u093f \u0938\u094d\u0924\u094d\u0930\u0940',
	'Thai \u0e19\u0e49\u0e33',
	'thumbs \u{1f44d}\u{1f3fd}\u{1f44d}\u{1f3fd}',
	'heart \u2764\ufe0f\u2764\ufe0f',
	'family \u{1f468}\u200d\u{1f469}\u200d\u{1f467}\u200d\u{1f466}',
	'rainbow \u{1f3f3}\ufe0f\u200d\u{1f308}',
	'Dari \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645 \u06a9\u0627\u0628\u0644\u200f',
].join(' ');

function trickyData() {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-tricky-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	const edit = (file: string, change: (json: Record<string, Record<string, unknown>[]>) => void) => {
		const json = JSON.parse(readFileSync(join(dir, file), 'utf8'));
		change(json);
		writeFileSync(join(dir, file), JSON.stringify(json));
	};
	edit('incidents.json', ({ incidents }) => {
		const newest = [...(incidents ?? [])].sort((a, b) => String(b.date).localeCompare(String(a.date)));
		for (const inc of newest.slice(0, 3)) {
			inc.location = `${TRICKY} ${inc.location}`;
			inc.description = `${TRICKY}. ${inc.description}`;
		}
	});
	edit('actors.json', ({ actors }) => {
		const bla = actors?.find((a) => a.id === 'bla');
		if (bla) bla.short = `BLA ${TELUGU}${TELUGU}\u{1f44d}\u{1f3fd}`;
	});
	return loadDataDir(dir);
}

const SGR = /\u001b\[[0-9;]*m/g;
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function problems(frame: string, cols: number): string[] {
	const out: string[] = [];
	const seps = new Set<number>();
	frame.split('\n').forEach((raw, i) => {
		const line = raw.replace(SGR, '');
		if (tmuxCells(line) > cols) out.push(`line ${i + 1} takes ${tmuxCells(line)} cells: ${line}`);
		for (const { segment } of segmenter.segment(line)) {
			// Ink places each cluster in max(1, string-width) cells.
			if (Math.max(1, stringWidth(segment)) !== tmuxCells(segment))
				out.push(`line ${i + 1}: Ink gives "${segment}" ${stringWidth(segment)} cells, tmux ${tmuxCells(segment)}`);
		}
		const at = line.indexOf('│');
		if (at >= 0 && i > 0) seps.add(tmuxCells(line.slice(0, at)));
	});
	if (seps.size > 1) out.push(`the │ column moves: ${[...seps].join(', ')}`);
	return out;
}

describe('frames over text that width functions get wrong', () => {
	const data = trickyData();

	for (const [cols, rows] of [
		[80, 24],
		[200, 50],
	] as const) {
		// Two full dashboards, a dozen keys each: slow on a busy machine.
		it(`fit the terminal and keep their columns at ${cols}×${rows}`, { timeout: 60_000 }, async () => {
			const app = render(<App escapeMs={0} store={data.store} problems={data.problems} cols={cols} rows={rows} />);
			const frames: string[] = [];
			const look = async (...keys: string[]) => {
				await press(app.stdin, ...keys);
				frames.push(app.lastFrame() ?? '');
			};
			await look();
			await look(KEY.enter);
			await look(KEY.escape, 'j');
			await look('2', '/', 'B', 'L', 'A', KEY.enter);
			// Beside the list, the selected actor's profile is drawn once the cursor rests on it.
			if (cols >= 120) await eventually(() => app.lastFrame() ?? '').toContain('Enter opens');
			await look(KEY.enter);
			await look('3');
			await look('4', '/', ...'Telugu ', '\u{1f44d}\u{1f3fd}', '\u0c1c\u0c4d\u0c1e');
			await look(KEY.enter);
			await look(KEY.enter);
			await look(KEY.escape, KEY.escape, ':', ...'bla');
			await look(KEY.escape, '1', 'f', '\u{1f44d}\u{1f3fd}', KEY.down, ...'bl');
			await look(KEY.enter);
			app.unmount();
			expect(frames.join('\n')).toContain('Telugu');
			expect(frames.join('\n')).toContain('BLA');
			for (const [n, f] of frames.entries()) expect(problems(f, cols), `frame ${n + 1}\n${f}`).toEqual([]);
		});
	}
});
