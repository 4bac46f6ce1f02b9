// What the environment says about the terminal sitrep draws on: whether it
// can be drawn on at all (TERM), and whether it takes UTF-8 (the locale).
// Pure: the environment is passed in.

/**
 * TERM is "dumb", empty or not set: a terminal that cannot move the cursor
 * (Emacs' shell buffer, a bare `env -i`). Full-screen programs refuse it, as
 * tmux ("terminal does not support clear") and top do; less warns and falls
 * back to printing lines.
 */
export function dumbTerminal(env: NodeJS.ProcessEnv): boolean {
	const term = env.TERM ?? '';
	return term === '' || term === 'dumb';
}

/**
 * The variable that decides the character set, as the C library and ncurses
 * read them: LC_ALL, else LC_CTYPE, else LANG (the first one set and not
 * empty); undefined when none is (the C locale).
 */
export function localeSetting(
	env: NodeJS.ProcessEnv,
): { name: 'LC_ALL' | 'LC_CTYPE' | 'LANG'; value: string } | undefined {
	for (const name of ['LC_ALL', 'LC_CTYPE', 'LANG'] as const) {
		const value = env[name];
		if (value) return { name, value };
	}
	return undefined;
}

/** The locale that decides the character set ("C" when none is set). */
export function ctypeLocale(env: NodeJS.ProcessEnv): string {
	return localeSetting(env)?.value ?? 'C';
}

/** What to say when the locale is not UTF-8: which setting is in force, and the one to set. ASCII only. */
export function localeAdvice(env: NodeJS.ProcessEnv): string {
	const setting = localeSetting(env);
	const now = setting ? `${setting.name}=${setting.value}` : 'no locale is set';
	return `${now}, not UTF-8; set ${setting?.name ?? 'LANG'}=C.UTF-8 (or another UTF-8 locale)`;
}

/**
 * The locale's character set is UTF-8 ("en_US.UTF-8", "C.utf8", macOS's bare
 * "UTF-8"). tmux asks the same of a client (LC_ALL, LC_CTYPE, LANG naming
 * UTF-8) and, when the answer is no, draws every character outside ASCII as
 * "_" (and line drawing as qqq where the outer terminal lacks it).
 */
export function utf8Locale(env: NodeJS.ProcessEnv): boolean {
	return /utf-?8/i.test(ctypeLocale(env));
}
