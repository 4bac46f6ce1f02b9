// Entity-linking benchmark: time to link each bundled article (and the
// hand-labelled ingest fixtures) against the gazetteer, and to build it.
// npm run bench runs it; `--json` for the runner.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { buildGazetteer, linkArticle, linkText } from '../source/core/link.js';
import { loadDataDir } from '../source/io/load/load.js';

const json = process.argv.includes('--json');
const data = fileURLToPath(new URL('../data', import.meta.url));
const fixtures = fileURLToPath(new URL('../tests/fixtures/ingest/linking/', import.meta.url));
const { store } = loadDataDir(data);
const t0 = performance.now();
const gaz = buildGazetteer(store);
const buildMs = performance.now() - t0;

function timePer(n: number, fn: () => void): number {
	fn(); // warm up
	const start = performance.now();
	for (let i = 0; i < n; i++) fn();
	return (performance.now() - start) / n;
}

const articles = store.articles;
const perArticleMs =
	timePer(50, () => {
		for (const a of articles) linkArticle(gaz, a);
	}) / Math.max(1, articles.length);
const texts = readdirSync(fixtures)
	.filter((f) => /\.(txt|md|html?)$/.test(f))
	.map((f) => readFileSync(fixtures + f, 'utf8'));
const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0) / Math.max(1, texts.length);
const perTextMs =
	timePer(50, () => {
		for (const t of texts) linkText(gaz, t);
	}) / Math.max(1, texts.length);

const out = {
	articles: articles.length,
	perArticleMs,
	texts: texts.length,
	wordsPerText: Math.round(words),
	perTextMs,
	buildMs,
};
if (json) process.stdout.write(`${JSON.stringify(out)}\n`);
else
	console.log(
		`gazetteer ${buildMs.toFixed(1)} ms; ${perArticleMs.toFixed(3)} ms per bundled article (${articles.length}); ${perTextMs.toFixed(3)} ms per ${out.wordsPerText}-word text (${texts.length})`,
	);
