// Hostile text: every string of tests/hostile/corpus.ts in every field that
// reaches the screen, and a check of the exact text that would reach the
// terminal. Rows are per field group: strings neutralised / strings tried.
//
// - The dashboard: the real App under ink-testing-library over a data set
//   with one record per string (tests/hostile/dataset.ts), walked through
//   every list, every hostile record's detail view, the problems list and
//   help; hostile text typed into every line editor; the status bar with
//   hostile settings. Ink writes no colour codes in tests (FORCE_COLOR=0), so
//   a frame holds no escape of sitrep's own: any control in it came from the
//   data.
// - The CLI: dist/cli.js, text commands on a pseudo-terminal (`script`),
//   JSON commands piped; `sitrep import` of an ACLED export with hostile
//   cells; `sitrep config get` and `sitrep views` with hostile settings.
// - JSON: parsed back, it must hold the original strings, and its bytes no
//   control character.
//
// A marker before each string (<<AT7>>: article title of string 7) says where
// it landed; from the marker to the next one must be free of C0 (but LF),
// DEL, C1, bidi controls and U+2028/9, and every marker must be seen.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { runConfig } from '../../source/commands/config.js';
import { processCtx } from '../../source/commands/context.js';
import { runViews } from '../../source/commands/views.js';
import { backendOf } from '../../source/core/backend/memory.js';
import { hasControl, sanitizeLine, sanitizeText } from '../../source/core/sanitize.js';
import { type Incident, recordSchemas } from '../../source/core/schema.js';
import { fit as fitCells, truncate, width } from '../../source/core/width.js';
import { loadDataDir } from '../../source/io/load/load.js';
import { openConfig } from '../../source/io/settings/config.js';
import { incidentJson } from '../../source/present/json.js';
import { openSession } from '../../source/ui/app/session.js';
import { linkableUrl } from '../../source/ui/osc.js';
import { type Command, haveScript, type Output, onTty, piped } from '../support/hostile/cli.js';
import { FORBIDDEN, HOSTILE, LEGIT } from '../support/hostile/corpus.js';
import {
	actorId,
	articleId,
	DATA_DIR,
	field,
	HUB,
	hostileAcledCsv,
	hostileDataDir,
	incidentId,
	mark,
	WORD,
} from '../support/hostile/dataset.js';
import { Scan, type Verdict, verdict } from '../support/hostile/scan.js';
import { COLS, STATUS_COLS, tourDashboard, tourStatus, typedStrings } from '../support/hostile/tui.js';
import type { Check, Row } from './types.js';

const AREA = 'hostile text';
const ALL = HOSTILE.map((_, i) => i);

const row = (what: string, v: Verdict, note?: string): Row => ({
	area: AREA,
	what,
	passed: v.passed,
	total: v.total,
	failures: v.failures,
	...(note ? { note } : {}),
});

