// Untrusted text never reaches the terminal as control: the pieces the
// reliability check (tests/reliability/hostile.ts: every hostile string in
// every field, the dashboard and the CLI) rests on.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runActor } from '../../source/commands/actor.js';
import { runCache } from '../../source/commands/cache.js';
import type { Ctx } from '../../source/commands/context.js';
import { runSearch } from '../../source/commands/search.js';
import { runTimeline } from '../../source/commands/timeline.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { hasOriginal, original } from '../../source/core/originals.js';
import { Resolver } from '../../source/core/resolve.js';
import { sanitizeLine, sanitizeText } from '../../source/core/sanitize.js';
import type { Article, Incident } from '../../source/core/schema.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { serialize } from '../../source/present/exportFile.js';
import { terminalJson } from '../../source/present/json.js';
import { App } from '../../source/ui/app/App.js';
import { bundled, DATA_DIR, press, render } from '../support/helpers.js';
import { FORBIDDEN, HOSTILE, LEGIT } from '../support/hostile/corpus.js';
import { actorId, articleId, field, hostileDataDir, WORD } from '../support/hostile/dataset.js';

type Json = Record<string, unknown>;

function capture(): { ctx: Ctx; out: string[]; err: string[] } {
	const out: string[] = [];
	const err: string[] = [];
	return {
		ctx: {
			out: (l) => out.push(sanitizeText(l)),
			outStyled: (l) => out.push(l),
			err: (l) => err.push(l),
			color: false,
		},
		out,
		err,
	};
}

/** The bundled data plus one incident and one article per hostile string (the article's actors left to linking). */
function smallHostileDir(): string {
	const dir = mkdtempSync(join(tmpdir(), 'sitrep-hostile-small-'));
	cpSync(DATA_DIR, dir, { recursive: true });
	const incidents = JSON.parse(readFileSync(join(dir, 'incidents.json'), 'utf8')) as { incidents: unknown[] };
	const articles = JSON.parse(readFileSync(join(dir, 'articles.json'), 'utf8')) as { articles: unknown[] };
	HOSTILE.forEach((h, i) => {
		incidents.incidents.push({
			id: `h-${i}`,
			date: '2025-03-12',
			country: 'AF',
			location: `Kabul ${h.text}`,
			type: 'bombing',
			description: `d ${h.text}`,
			sources: [{ outlet: `o ${h.text}`, date: '2025-03-12' }],
			tags: [`t ${h.text}`],
		});
		articles.articles.push({
			id: `ha-${i}`,
			title: `The Taliban in Kabul ${h.text}`,
			published: '2025-03-12',
			source: `s ${h.text}`,
			body: `Haqqani network fighters in Kabul. ${h.text}`,
		});
	});
	writeFileSync(join(dir, 'incidents.json'), JSON.stringify(incidents));
	writeFileSync(join(dir, 'articles.json'), JSON.stringify(articles));
	return dir;
}

describe('the corpus', () => {
	it('has at least 30 hostile strings and legitimate text with widths', () => {
		expect(HOSTILE.length).toBeGreaterThanOrEqual(30);
		expect(new Set(HOSTILE.map((h) => h.name)).size).toBe(HOSTILE.length);
		expect(LEGIT.length).toBeGreaterThanOrEqual(10);
	});

	it('the sanitizer leaves nothing of any hostile string that a terminal acts on', () => {
		for (const h of HOSTILE) {
			expect(FORBIDDEN.test(sanitizeLine(h.text)), h.name).toBe(false);
			expect(FORBIDDEN.test(sanitizeText(h.text)), h.name).toBe(false);
		}
	});
});

