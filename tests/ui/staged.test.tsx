// A big data set opens in two steps: incidents, actors and countries first,
// the articles from a worker after the first frame. The result must be the
// same data and the same problems as loading everything at once.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { type LoadResult, loadArticles, loadDataDir } from '../../source/io/load/load.js';
import { loadStaged, merge } from '../../source/io/load/staged.js';
import { App } from '../../source/ui/app/App.js';
import { ANSWERED, DATA_DIR, eventually, idle, press, render } from '../support/helpers.js';
import { synthArticles, synthIncidents } from '../support/synth.js';

const WORKER = pathToFileURL(join(DATA_DIR, '..', 'dist', 'articles-worker.js'));

/** The bundled data with an incident citing a missing article and an article with a bad field. */
function flawedData(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-staged-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	const inc = JSON.parse(readFileSync(join(dir, 'incidents.json'), 'utf8'));
	inc.incidents[3].sources.push('art-that-does-not-exist');
	writeFileSync(join(dir, 'incidents.json'), JSON.stringify(inc, null, 2));
	const art = JSON.parse(readFileSync(join(dir, 'articles.json'), 'utf8'));
	art.articles[1].published = '2024-02-30';
	art.articles[2].actors = ['nobody-we-know'];
	writeFileSync(join(dir, 'articles.json'), JSON.stringify(art, null, 2));
	return dir;
}

function summary(r: LoadResult) {
	return {
		incidents: r.store.incidents.map((i) => i.id),
		articles: r.store.articles.map((a) => a.id),
		actors: r.store.actors.map((a) => a.id),
		byActor: [...r.store.articlesByActor].map(([k, v]) => [k, v.map((a) => a.id)]),
		byIncident: [...r.store.articlesByIncident].map(([k, v]) => [k, v.map((a) => a.id)]),
		problems: r.problems.map((p) => `${p.file}:${p.line}:${p.col} ${p.pointer} ${p.message}`).sort(),
		skipped: r.skipped,
	};
}

describe('staged loading', () => {
	it('first step + articles = everything at once: same records, indices and problems', () => {
		const dir = flawedData();
		const all = loadDataDir(dir);
		const first = loadDataDir(dir, ['actors', 'countries', 'incidents']);
		expect(first.store.articles).toEqual([]);
		// The missing-article warning waits for the articles.
		expect(first.problems.some((p) => p.message.includes('art-that-does-not-exist'))).toBe(false);
		const merged = merge(first, loadArticles(dir, { actors: first.store.actors, countries: first.store.countries }));
		expect(summary(merged)).toEqual(summary(all));
		expect(all.problems.some((p) => p.message.includes('unknown article "art-that-does-not-exist"'))).toBe(true);
	});

	it('positions only the article references that turn out missing', () => {
		const dir = mkdtempSync(join(tmpdir(), 'sitrep-staged-'));
		cpSync(DATA_DIR, dir, { recursive: true });
		const incidents = synthIncidents(6000, 9).map((inc, i) => ({ ...inc, sources: [...inc.sources, `art-${i}`] }));
		writeFileSync(join(dir, 'incidents.json'), JSON.stringify({ incidents }, null, 2));
		const articles = synthArticles(3, 9).map((a, i) => ({ ...a, id: `art-${i}` }));
		writeFileSync(join(dir, 'articles.json'), JSON.stringify(articles, null, 2));
		// Speed is the bench's business; here: the first step positions none of the 6000 references.
		const first = loadDataDir(dir, ['actors', 'countries', 'incidents']);
		expect(first.problems.filter((p) => p.message.startsWith('unknown article'))).toEqual([]);
		const merged = merge(first, loadArticles(dir, { actors: first.store.actors, countries: first.store.countries }));
		const all = loadDataDir(dir);
		expect(summary(merged).problems).toEqual(summary(all).problems);
		expect(all.problems.filter((p) => p.message.startsWith('unknown article')).length).toBe(5997);
	});

	it('the worker brings the same articles and problems', async () => {
		const dir = flawedData();
		process.env.SITREP_ARTICLES_WORKER_BYTES = '0';
		const staged = await loadStaged(dir, WORKER);
		delete process.env.SITREP_ARTICLES_WORKER_BYTES;
		expect(staged.rest).toBeDefined();
		expect(staged.first.store.articles).toEqual([]);
		const full = await staged.rest;
		expect(full && summary(full)).toEqual(summary(loadDataDir(dir)));
	});

	it('the dashboard says articles are loading, then shows them without losing its place', async () => {
		const dir = DATA_DIR;
		const first = loadDataDir(dir, ['actors', 'countries', 'incidents']);
		const full = loadDataDir(dir);
		const app = (r: LoadResult, pending: boolean) => (
			<App escapeMs={0} store={r.store} problems={r.problems} articlesPending={pending} cols={100} rows={24} />
		);
		const r = render(app(first, true));
		const frame = () => r.lastFrame() ?? '';
		expect(frame()).toContain('123 incidents · loading articles… · 34 actors');
		await press(r.stdin, 'j', 'j');
		const selected = frame()
			.split('\n')
			.find((l) => l.startsWith('›'));
		await press(r.stdin, '4');
		expect(frame()).toContain('loading articles…');
		await press(r.stdin, '1');
		r.rerender(app(full, false));
		await idle();
		expect(frame()).toContain('123 incidents · 20 articles · 34 actors');
		expect(
			frame()
				.split('\n')
				.find((l) => l.startsWith('›')),
		).toBe(selected);
		await press(r.stdin, '/', 'muzamil');
		// The index is built once the articles are in, then the search runs.
		await eventually(frame).toMatch(ANSWERED);
		r.unmount();
	});
});
