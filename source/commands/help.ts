// The help pages and docs/commands.md, written from the registry: what a
// command says about itself is said once, in its definition.
import { EXIT_MEANINGS } from '../core/exit.js';
import { type Face, type Flag, faceName, flagLabel, type Section } from './command.js';
import { GLOBAL_FLAGS } from './flags.js';
import { COMMANDS, DASHBOARD } from './registry.js';

const FACES: readonly Face[] = [DASHBOARD, ...COMMANDS];

const usageLine = (line: string) => `sitrep ${line}`.trimEnd();

/** `label  text` rows, the texts in one column. */
function rows(pairs: readonly (readonly [string, string])[], indent = '    '): string[] {
	const width = Math.max(...pairs.map(([label]) => label.length)) + 2;
	return pairs.map(([label, text]) => `${indent}${label.padEnd(width)}${text}`.trimEnd());
}

/** A paragraph in lines of at most `width` columns, broken at spaces. */
function wrap(text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/)) {
		if (line && line.length + 1 + word.length > width) {
			lines.push(line);
			line = word;
		} else line = line ? `${line} ${word}` : word;
	}
	return line ? [...lines, line] : lines;
}

function block(title: string, lines: readonly string[]): string[] {
	return ['', `  ${title}`, ...lines];
}

const indented = (lines: readonly string[], prefix = '    ') => lines.map((l) => `${prefix}${l}`);

/** Every flag once, in the order the commands take them, the global ones first and last. */
function allFlags(): [string, Flag, Face[]][] {
	const seen = new Map<string, [string, Flag, Face[]]>();
	for (const face of [...COMMANDS, DASHBOARD]) {
		for (const [name, flag] of Object.entries(face.flags)) {
			// One line a flag, unless commands say different things of it (feeds --every N, fetch --every [N]).
			const key = `${name}\u0000${flagLabel(name, flag)}\u0000${flag.help}`;
			const entry = seen.get(key) ?? [name, flag, []];
			entry[2].push(face);
			seen.set(key, entry);
		}
	}
	const { data, ...rest } = GLOBAL_FLAGS;
	return [
		['data', data, []],
		...seen.values(),
		...Object.entries(rest).map(([n, f]): [string, Flag, Face[]] => [n, f, []]),
	];
}

/** The statuses on as few lines as fit, in the table's order. */
function exitLines(width = 96): string[] {
	const lines: string[] = [];
	let line = '';
	for (const m of EXIT_MEANINGS) {
		const item = `${m.code} ${m.short}`;
		if (line && line.length + 3 + item.length > width) {
			lines.push(line);
			line = item;
		} else line = line ? `${line} · ${item}` : item;
	}
	return indented([...lines, line]);
}

async function sectionsOf(faces: readonly Face[]): Promise<Section[]> {
	return (await Promise.all(faces.map((f) => f.sections?.() ?? []))).flat();
}

/** `sitrep --help`. */
export async function overviewHelp(description: string): Promise<string> {
	const synopses = FACES.map((f) => [`$ ${usageLine(f.synopsis ?? f.usage[0] ?? '')}`, f.summary] as const);
	const options = allFlags().map(([name, flag, faces]) => {
		// Which commands take a flag, unless most do.
		const who = faces.length > 0 && faces.length <= 3 ? `${faces.map((f) => f.name || 'dashboard').join(', ')}: ` : '';
		return [flagLabel(name, flag), `${who}${flag.help}`] as const;
	});
	const sections = await sectionsOf(FACES);
	return [
		'',
		`  ${description}`,
		...block('Usage', [...rows(synopses), '', `    sitrep COMMAND --help: that command's usage, flags and examples`]),
		...block('Options', rows(options)),
		...block('Exit status', exitLines()),
		...sections.flatMap((s) => block(s.title, indented(s.lines))),
		...block(
			'Examples',
			indented(
				FACES.flatMap((f) => (f.name && f.examples[0] ? [f.examples[0]] : [])),
				'    $ ',
			),
		),
		'',
	].join('\n');
}

