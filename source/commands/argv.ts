// The command line read against the registry: the command, its words, and
// its flags, each checked against the flags that command takes. Anything
// else is a usage error (exit 2) that names the nearest flag or command.
import { parseArgs } from 'node:util';
import { closest } from '../core/words.js';
import {
	type Command,
	type Face,
	type Flags,
	type FlagValue,
	type FlagValues,
	faceName,
	flagLabel,
} from './command.js';
import { GLOBAL_FLAGS } from './flags.js';
import { COMMANDS, DASHBOARD, findCommand, suggestCommand } from './registry.js';

export interface Invocation {
	/** Undefined: the dashboard. */
	command?: Command;
	/** The words after the command's name. */
	args: string[];
	/** The command's own flags, camel-cased (`--as-of` is `asOf`). */
	flags: Record<string, FlagValue>;
	global: FlagValues<typeof GLOBAL_FLAGS>;
}

export type Parsed = { ok: true; invocation: Invocation } | { ok: false; lines: string[] };

const FACES: readonly Face[] = [...COMMANDS, DASHBOARD];

/** Flags that take a value, wherever they are taken: the value after one is never the command's name. */
const VALUE_FLAGS = new Set(
	[GLOBAL_FLAGS, ...FACES.map((f) => f.flags)].flatMap((flags) =>
		Object.entries(flags as Flags)
			.filter(([, f]) => f.type !== 'boolean')
			.map(([name]) => name),
	),
);

const camel = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

const listed = (names: string[]) =>
	names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');

/** "(import and ingest take it)": where a flag this command does not take belongs. */
function takenBy(name: string): string {
	const faces = FACES.filter((f) => name in f.flags).map((f) => (f.name ? f.name : 'the dashboard'));
	if (faces.length === 0) return '';
	if (faces.length > 4) return ' (most commands take it)';
	return ` (${listed(faces)} ${faces.length === 1 ? 'takes' : 'take'} it)`;
}

type Token = ReturnType<typeof parseArgs>['tokens'] extends (infer T)[] | undefined ? T : never;
type OptionToken = Extract<Token, { kind: 'option' }>;

function tokensOf(argv: readonly string[], valued: ReadonlySet<string>): Token[] {
	const { tokens = [] } = parseArgs({
		args: [...argv],
		options: Object.fromEntries([...valued].map((n) => [n, { type: 'string', multiple: true } as const])),
		strict: false,
		allowPositionals: true,
		tokens: true,
	});
	return tokens;
}

/** The flags that take a value for one command (its own and the global ones). */
function valuedFor(face: Face): Set<string> {
	return new Set(
		[GLOBAL_FLAGS, face.flags].flatMap((flags) =>
			Object.entries(flags as Flags)
				.filter(([, f]) => f.type !== 'boolean')
				.map(([name]) => name),
		),
	);
}

/** `--every` with no value after it (the end, or another flag) written as `--every=`, for the flags that may have none. */
function withOptionalValues(argv: readonly string[], face: Face): string[] {
	const optional = new Set(
		Object.entries(face.flags as Flags)
			.filter(([, f]) => f.optionalValue)
			.map(([name]) => `--${name}`),
	);
	if (optional.size === 0) return [...argv];
	return argv.map((arg, i) => {
		const next = argv[i + 1];
		return optional.has(arg) && (next === undefined || next.startsWith('-')) ? `${arg}=` : arg;
	});
}

/** The words and the flags as typed; which command the first word names. */
function lex(argv: readonly string[]) {
	// First which command, reading any flag some command gives a value as taking one; then the
	// line again with that command's own flags (`fetch --every` is a switch, `feeds --every 15m` is not).
	const guess = tokensOf(argv, VALUE_FLAGS);
	const first = guess.find((t) => t.kind === 'positional');
	const name = first?.kind === 'positional' ? first.value : undefined;
	const command = name === undefined ? undefined : findCommand(name);
	const tokens = command ? tokensOf(withOptionalValues(argv, command), valuedFor(command)) : guess;
	// In a search query `-word` excludes a word; it comes as a short flag, one token a letter.
	const query = command?.words === 'query';
	const words: string[] = [];
	const options: OptionToken[] = [];
	let dashWord = -1;
	for (const t of tokens) {
		if (t.kind === 'positional') words.push(t.value);
		else if (t.kind !== 'option') continue;
		else if (query && !t.rawName.startsWith('--')) {
			if (t.index !== dashWord) words.push(argv[t.index] ?? '');
			dashWord = t.index;
		} else options.push(t);
	}
	return { name, command, args: words.slice(1), options };
}