describe('originals kept aside for JSON', () => {
	const dir = smallHostileDir();
	const { store, problems } = loadDataDir(dir);
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('the store holds cleaned text and original() the text as written', () => {
		HOSTILE.forEach((h, i) => {
			const inc = store.incidentById.get(`h-${i}`) as Incident;
			expect(FORBIDDEN.test(JSON.stringify(inc).replace(/\\u[0-9a-f]{4}/g, '')), h.name).toBe(false);
			expect(original(inc).location, h.name).toBe(`Kabul ${h.text}`);
			expect(original(inc).description).toBe(`d ${h.text}`);
			expect(original(inc).tags).toEqual([`t ${h.text}`]);
			expect(original(inc).sources).toEqual([{ outlet: `o ${h.text}`, date: '2025-03-12' }]);
		});
	});

	it('costs nothing for clean records: no copy, original() is the record itself', () => {
		const clean = bundled().store;
		for (const rec of [...clean.incidents, ...clean.articles, ...clean.actors, ...clean.countries]) {
			expect(hasOriginal(rec)).toBe(false);
			expect(original(rec)).toBe(rec);
		}
	});

	it('articles linked to actors at load keep their original text and get the links', () => {
		const art = store.articleById.get('ha-9') as Article;
		expect(art.actors.length).toBeGreaterThan(0);
		expect(original(art).title).toBe(`The Taliban in Kabul ${HOSTILE[9]?.text}`);
		expect(original(art).actors).toEqual(art.actors);
		expect(original(art).countries).toEqual(art.countries);
	});

	it('sitrep timeline --json: valid JSON with the original strings, and no control in its bytes', () => {
		const { ctx, out } = capture();
		expect(runTimeline(backendOf(store), new Resolver(store), { json: true }, ctx)).toBe(0);
		const text = out.join('\n');
		expect(FORBIDDEN.test(text)).toBe(false);
		const json = JSON.parse(text) as { incidents: Incident[] };
		HOSTILE.forEach((h, i) => {
			expect(json.incidents.find((x) => x.id === `h-${i}`)?.location, h.name).toBe(`Kabul ${h.text}`);
		});
	});

	it('export: JSON and NDJSON carry the originals, escaped; CSV carries the cleaned text', () => {
		const incidents = store.incidents.filter((x) => x.id.startsWith('h-'));
		for (const format of ['json', 'ndjson'] as const) {
			const text = serialize('incidents', incidents, format);
			expect(FORBIDDEN.test(text), format).toBe(false);
			const list =
				format === 'json'
					? (JSON.parse(text) as { incidents: Incident[] }).incidents
					: text
							.trimEnd()
							.split('\n')
							.map((l) => JSON.parse(l) as Incident);
			HOSTILE.forEach((h, i) => {
				expect(list.find((x) => x.id === `h-${i}`)?.description, h.name).toBe(`d ${h.text}`);
			});
		}
		const csv = serialize('incidents', incidents, 'csv');
		expect(FORBIDDEN.test(csv.replace(/\r\n/g, '\n'))).toBe(false);
		expect(csv).toContain('d beforeafter');
	});

	it('terminalJson round-trips every hostile string and writes none of its controls', () => {
		for (const h of [...HOSTILE, ...LEGIT]) {
			const text = terminalJson({ s: h.text });
			expect(FORBIDDEN.test(text), h.name).toBe(false);
			expect(JSON.parse(text), h.name).toEqual({ s: h.text });
			expect(JSON.parse(terminalJson([h.text], 0))).toEqual([h.text]);
		}
		for (const l of LEGIT) expect(terminalJson(l.text)).toBe(JSON.stringify(l.text));
	});

	it('a load that had to clean controls is never written to the load cache (its originals would be lost)', async () => {
		expect(problems.some((p) => p.message === 'terminal control characters removed from text')).toBe(true);
		const cacheDir = mkdtempSync(join(tmpdir(), 'sitrep-hostile-cache-'));
		const env = { dir: process.env.SITREP_CACHE_DIR, from: process.env.SITREP_CACHE_FROM_BYTES };
		process.env.SITREP_CACHE_DIR = cacheDir;
		process.env.SITREP_CACHE_FROM_BYTES = '1';
		try {
			const { ctx, out } = capture();
			expect(await runCache(dir, '0.0.0-test', { json: true }, ctx)).toBe(1);
			expect(JSON.parse(out.join('\n'))).toMatchObject({ written: false });
		} finally {
			rmSync(cacheDir, { recursive: true, force: true });
			if (env.dir === undefined) delete process.env.SITREP_CACHE_DIR;
			else process.env.SITREP_CACHE_DIR = env.dir;
			if (env.from === undefined) delete process.env.SITREP_CACHE_FROM_BYTES;
			else process.env.SITREP_CACHE_FROM_BYTES = env.from;
		}
	});
});