/** `sitrep COMMAND --help`. */
export async function commandHelp(face: Face): Promise<string> {
	const own = Object.entries(face.flags).map(([n, f]) => [flagLabel(n, f), f.help] as const);
	const global = Object.entries(GLOBAL_FLAGS).map(([n, f]) => [flagLabel(n, f), f.help] as const);
	// One column for both lists, so they read as one table.
	const table = rows([...own, ...global]);
	const sections = await sectionsOf([face]);
	return [
		'',
		`  ${faceName(face)}: ${face.summary}`,
		...(face.about ?? []).flatMap((p) => ['', ...indented(wrap(p, 96), '  ')]),
		...block('Usage', indented(face.usage.map(usageLine), '    $ ')),
		...(own.length ? block('Options', table.slice(0, own.length)) : []),
		...block('Every command takes', table.slice(own.length)),
		...sections.flatMap((s) => block(s.title, indented(s.lines))),
		...(face.examples.length ? block('Examples', indented(face.examples, '    $ ')) : []),
		'',
	].join('\n');
}

const cell = (text: string) => text.replace(/\|/g, '\\|');
const code = (text: string) => `\`${cell(text)}\``;
const anchor = (heading: string) =>
	heading
		.toLowerCase()
		.replace(/[^a-z0-9 -]/g, '')
		.replace(/ /g, '-');

function flagTable(flags: readonly (readonly [string, Flag])[]): string[] {
	return [
		'| flag | what it does |',
		'|---|---|',
		...flags.map(([n, f]) => `| ${code(flagLabel(n, f))} | ${cell(f.help)} |`),
	];
}

/** docs/commands.md. */
export async function commandsMarkdown(): Promise<string> {
	const heading = (f: Face) => (f.name ? faceName(f) : 'sitrep (the dashboard)');
	const out = [
		'# Commands',
		'',
		'<!-- Written by `npm run docs:commands` (scripts/commands-doc.ts) from the definitions in source/commands/defs/; a test fails when it is out of date. -->',
		'',
		'Every answer the dashboard gives is also a command, and `--json` gives it to scripts. `sitrep --help` lists',
		'them; `sitrep COMMAND --help` prints a command’s part of this page. What the commands share (filters,',
		'dates, output) is in [Using the commands](cli.md).',
		'',
		'| command | what it does |',
		'|---|---|',
		...FACES.map(
			(f) => `| [${code(usageLine(f.synopsis ?? f.usage[0] ?? ''))}](#${anchor(heading(f))}) | ${cell(f.summary)} |`,
		),
		'',
		'Every command, and the dashboard, takes:',
		'',
		...flagTable(Object.entries(GLOBAL_FLAGS)),
		'',
		'A flag another command takes is refused (exit 2) with the commands that take it; a mistyped flag or',
		'command is refused with the nearest one (`sitrep riks` → did you mean risk?).',
	];
	for (const face of FACES) {
		out.push('', `## ${heading(face)}`, '');
		for (const p of face.about ?? [`${face.summary[0]?.toUpperCase()}${face.summary.slice(1)}.`]) out.push(p, '');
		out.push('```sh', ...face.usage.map(usageLine), '```');
		const flags = Object.entries(face.flags);
		if (flags.length) out.push('', ...flagTable(flags));
		for (const s of await sectionsOf([face])) out.push('', `### ${s.title}`, '', '```', ...s.lines, '```');
		if (face.examples.length) out.push('', 'Examples:', '', '```sh', ...face.examples, '```');
	}
	out.push(
		'',
		'## Exit status',
		'',
		'| code | meaning |',
		'|---|---|',
		...[...EXIT_MEANINGS].sort((a, b) => a.code - b.code).map((m) => `| ${m.code} | ${cell(m.long)} |`),
		'',
	);
	return out.join('\n');
}