/** Each flag checked against what `taken` allows: the values by flag, or what is wrong. */
function check(argv: readonly string[], options: OptionToken[], taken: Flags) {
	const errors: string[] = [];
	/** A flag was not recognised: the flags that are taken are worth listing. */
	let unknown = false;
	const values = new Map<string, string[]>();
	const seen = new Set<number>();
	for (const t of options) {
		if (!t.rawName.startsWith('--')) {
			// A short flag group (-abc) comes as one token a letter: one error for the word.
			if (seen.has(t.index)) continue;
			seen.add(t.index);
			const raw = argv[t.index] ?? t.rawName;
			const guess = closest(raw.replace(/^-+/, ''), Object.keys(taken));
			unknown ||= !guess;
			errors.push(`unknown flag ${raw}${guess ? ` (did you mean --${guess}?)` : ''}`);
			continue;
		}
		const flag = taken[t.name];
		if (!flag) {
			const guess = closest(t.name, Object.keys(taken));
			unknown ||= !guess;
			errors.push(`unknown flag --${t.name}${guess ? ` (did you mean --${guess}?)` : takenBy(t.name)}`);
			continue;
		}
		if (flag.type === 'boolean') {
			if (t.value !== undefined) errors.push(`--${t.name} takes no value, found "${t.value}"`);
			values.set(t.name, []);
			continue;
		}
		// `--limit --json`: the next word was another flag, not a value.
		if (t.value === undefined || (!t.inlineValue && t.value.startsWith('--'))) {
			errors.push(`--${t.name} needs a value (${flag.value ?? 'a value'})`);
			continue;
		}
		if (flag.type === 'number' && (t.value.trim() === '' || !Number.isFinite(Number(t.value)))) {
			errors.push(`--${t.name}: expected a number, found "${t.value}"`);
			continue;
		}
		const before = values.get(t.name);
		if (before && !flag.multiple) {
			errors.push(`--${t.name} was given twice ("${before[0]}", then "${t.value}"); give it once`);
			continue;
		}
		values.set(t.name, [...(before ?? []), t.value]);
	}
	return { errors, unknown, values };
}

/** Parsed values by camel-cased name: booleans false unless given, lists [] unless given. */
function read(flags: Flags, values: Map<string, string[]>): Record<string, FlagValue> {
	return Object.fromEntries(
		Object.entries(flags).map(([name, f]) => {
			const v = values.get(name);
			if (f.type === 'boolean') return [camel(name), v !== undefined];
			if (f.multiple) return [camel(name), v ?? []];
			const first = v?.[0];
			return [camel(name), f.type === 'number' && first !== undefined ? Number(first) : first];
		}),
	);
}

export function parseArgv(argv: readonly string[]): Parsed {
	const { name, command, args, options } = lex(argv);
	if (name !== undefined && !command) {
		const guess = suggestCommand(name);
		return {
			ok: false,
			lines: [
				`sitrep: unknown command "${name}"${guess ? ` (did you mean ${guess}?)` : ''}`,
				`Commands: ${COMMANDS.map((c) => c.name).join(', ')} (see sitrep --help)`,
			],
		};
	}
	const face: Face = command ?? DASHBOARD;
	const { errors, unknown, values } = check(argv, options, { ...GLOBAL_FLAGS, ...face.flags });
	// After an unknown flag, a word may be its value: that flag is the error to report.
	if (face.words === 'none' && args.length && !errors.length) {
		errors.push(`takes no arguments, found ${args.map((a) => `"${a}"`).join(' ')}`);
	}
	// Help is what a confused user asks for: it is given even beside a wrong flag.
	const global = read(GLOBAL_FLAGS, values) as FlagValues<typeof GLOBAL_FLAGS>;
	if (errors.length && !global.help && !global.version) {
		const who = faceName(face);
		const own = Object.entries(face.flags).map(([n, f]) => flagLabel(n, f));
		const everywhere = Object.entries(GLOBAL_FLAGS).map(([n, f]) => flagLabel(n, f));
		const takes = `${face.name ? who : 'the dashboard'} takes ${own.join(', ') || 'no flags of its own'}`;
		return {
			ok: false,
			lines: [
				...errors.map((e) => `${who}: ${e}`),
				...(unknown ? [`${takes}; every command takes ${everywhere.join(', ')} (see ${who} --help)`] : []),
			],
		};
	}
	return {
		ok: true,
		invocation: { ...(command ? { command } : {}), args, flags: read(face.flags, values), global },
	};
}