describe('actor and search JSON carry the records as written', () => {
	const root = mkdtempSync(join(tmpdir(), 'sitrep-hostile-json-'));
	const { dir } = hostileDataDir(root);
	const { store } = loadDataDir(dir);
	const written = JSON.parse(readFileSync(join(dir, 'actors.json'), 'utf8')) as { actors: { id: string }[] };
	afterAll(() => rmSync(root, { recursive: true, force: true }));

	it('sitrep actor --json: the actor record, its members, names, roles and statuses', () => {
		const i = HOSTILE.findIndex((h) => h.name === 'OSC 52 clipboard write');
		const cleaned = store.actorById.get(actorId(i));
		const { ctx, out } = capture();
		expect(runActor(backendOf(store), cleaned?.name, { json: true }, ctx)).toBe(0);
		const text = out.join('\n');
		expect(FORBIDDEN.test(text)).toBe(false);
		const json = JSON.parse(text) as { match: { id: string; matched: string }; profile: { actor: unknown } };
		expect(json.match.id).toBe(actorId(i));
		expect(json.match.matched).toBe(field('NN', i, HOSTILE[i]?.text ?? ''));
		expect(json.profile.actor).toEqual(written.actors.find((a) => a.id === actorId(i)));
		const hub = capture();
		expect(runActor(backendOf(store), 'Hostile Hub Front', { json: true }, hub.ctx)).toBe(0);
		const members = (JSON.parse(hub.out.join('\n')) as { profile: { affiliations: { members: Json[] } } }).profile
			.affiliations.members;
		HOSTILE.forEach((h, k) => {
			const m = members.find((x) => x.id === actorId(k));
			expect(m, h.name).toMatchObject({
				name: field('NN', k, h.text),
				roles: [{ role: field('NR', k, h.text) }],
				status: field('NT', k, h.text),
			});
		});
	});

	it('sitrep search --json: outlets as written; titles and snippets cleaned, their ranges pointing into them', () => {
		const { ctx, out } = capture();
		expect(runSearch(backendOf(store), new Resolver(store), WORD, { json: true, limit: 100 }, ctx)).toBe(0);
		const text = out.join('\n');
		expect(FORBIDDEN.test(text)).toBe(false);
		const { results } = JSON.parse(text) as {
			results: { id: string; title: string; source: string; fields: { field: string; ranges: [number, number][] }[] }[];
		};
		HOSTILE.forEach((h, i) => {
			const r = results.find((x) => x.id === articleId(i));
			expect(r?.source, h.name).toBe(field('AO', i, h.text));
			expect(r?.title, h.name).toBe(store.articleById.get(articleId(i))?.title);
			for (const [a, b] of r?.fields.find((f) => f.field === 'title')?.ranges ?? []) {
				expect(r?.title.slice(a, b).toLowerCase()).toBe(WORD);
			}
		});
	});
});

describe('typed text is drawn sanitized', () => {
	it('a bidi override or line separator pasted into the search query, the jump or the filter form', async () => {
		const { store, problems } = bundled();
		const app = render(<App escapeMs={0} store={store} problems={problems} cols={100} rows={24} />);
		const frames = () => app.frames.join('');
		await press(app.stdin, '4', '/', 'kabul\u202eexe\u2028x\u009b');
		expect(app.lastFrame()).toContain('search› kabulexe x');
		await press(app.stdin, '\u001b', '2', '/', 'haq\u2067ani');
		expect(app.lastFrame()).toContain('jump: haqani');
		await press(app.stdin, '\u001b', '1', 'f', 'A\u202eF');
		expect(app.lastFrame()).toContain('AF');
		expect(FORBIDDEN.test(frames())).toBe(false);
		app.unmount();
	});
});
