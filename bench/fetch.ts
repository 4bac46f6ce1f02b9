// Fetch benchmark (issue 16): 1,000 new RSS items fetched, linked and merged
// into a directory of 10k articles; and a fetch of 20 sources that all
// answer 304. The feeds are served from 127.0.0.1 by this process (the
// synthetic, seeded articles of tests/support/synth.ts as RSS items).
// npm run bench runs it; `--json` for the runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateFeeds } from '../source/io/feeds/file.js';
import { runFetch } from '../source/io/feeds/run.js';
import { startFeedServer } from '../tests/support/feedServer.js';
import { runCli } from '../tests/support/runCli.js';
import { synthArticles, writeSynthDataDir } from '../tests/support/synth.js';

const json = process.argv.includes('--json');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function rssOf(n: number, seed: number, prefix: string): string {
	const items = synthArticles(n, seed).map(
		(a, i) =>
			`<item><title>${esc(a.title)} (${prefix} ${i})</title><guid>${prefix}-${i}</guid><link>https://bench.example.org/${prefix}/${i}</link><pubDate>${new Date(`${a.published}T08:00:00Z`).toUTCString()}</pubDate><description>${esc(a.body.slice(0, 1500))}</description></item>`,
	);
	return `<?xml version="1.0"?><rss version="2.0"><channel><title>Bench ${prefix}</title>${items.join('')}</channel></rss>`;
}

const root = mkdtempSync(join(tmpdir(), 'sitrep-bench-fetch-'));
const routes: Record<string, { body: string; etag: string }> = {
	'/big.xml': { body: rssOf(1000, 7, 'big'), etag: '"big"' },
};
for (let i = 0; i < 20; i++) routes[`/s${i}.xml`] = { body: rssOf(20, 100 + i, `s${i}`), etag: `"s${i}"` };
const server = await startFeedServer(routes);
try {
	// 1. 1,000 new items into 10k articles: in process (the work), and as the command (what a user waits for).
	const merge: number[] = [];
	const cli: number[] = [];
	let added = 0;
	for (let round = 0; round < 3; round++) {
		for (const how of ['process', 'cli'] as const) {
			const dir = join(root, `big-${round}-${how}`);
			writeSynthDataDir(dir, { incidents: 0, articles: 10_000, seed: 1 });
			updateFeeds(dir, () => [{ name: 'big', kind: 'rss', url: server.url('/big.xml'), allowPrivate: true }]);
			const t0 = performance.now();
			if (how === 'process') {
				const report = await runFetch({ dir });
				merge.push(performance.now() - t0);
				added = report.new;
			} else {
				const r = await runCli(['fetch', '--data', dir, '--json']);
				cli.push(performance.now() - t0);
				if (r.code !== 0) throw new Error(`sitrep fetch failed: ${r.stderr}`);
			}
		}
	}
	// 2. 20 sources, nothing new: the second fetch is all 304s.
	const dir = join(root, 'twenty');
	writeSynthDataDir(dir, { incidents: 0, articles: 1000, seed: 3 });
	updateFeeds(dir, () =>
		Array.from({ length: 20 }, (_, i) => ({
			name: `s${i}`,
			kind: 'rss' as const,
			url: server.url(`/s${i}.xml`),
			allowPrivate: true,
		})),
	);
	await runFetch({ dir });
	const idle: number[] = [];
	let all304 = true;
	for (let i = 0; i < 7; i++) {
		const t0 = performance.now();
		const report = await runFetch({ dir });
		idle.push(performance.now() - t0);
		all304 &&= report.sources.every((s) => s.notModified);
	}
	const idleCli: number[] = [];
	for (let i = 0; i < 5; i++) {
		const t0 = performance.now();
		const r = await runCli(['fetch', '--data', dir, '--json']);
		idleCli.push(performance.now() - t0);
		all304 &&=
			r.code === 0 &&
			(JSON.parse(r.stdout) as { sources: { notModified: boolean }[] }).sources.every((s) => s.notModified);
	}
	const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
	const out = {
		added,
		mergeMs: median(merge),
		cliMs: median(cli),
		idleMs: median(idle),
		idleCliMs: median(idleCli),
		all304,
	};
	if (json) process.stdout.write(`${JSON.stringify(out)}\n`);
	else {
		process.stdout.write(
			`1,000 new RSS items into 10k articles: ${out.mergeMs.toFixed(0)} ms in process, ${out.cliMs.toFixed(0)} ms as \`sitrep fetch\` (target ≤ 3000 ms); ${added} added\n` +
				`20 sources, all 304: ${out.idleMs.toFixed(0)} ms in process, ${out.idleCliMs.toFixed(0)} ms as \`sitrep fetch\` (target ≤ 200 ms)${all304 ? '' : ' — NOT all 304'}\n`,
		);
	}
} finally {
	await server.close();
	rmSync(root, { recursive: true, force: true });
}
