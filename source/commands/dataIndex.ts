// sitrep index: the SQLite index of the data directory (io/store/sqlite) —
// build it anew, say what it holds and whether it is current, or where it is.
import { formatBytes } from '../core/problems.js';
import { DataDirError } from '../io/load/loader.js';
import { closeIndex, ensureIndex } from '../io/store/sqlite/ensure.js';
import { indexLocation } from '../io/store/sqlite/location.js';
import { IndexBusy } from '../io/store/sqlite/open.js';
import { type IndexStatus, indexStatus } from '../io/store/sqlite/status.js';
import { terminalJson } from '../present/json.js';
import { type Ctx, EXIT } from './context.js';
import { indexProgressLine } from './indexProgress.js';
import { terminalProgress } from './progress.js';

const ACTIONS = ['status', 'build', 'update', 'path'] as const;

export async function runIndex(dir: string, args: string[], flags: { json: boolean }, ctx: Ctx): Promise<number> {
	const action = args[0] ?? 'status';
	if (args.length > 1 || !(ACTIONS as readonly string[]).includes(action)) {
		ctx.err(`sitrep index: expected one of ${ACTIONS.join(', ')}, found "${args.join(' ')}"`);
		return EXIT.usage;
	}
	try {
		if (action === 'path') {
			const path = indexLocation(dir);
			ctx.out(flags.json ? terminalJson({ path }, 0) : path);
			return EXIT.ok;
		}
		if (action === 'build' || action === 'update') await build(dir, flags.json, ctx, action === 'build');
		const status = indexStatus(dir);
		if (flags.json) ctx.out(terminalJson(status));
		else for (const line of statusLines(status)) ctx.out(line);
		return EXIT.ok;
	} catch (err) {
		if (err instanceof DataDirError || err instanceof IndexBusy) {
			ctx.err(`sitrep index: ${err.message}`);
			return err instanceof IndexBusy ? EXIT.problems : EXIT.data;
		}
		throw err;
	}
}

async function build(dir: string, json: boolean, ctx: Ctx, anew: boolean): Promise<void> {
	const bar = terminalProgress();
	const started = performance.now();
	try {
		const index = await ensureIndex(dir, {
			rebuild: anew,
			onProgress: bar && ((done, total, phase) => bar(indexProgressLine(done, total, phase))),
		});
		// An open dashboard that ran this (ui/app/indexLive.ts, over an IPC channel) reads the new
		// rows from the commit on: it is told before the checkpoint and the status that follow.
		const send = process.send?.bind(process);
		if (send) {
			await new Promise<void>((resolve) => send({ sitrepIndex: 'committed', built: index.built }, () => resolve()));
			process.disconnect?.();
		}
		closeIndex(index);
		for (const m of index.messages) ctx.err(`sitrep index: ${m}`);
	} finally {
		bar?.(undefined);
	}
	const took = ((performance.now() - started) / 1000).toFixed(1);
	if (!json) ctx.err(`sitrep index: ${anew ? 'built' : 'brought up to date'} in ${took} s`);
}

function statusLines(s: IndexStatus): string[] {
	if (!s.usable) return [`index: ${s.path}`, `${s.why}: sitrep index build makes it (any command using it would too)`];
	const lines = [
		`index: ${s.path}`,
		`size: ${formatBytes(s.bytes ?? 0)}, schema version ${s.schemaVersion}`,
		`built: ${s.builtAt ?? 'unknown'}${s.updatedAt ? `, updated: ${s.updatedAt}` : ''}`,
		`rows: ${Object.entries(s.counts ?? {})
			.map(([table, n]) => `${table} ${n}`)
			.join(', ')}`,
		`files indexed: ${s.files?.length ?? 0}`,
	];
	for (const f of s.files ?? []) {
		const problems = f.problems ? `, ${f.problems} problem${f.problems === 1 ? '' : 's'}` : '';
		lines.push(`  ${f.path} (${f.kind}): ${f.records} records${problems}`);
	}
	const stale = s.stale ?? { changed: [], added: [], removed: [] };
	const parts = [
		...stale.changed.map((p) => `${p} (changed)`),
		...stale.added.map((p) => `${p} (new)`),
		...stale.removed.map((p) => `${p} (removed)`),
	];
	lines.push(parts.length ? `stale: ${parts.join(', ')}` : 'stale: none (the index is current)');
	return lines;
}
