// What a command is: its name, what it says about itself (the help page,
// `sitrep COMMAND --help`, docs/commands.md), the flags it takes, and its
// run. Definitions hold no heavy imports: their run loads the work when the
// command runs, so reading the registry costs sitrep's start nothing.

import type { Resolver } from '../core/resolve.js';
import type { LoadResult } from '../io/load/load.js';
import type { ConfigHandle } from '../io/settings/config.js';
import type { Ctx } from './context.js';

export interface Flag {
	readonly type: 'string' | 'number' | 'boolean';
	/** May be given more than once; every value is kept (and a value may list several, comma-separated). */
	readonly multiple?: boolean;
	/** What the value stands for in help: DIR, CODE, N. */
	readonly value?: string;
	/** A string flag whose value may be left out (`fetch --every` or `fetch --every 5m`): alone, its value is "". */
	readonly optionalValue?: boolean;
	readonly help: string;
}

/** Flags by the name typed after `--`. */
export type Flags = Readonly<Record<string, Flag>>;

type Camel<S extends string> = S extends `${infer Head}-${infer Tail}` ? `${Head}${Capitalize<Camel<Tail>>}` : S;

/** Any flag's value, once parsed. */
export type FlagValue = boolean | string[] | number | string | undefined;

type ValueOf<F extends Flag> = Flag extends F
	? FlagValue
	: F['type'] extends 'boolean'
		? boolean
		: F['multiple'] extends true
			? string[]
			: F['type'] extends 'number'
				? number | undefined
				: string | undefined;

/** Parsed flags by camel-cased name (`--as-of` is `asOf`): booleans default to false, lists to []. */
export type FlagValues<F extends Flags> = { -readonly [K in keyof F & string as Camel<K>]: ValueOf<F[K]> };

/** A titled block of help text, as the Exit status block is. */
export interface Section {
	title: string;
	lines: string[];
}

/** What the help pages and the flag parser know of a command (the dashboard has no run here). */
export interface Face<F extends Flags = Flags> {
	/** '' for the dashboard. */
	name: string;
	/** What it does, short enough for its line on the `sitrep --help` page. */
	summary: string;
	/** More about it, for `sitrep COMMAND --help` and docs/commands.md: one paragraph a string. */
	about?: readonly string[];
	/** How it is called, after "sitrep "; one line per form. */
	usage: readonly string[];
	/** The form on the `sitrep --help` page, when usage[0] is too long for its column. */
	synopsis?: string;
	/**
	 * What may follow its name: words (the default), none, or a search query,
	 * whose `-word` excludes a word rather than being a flag.
	 */
	words?: 'none' | 'query';
	/** Its own flags; the global ones (--data, --no-color, --help, --version) come on top. */
	flags: F;
	/** Whole command lines. */
	examples: readonly string[];
	/** More help: loaded only when help is printed (the risk formula needs the risk module). */
	sections?: () => Promise<Section[]>;
}

export type Data = LoadResult & { resolver: Resolver };

export interface RunInput<V> {
	/** The words after the command's name. */
	args: string[];
	flags: V;
	ctx: Ctx;
	config: ConfigHandle;
	/** --data, else the configured dataDir, else the bundled data/. */
	dataDir: string;
	version: string;
	/** The data directory, loaded; or the exit status, its reason already printed. */
	load(): Promise<Data | number>;
}

export interface Command<F extends Flags = Flags> extends Face<F> {
	run(input: RunInput<FlagValues<F>>): Promise<number> | number;
}

/** `sitrep risk`, or `sitrep` for the dashboard. */
export const faceName = (face: Face) => (face.name ? `sitrep ${face.name}` : 'sitrep');

/** `--window DAYS`: a flag as help writes it. */
export const flagLabel = (name: string, flag: Flag) =>
	`--${name}${flag.value ? (flag.optionalValue ? ` [${flag.value}]` : ` ${flag.value}`) : ''}`;

/** Checks a definition against its flags: `run` sees exactly the flags declared. */
export function defineCommand<const F extends Flags>(command: Command<F>): Command<F> {
	return command;
}
