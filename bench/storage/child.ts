// One measurement of bench/storage.ts, in a process of its own so its timings
// and peak RSS are honest: node --import tsx bench/storage/child.ts MODE DIR
//   build DIR          ensureIndex(dir, {rebuild: true}): seconds, index size
//   update DIR         ensureIndex(dir) on a changed directory: ms to the commit, then the checkpoint (settleMs)
//   read DIR index|memory   first answer from process start, then filters,
//                      risk tables, actor rows, search per keystroke; peak RSS after all of them
//   search DIR index|memory  search per keystroke alone (storage/search.ts)
// SITREP_BENCH_FILTER_BUDGET_MS stops filter applies starting after that long.
// Prints one JSON object. Heavy modules are imported after the start is
// noted, so Node + tsx start-up and module loading are told apart.
const bootMs = performance.now();
const [mode, dir, storage] = process.argv.slice(2);
if (!mode || !dir) {
	process.stderr.write('usage: node --import tsx bench/storage/child.ts build|update|read|search DIR [index|memory]\n');
	process.exit(2);
}

const maxRssMb = () => process.resourceUsage().maxRSS / 1024;

/** The index file and its WAL beside it, in bytes. */
async function indexBytes(path: string): Promise<number> {
	const { existsSync, statSync } = await import('node:fs');
	let n = 0;
	for (const p of [path, `${path}-wal`]) if (existsSync(p)) n += statSync(p).size;
	return n;
}

async function build(rebuild: boolean): Promise<unknown> {
	const { closeIndex, ensureIndex } = await import('../../source/io/store/sqlite/ensure.js');
	const { recordBytes } = await import('../../source/io/store/mode.js');
	const t = performance.now();
	const ix = await ensureIndex(dir as string, { rebuild });
	const ms = performance.now() - t;
	const c = performance.now();
	closeIndex(ix);
	const settleMs = performance.now() - c;
	return {
		ms,
		settleMs,
		built: ix.built,
		indexBytes: await indexBytes(ix.path),
		jsonBytes: recordBytes(dir as string),
	};
}

if (mode === 'build' || mode === 'update') {
	const out = await build(mode === 'build');
	process.stdout.write(`${JSON.stringify({ ...(out as object), maxRssMb: maxRssMb() })}\n`);
} else if (mode === 'read' && (storage === 'index' || storage === 'memory')) {
	const { readFigures } = await import('./read.js');
	process.stdout.write(
		`${JSON.stringify({ bootMs, ...(await readFigures(dir, storage, Number(process.env.SITREP_BENCH_FILTER_BUDGET_MS) || undefined)), maxRssMb: maxRssMb() })}\n`,
	);
} else if (mode === 'search' && (storage === 'index' || storage === 'memory')) {
	const { openBackend } = await import('./read.js');
	const { searchFigures } = await import('./search.js');
	const { data, built } = await openBackend(dir, storage);
	process.stdout.write(
		`${JSON.stringify({ bootMs, storage, built, search: searchFigures(data), maxRssMb: maxRssMb() })}\n`,
	);
} else {
	process.stderr.write(`unknown mode ${mode} ${storage ?? ''}\n`);
	process.exit(2);
}