/** Search highlights on a terminal (commands/search.ts): the one escape sitrep writes itself in these outputs. */
function withoutHighlights(text: string): string {
	return text.replace(/\u001b\[1;4m([^\u001b\n]*)\u001b\[22;24m/g, '$1');
}

/**
 * Settings files carrying string i: data directory, pane, key override, saved
 * view. Without the pane for the status bar: a bad pane makes a warning that
 * would come first in the message.
 */
function hostileConfigDir(root: string, i: number, pane = true): string {
	const t = HOSTILE[i]?.text ?? '';
	const dir = join(root, String(i));
	mkdirSync(dir, { recursive: true });
	const config = {
		dataDir: `/nonexistent/${field('SD', i, t)}`,
		...(pane ? { lastPane: field('SP', i, t) } : {}),
		keys: { [field('SK', i, t)]: 'x' },
		views: [
			{
				name: field('SV', i, t),
				pane: 'search',
				days: 90,
				savedAt: '2025-03-01T00:00:00Z',
				query: field('SQ', i, t),
			},
		],
	};
	writeFileSync(join(dir, 'config.json'), JSON.stringify(config, null, 2));
	return dir;
}

/** What runConfig and runViews print through the real terminal context (process.stdout/stderr, sanitized). */
function printed(run: () => void): string {
	const chunks: string[] = [];
	const out = process.stdout.write.bind(process.stdout);
	const err = process.stderr.write.bind(process.stderr);
	const grab = (chunk: string | Uint8Array) => {
		chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
		return true;
	};
	process.stdout.write = grab as typeof process.stdout.write;
	process.stderr.write = grab as typeof process.stderr.write;
	try {
		run();
	} finally {
		process.stdout.write = out;
		process.stderr.write = err;
	}
	return chunks.join('');
}

/** Runs `fn` with SITREP_CONFIG_DIR set to `dir` (one at a time: the variable is the process's). */
async function withConfigDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
	const before = process.env.SITREP_CONFIG_DIR;
	process.env.SITREP_CONFIG_DIR = dir;
	try {
		return await fn();
	} finally {
		if (before === undefined) delete process.env.SITREP_CONFIG_DIR;
		else process.env.SITREP_CONFIG_DIR = before;
	}
}

type Json = Record<string, unknown>;

function parse(out: Output | undefined, what: string, problems: string[]): unknown {
	if (!out) {
		problems.push(`${what}: not run`);
		return undefined;
	}
	if (FORBIDDEN.test(out.out)) {
		problems.push(`${what}: stdout carries a control character`);
		return undefined;
	}
	try {
		return JSON.parse(out.out);
	} catch {
		const ndjson = out.out
			.split('\n')
			.filter(Boolean)
			.map((l) => {
				try {
					return JSON.parse(l) as unknown;
				} catch {
					return undefined;
				}
			});
		if (ndjson.length && ndjson.every((x) => x !== undefined)) return ndjson;
		problems.push(`${what}: not valid JSON (exit ${out.code}): ${out.err.slice(0, 200)}`);
		return undefined;
	}
}

export const check: Check = async () => {
	const root = mkdtempSync(join(tmpdir(), 'sitrep-hostile-'));
	try {
		return await run(root);
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
};

async function run(root: string): Promise<Row[]> {
	const rows: Row[] = [];
	const data = hostileDataDir(root);
	const written = {
		incidents: (JSON.parse(readFileSync(join(data.dir, 'incidents.json'), 'utf8')) as { incidents: Json[] }).incidents,
		articles: (JSON.parse(readFileSync(join(data.dir, 'articles.json'), 'utf8')) as { articles: Json[] }).articles,
		actors: (JSON.parse(readFileSync(join(data.dir, 'actors.json'), 'utf8')) as { actors: Json[] }).actors,
	};
	const byId = (list: Json[], id: string) => list.find((r) => r.id === id);
	const cleanConfig = join(root, 'config', 'clean');
	mkdirSync(cleanConfig, { recursive: true });
	const configDirs = ALL.map((i) => hostileConfigDir(join(root, 'config'), i));
	// The terminal runs get folders of their own: opening settings with warnings rewrites the file.
	const ttyConfigDirs = ALL.map((i) => hostileConfigDir(join(root, 'config-tty'), i));

	// ---------------------------------------------------------------- the CLI, in child processes
	const built = existsSync(join(DATA_DIR, '..', 'dist', 'cli.js'));
	const importDir = join(root, 'imported');
	mkdirSync(importDir);
	for (const f of ['actors.json', 'countries.json']) writeFileSync(join(importDir, f), readFileSync(join(DATA_DIR, f)));
	const csv = join(root, 'acled-hostile.csv');
	writeFileSync(csv, hostileAcledCsv());
	const d = ['--data', data.dir];
	const c = (name: string, args: string[], configDir = cleanConfig): Command => ({ name, args, configDir });
	const jsonCommands = [
		c('timeline --json', ['timeline', ...d, '--json']),
		c('export incidents json', ['export', 'incidents', ...d, '--format', 'json']),
		c('export incidents ndjson', ['export', 'incidents', ...d, '--format', 'ndjson']),
		c('export articles ndjson', ['export', 'articles', ...d, '--format', 'ndjson']),
		c('export actors json', ['export', 'actors', ...d, '--format', 'json']),
		c('actor --json', ['actor', HUB, ...d, '--json']),
		c('search --json', ['search', WORD, ...d, '--json', '--limit', '100']),
		c('validate --json', ['validate', ...d, '--json']),
	];
	// Three settings folders on the terminal (the in-process run below covers every string).
	const ttyConfigs = [9, 24, 36].filter((i) => i < HOSTILE.length);
	const ttyCommands = [
		c('timeline', ['timeline', ...d]),
		c('actor', ['actor', HUB, ...d]),
		c('risk', ['risk', ...d]),
		c('search', ['search', WORD, ...d, '--limit', '100']),
		c('brief', ['brief', HUB, ...d]),
		c('validate', ['validate', ...d]),
		c('export incidents csv', ['export', 'incidents', ...d]),
		c('timeline (imported)', ['timeline', '--data', importDir]),
		...ttyConfigs.flatMap((i) => [
			c(`config get ${i}`, ['config', 'get'], ttyConfigDirs[i]),
			c(`views ${i}`, ['views'], ttyConfigDirs[i]),
		]),
	];
	const cli = (async () => {
		if (!built) return undefined;
		// The import first (its data is read by a command on the terminal), then the rest side by side.
		const imports = await piped(
			[
				c('import --dry-run --json', ['import', 'acled', csv, '--data', importDir, '--dry-run', '--json']),
				c('import', ['import', 'acled', csv, '--data', importDir]),
			],
			1,
		);
		const tty = await haveScript();
		// One command at a time: the dashboard tour runs in this process meanwhile, on the other core.
		const text = await (tty ? onTty(ttyCommands) : piped(ttyCommands, 1));
		const json = await piped(jsonCommands, 1);
		return { imports, text, json, tty };
	})();

	// ---------------------------------------------------------------- the dashboard, in this process
	const loaded = loadDataDir(data.dir);
	const briefs = join(root, 'briefs');
	mkdirSync(briefs);
	const raw = await tourDashboard(loaded.store, loaded.problems, briefs);
	// The dashboard draws URLs as hyperlinks (OSC 8): those sequences are sitrep's own when they
	// link a URL of the data as linkableUrl passes it, around plain text. Only those are set aside.
	const hrefs = new Set<string>();
	for (const a of loaded.store.articles) {
		const href = a.url ? linkableUrl(a.url) : undefined;
		if (href) hrefs.add(href);
	}
	const ownLinks = (frame: string) =>
		frame.replace(
			/\u001b\]8;;([\u0021-\u007e]+)\u0007([^\u001b\n]*)\u001b\]8;;\u0007/g,
			(all, href: string, text: string) => (hrefs.has(href) ? text : all),
		);
	const tui = { ...raw, frames: raw.frames.map(ownLinks) };
	const linked = raw.frames.some((f) => f.includes('\u001b]8;;'));
	const scan = new Scan();
	scan.addAll(tui.frames, 'dashboard');
	const tuiRows: [string, string[]][] = [
		['article titles (TUI)', ['AT']],
		['article bodies (TUI)', ['AB']],
		['article summaries, outlets, authors, tags (TUI)', ['AU', 'AO', 'AW', 'AG']],
		['article URLs, drawn as hyperlinks (TUI)', ['AL']],
		['actor names and short names (TUI)', ['NN', 'NS']],
		['actor aliases (TUI)', ['NA']],
		['actor summaries, statuses, roles (TUI)', ['NU', 'NT', 'NR']],
		['incident locations (TUI)', ['IL', 'IA']],
		['incident descriptions (TUI)', ['ID']],
		['incident tags (TUI)', ['IT']],
		['incident targets and sources (TUI)', ['IX', 'IO', 'IS', 'IC']],
		['incident tolls: who reported, where, the note (TUI)', ['IB', 'IP', 'IN']],
		['country names (TUI)', ['CN']],
		['country regions and notes (TUI)', ['CR', 'CO']],
	];
	for (const [what, codes] of tuiRows) {
		const v = verdict(scan, codes);
		// The hyperlink row means something only if the dashboard drew links at all.
		if (codes.includes('AL') && !linked) v.failures.push('no hyperlink drawn: the URLs were not linked');
		rows.push(row(what, v));
	}
	rows.push(row('file names in the problems list (TUI)', verdict(scan, ['FN'], data.fileNamed)));
	const typed = typedStrings();
	rows.push(row('search query typed (TUI)', verdict(scan, ['QT'], typed), 'strings with a control left once typed'));
	rows.push(
		row(
			'Actors jump, filter form, palette, save-view prompt typed (TUI)',
			verdict(scan, ['QJ', 'QF', 'QP', 'QV'], typed),
		),
	);

	// The status bar: settings warnings (a hostile key name), then the data directory.
	const tiny = loadDataDir(DATA_DIR, ['countries']);
	const cases: { dir: string; message: string | undefined }[] = [];
	for (const i of ALL) {
		cases.push(
			await withConfigDir(hostileConfigDir(join(root, 'config-status'), i, false), async () => {
				const config = await openConfig();
				const message = openSession(config, { isTTY: false }).startMessage(backendOf(tiny.store));
				return { dir: config.settings.dataDir ?? '', message };
			}),
		);
	}
	const status = await tourStatus(tiny.store, tiny.problems, cases, briefs);
	const statusScan = new Scan();
	statusScan.addAll(status.frames, 'status bar');
	rows.push(row('settings in the status bar (TUI): data directory, key names', verdict(statusScan, ['SD', 'SK'])));

	// Whole frames: a string passes when every frame showing any of its markers is free of
	// controls and no wider than the terminal (counted per string, so the row does not
	// depend on how many frames Ink happened to draw).
	const widest = (f: string) => Math.max(...f.split('\n').map((l) => width(l)));
	const wrongFrames = [
		...[...new Set(tui.frames)].map((f) => [f, COLS] as const),
		...[...new Set(status.frames)].map((f) => [f, STATUS_COLS] as const),
	].filter(([f, cols]) => FORBIDDEN.test(f) || widest(f) > cols);
	const spoilt = new Set<number>();
	const frameFailures: string[] = [];
	for (const [f, cols] of wrongFrames) {
		const at = f.search(FORBIDDEN);
		frameFailures.push(
			at >= 0
				? `a frame carries a control: ${JSON.stringify(f.slice(Math.max(0, at - 30), at + 30))}`
				: `a frame ${widest(f)} cells wide (${cols} columns): ${f.split('\n').find((l) => width(l) > cols)}`,
		);
		for (const m of f.matchAll(/<<[A-KM-Z][A-Z](\d+)>>/g)) spoilt.add(Number(m[1]));
	}
	const strayMarkless = wrongFrames.some(([f]) => !/<<[A-KM-Z][A-Z]\d+>>/.test(f));
	rows.push({
		area: AREA,
		what: 'whole dashboard frames free of controls and within the width',
		passed: ALL.filter((i) => !spoilt.has(i)).length,
		total: HOSTILE.length,
		...(tui.notes.length ? { note: tui.notes.join('; ') } : {}),
		failures: [
			...frameFailures.slice(0, 5),
			...(strayMarkless ? ['a frame without any marker carries a control or is too wide'] : []),
			...[...scan.stray, ...statusScan.stray].slice(0, 3),
		],
	});

	// ---------------------------------------------------------------- settings values printed by the CLI, every string
	const settingsScan = new Scan();
	for (const i of ALL) {
		await withConfigDir(configDirs[i] as string, async () => {
			const config = await openConfig();
			const ctx = processCtx();
			settingsScan.add(
				printed(() => runConfig(['get'], config, false, ctx)),
				'config get',
			);
			settingsScan.add(
				printed(() => runConfig(['get', 'dataDir'], config, false, ctx)),
				'config get dataDir',
			);
			settingsScan.add(
				printed(() => runViews(config, false, ctx)),
				'views',
			);
			// JSON: valid, the original values, nothing a terminal acts on.
			const json = printed(() => runConfig(['get'], config, true, ctx));
			const t = HOSTILE[i]?.text ?? '';
			let parsed: { dataDir?: string } | undefined;
			try {
				parsed = JSON.parse(json) as { dataDir?: string };
			} catch {
				parsed = undefined;
			}
			settingsScan.add(
				parsed?.dataDir === `/nonexistent/${field('SD', i, t)}` && !FORBIDDEN.test(json)
					? `${mark('SJ', i)} ok`
					: `${mark('SJ', i)} \u0000 config get --json: ${json.slice(0, 80)}`,
				'config get --json',
			);
		});
	}

	const out = await cli;
	if (!out) {
		const missing = { passed: 0, total: HOSTILE.length, failures: ['dist/cli.js is missing: npm run build'] };
		for (const what of [
			'file names in sitrep validate',
			'CLI output on a TTY',
			'imported CSV cells (sitrep import)',
			'--json keeps the original text',
		])
			rows.push(row(what, missing));
	} else {
		const { text, json, imports, tty } = out;
		// ------------------------------------------------------------ text on a terminal
		const cliScan = new Scan();
		const outputs: [string, string][] = [];
		for (const [name, o] of text) {
			// CSV ends its lines with CR LF (RFC 4180): through the terminal that is CR CR LF, read back CR LF.
			const shown =
				name === 'search'
					? withoutHighlights(o.out)
					: name === 'export incidents csv'
						? o.out.replace(/\r\n/g, '\n')
						: o.out;
			outputs.push([name, shown]);
			if (name.startsWith('config') || name.startsWith('views')) settingsScan.add(shown, `${name} (TTY)`);
			else if (name !== 'timeline (imported)') cliScan.add(shown, name);
		}
		const validateScan = new Scan();
		validateScan.add(text.get('validate')?.out ?? '', 'validate');
		rows.push(row('file names in sitrep validate', verdict(validateScan, ['FN'], data.fileNamed)));
		rows.push(
			row(
				tty ? 'CLI output on a TTY' : 'CLI output (piped: no util-linux script)',
				verdict(cliScan, ['IL', 'NS', 'CN', 'NN', 'NR', 'AT'], ALL, true),
				'timeline, actor, risk, search (highlighted), brief, validate, export',
			),
		);

		// ------------------------------------------------------------ import
		const importScan = new Scan();
		for (const [name, o] of imports) {
			importScan.add(o.out, name);
			importScan.add(o.err, `${name} (stderr)`);
			outputs.push([name, o.out + o.err]);
		}
		importScan.add(text.get('timeline (imported)')?.out ?? '', 'timeline after the import');
		rows.push(
			row(
				'imported CSV cells (sitrep import)',
				verdict(importScan, ['ML', 'MA'], ALL, true),
				'an ACLED export, one hostile row per string; its report, --json, and the timeline after',
			),
		);

		// ------------------------------------------------------------ JSON
		for (const [name, o] of json) outputs.push([name, o.out]);
		rows.push(row('--json keeps the original text', jsonVerdict(json, written, data.fileNamed, byId)));

		// ------------------------------------------------------------ every output, whole
		const dirtyOut = outputs.filter(([, t]) => FORBIDDEN.test(t));
		const highlighted = /\u001b\[1;4m/.test(text.get('search')?.out ?? '');
		rows.push({
			area: AREA,
			what: 'every CLI output free of controls',
			passed: outputs.length - dirtyOut.length - (tty && !highlighted ? 1 : 0),
			total: outputs.length,
			note: tty ? "search highlights (sitrep's own) drawn and set aside" : 'piped',
			failures: [
				...dirtyOut.map(
					([name, t]) =>
						`${name}: ${JSON.stringify(t.slice(Math.max(0, t.search(FORBIDDEN) - 40), t.search(FORBIDDEN) + 20))}`,
				),
				...(tty && !highlighted ? ['search drew no highlight: its stdout was not a terminal'] : []),
			],
		});
	}

	rows.push(
		row(
			'settings values (sitrep config get, sitrep views)',
			verdict(settingsScan, ['SD', 'SV', 'SJ'], ALL, true),
			`every string in process; ${ttyConfigs.length} settings folders on a TTY`,
		),
	);

	rows.push(legitRow(tui.frames, out?.text, out?.json));
	return rows;
}

function jsonVerdict(
	json: Map<string, Output>,
	written: { incidents: Json[]; articles: Json[]; actors: Json[] },
	fileNamed: number[],
	byId: (list: Json[], id: string) => Json | undefined,
): Verdict {
	const general: string[] = [];
	const timeline = parse(json.get('timeline --json'), 'timeline --json', general) as { incidents: Json[] } | undefined;
	const expInc = parse(json.get('export incidents json'), 'export incidents json', general) as
		| { incidents: Json[] }
		| undefined;
	const ndInc = parse(json.get('export incidents ndjson'), 'export incidents ndjson', general) as Json[] | undefined;
	const ndArt = parse(json.get('export articles ndjson'), 'export articles ndjson', general) as Json[] | undefined;
	const expAct = parse(json.get('export actors json'), 'export actors json', general) as { actors: Json[] } | undefined;
	const actor = parse(json.get('actor --json'), 'actor --json', general) as
		| { profile: { affiliations: { members: Json[] } } }
		| undefined;
	const search = parse(json.get('search --json'), 'search --json', general) as { results: Json[] } | undefined;
	const validate = parse(json.get('validate --json'), 'validate --json', general) as
		| { problems: { file: string }[] }
		| undefined;
	const failures: string[] = [...general];
	let passed = 0;
	HOSTILE.forEach((h, i) => {
		const wrong: string[] = [];
		const same = (what: string, got: unknown, want: unknown) => {
			if (!isDeepStrictEqual(got, want)) wrong.push(what);
		};
		// The record as written, through the schema (it only validates, but a URL loses tabs and line breaks, as
		// the URL standard strips them): what the loader had before cleaning the text for the terminal.
		const valid = (kind: 'incidents' | 'articles' | 'actors', rec: Json | undefined) =>
			rec && recordSchemas[kind].parse(rec);
		const inc = valid('incidents', byId(written.incidents, incidentId(i)));
		const art = valid('articles', byId(written.articles, articleId(i)));
		const act = valid('actors', byId(written.actors, actorId(i)));
		// An answer gives the toll as read (fatalities, fatalitiesLow/High, fatalityReports); its text as written.
		same(
			'timeline --json',
			timeline?.incidents.find((r) => r.id === incidentId(i)),
			inc && incidentJson(inc as Incident),
		);
		same(
			'export incidents json',
			expInc?.incidents.find((r) => r.id === incidentId(i)),
			inc,
		);
		same(
			'export incidents ndjson',
			ndInc?.find((r) => r.id === incidentId(i)),
			inc,
		);
		same(
			'export articles ndjson',
			ndArt?.find((r) => r.id === articleId(i)),
			art,
		);
		same(
			'export actors json',
			expAct?.actors.find((r) => r.id === actorId(i)),
			act,
		);
		const member = actor?.profile.affiliations.members.find((m) => m.id === actorId(i));
		same('actor --json member name', member?.name, field('NN', i, h.text));
		same('actor --json member role', (member?.roles as Json[] | undefined)?.[0]?.role, field('NR', i, h.text));
		same('actor --json member status', member?.status, field('NT', i, h.text));
		same('search --json outlet', search?.results.find((r) => r.id === articleId(i))?.source, field('AO', i, h.text));
		if (fileNamed.includes(i)) {
			const name = `${mark('FN', i)} ${h.text.replace(/\//g, '_')}`;
			if (!validate?.problems.some((p) => p.file.includes(name.slice(0, 40)))) wrong.push('validate --json file name');
		}
		if (wrong.length) failures.push(`${h.name}: not the original text in ${wrong.join(', ')}`);
		else passed++;
	});
	return { passed, total: HOSTILE.length, failures };
}

/** Real scripts: untouched by the sanitizer, measured right, and shown whole. */
function legitRow(frames: readonly string[], text?: Map<string, Output>, json?: Map<string, Output>): Row {
	const failures: string[] = [];
	let passed = 0;
	const shown = (s: string) => frames.some((f) => f.includes(s));
	const timeline = text?.get('timeline')?.out ?? '';
	const exported = json?.get('export incidents ndjson')?.out ?? '';
	LEGIT.forEach((l, j) => {
		const wrong: string[] = [];
		const drawn = l.drawn ?? l.text;
		if (sanitizeLine(l.text) !== l.text || sanitizeText(l.text) !== l.text) wrong.push('changed by the sanitizer');
		if (hasControl(l.text)) wrong.push('flagged as control');
		if (width(l.text) !== l.width) wrong.push(`width ${width(l.text)}, expected ${l.width}`);
		if (fitCells(l.text, l.width + 3) !== `${drawn}   `) wrong.push('fit pads it wrong');
		const cut = truncate(l.text, l.width - 1);
		if (l.width > 1 && (!cut.endsWith('…') || width(cut) > l.width - 1)) wrong.push('truncate overflows');
		for (const code of ['LT', 'LN', 'LL', 'LB'])
			if (!shown(`${mark(code, j)} ${drawn}`)) wrong.push(`${code}: not shown whole in the dashboard`);
		if (text && !timeline.includes(`${mark('LL', j)} ${l.text}`)) wrong.push('not whole in sitrep timeline');
		if (json && !exported.includes(JSON.stringify(field('LL', j, l.text)))) wrong.push('not as written in the export');
		if (wrong.length) failures.push(`${l.name}: ${wrong.join('; ')}`);
		else passed++;
	});
	return {
		area: AREA,
		what: 'legitimate scripts intact, widths right',
		passed,
		total: LEGIT.length,
		note: 'Dari, Pashto, Urdu with ZWNJ, CJK, emoji ZWJ and skin tones, flags, combining marks',
		failures,
	};
}
