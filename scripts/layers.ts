// npm run layers: the import graph by folder, from dependency-cruiser's reading of
// the code (the same reading `npm run lint:layers` checks). One line per arrow with
// how many imports it carries; an arrow that points up a layer, and any cycle
// between folders, is flagged and makes the exit status 1.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Layers from the top; a folder's layer is its first folder under source/. */
export const LAYERS = ['cli', 'commands', 'ui', 'present', 'io', 'core'] as const;

interface Dep {
	resolved: string;
	dependencyTypes: string[];
}
interface Module {
	source: string;
	dependencies: Dep[];
}

/** source/ui/panes/timeline/view.tsx → source/ui/panes (depth folders below source/). */
export function folderOf(file: string, depth: number): string | undefined {
	if (file === 'source/cli.tsx') return 'source/cli';
	if (!file.startsWith('source/')) return undefined;
	const parts = file.split('/').slice(0, -1);
	return parts.slice(0, Math.min(parts.length, depth + 1)).join('/');
}

export function layerOf(folder: string): number {
	return LAYERS.indexOf(folder.split('/')[1] as (typeof LAYERS)[number]);
}

/** A → B with the number of imports, and whether every one of them is type-only. */
export type Arrows = Map<string, Map<string, { count: number; typeOnly: boolean }>>;

export function arrowsOf(modules: readonly Module[], depth: number): Arrows {
	const arrows: Arrows = new Map();
	for (const m of modules) {
		const from = folderOf(m.source, depth);
		if (!from) continue;
		for (const d of m.dependencies) {
			const to = folderOf(d.resolved, depth);
			if (!to || to === from) continue;
			const row = arrows.get(from) ?? new Map();
			arrows.set(from, row);
			const a = row.get(to) ?? { count: 0, typeOnly: true };
			a.count++;
			a.typeOnly &&= d.dependencyTypes.includes('type-only');
			row.set(to, a);
		}
	}
	return arrows;
}

/** Strongly connected groups of more than one folder (Tarjan), over arrows that carry a value import. */
export function folderCycles(arrows: Arrows): string[][] {
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const on = new Set<string>();
	const out: string[][] = [];
	let n = 0;
	const visit = (v: string) => {
		index.set(v, n);
		low.set(v, n++);
		stack.push(v);
		on.add(v);
		for (const [w, a] of arrows.get(v) ?? []) {
			if (a.typeOnly) continue;
			if (!index.has(w)) {
				visit(w);
				low.set(v, Math.min(low.get(v)!, low.get(w)!));
			} else if (on.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
		}
		if (low.get(v) === index.get(v)) {
			const group: string[] = [];
			let w: string | undefined;
			do {
				w = stack.pop()!;
				on.delete(w);
				group.push(w);
			} while (w !== v);
			if (group.length > 1) out.push(group.sort());
		}
	};
	for (const v of arrows.keys()) if (!index.has(v)) visit(v);
	return out;
}

function cruise(): Module[] {
	const json = execFileSync(
		process.execPath,
		[
			fileURLToPath(new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url)),
			'source',
			'--config',
			'.dependency-cruiser.cjs',
			'--output-type',
			'json',
		],
		{ cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
	);
	return (JSON.parse(json) as { modules: Module[] }).modules;
}

function main(): number {
	const modules = cruise();
	let bad = 0;
	for (const depth of [1, 2]) {
		const arrows = arrowsOf(modules, depth);
		const folders = [...arrows.keys()].sort((a, b) => layerOf(a) - layerOf(b) || a.localeCompare(b));
		console.log(depth === 1 ? 'Layers (source/<layer>):' : '\nFolders (source/<layer>/<folder>):');
		for (const from of folders) {
			const row = [...(arrows.get(from) ?? [])].sort(([a], [b]) => layerOf(a) - layerOf(b) || a.localeCompare(b));
			for (const [to, a] of row) {
				const up = layerOf(to) < layerOf(from);
				if (up) bad++;
				const what = `${a.count} import${a.count === 1 ? '' : 's'}${a.typeOnly ? ', types only' : ''}`;
				console.log(`  ${from.slice(7)} → ${to.slice(7)}  (${what})${up ? '  UPWARD' : ''}`);
			}
		}
		const cycles = folderCycles(arrows);
		for (const c of cycles) console.log(`  CYCLE: ${c.map((f) => f.slice(7)).join(' ⇄ ')}`);
		bad += cycles.length;
		if (!cycles.length) console.log('  no cycles between these folders');
	}
	console.log(bad ? `\n${bad} upward arrow(s) or cycle(s)` : '\nEvery arrow points down; no cycles.');
	return bad ? 1 : 0;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exitCode = main();
