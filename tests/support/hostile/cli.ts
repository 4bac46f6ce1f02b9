// Runs the built CLI (dist/cli.js) as a user would: text commands in one
// pseudo-terminal session (util-linux `script`, as bench/pty.ts does), so
// stdout is a TTY and search draws its highlights; JSON commands with piped
// output, several at once. Returns what each command wrote.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../../dist/cli.js', import.meta.url));

export interface Command {
	name: string;
	args: string[];
	/** SITREP_CONFIG_DIR for this command. */
	configDir: string;
}

export interface Output {
	/** On a TTY: stdout and stderr together, as the terminal received them (CR LF turned back into LF). */
	out: string;
	err: string;
	code: number | null;
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
	const e: NodeJS.ProcessEnv = { ...process.env, ...extra };
	// Colours and highlights as on a user's terminal.
	delete e.NO_COLOR;
	delete e.FORCE_COLOR;
	// Never the user's cache.
	e.SITREP_CACHE_DIR = '';
	return e;
}

function collect(
	cmd: string,
	args: string[],
	extra: Record<string, string> = {},
): Promise<{ out: string; err: string; code: number | null }> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { env: env(extra), stdio: ['ignore', 'pipe', 'pipe'] });
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout.on('data', (b: Buffer) => out.push(b));
		child.stderr.on('data', (b: Buffer) => err.push(b));
		child.on('error', reject);
		child.on('close', (code) =>
			resolve({ out: Buffer.concat(out).toString('utf8'), err: Buffer.concat(err).toString('utf8'), code }),
		);
	});
}

/** True when util-linux `script` can give the commands a terminal. */
export async function haveScript(): Promise<boolean> {
	try {
		const r = await collect('script', ['-qfec', 'true', '/dev/null']);
		return r.code === 0;
	} catch {
		return false;
	}
}

/** The commands one after another on one pseudo-terminal: a single `script` process. */
export async function onTty(commands: Command[]): Promise<Map<string, Output>> {
	const lines = commands.map(
		(c, k) =>
			`printf '\\n@@@BEGIN ${k}@@@\\n'; SITREP_CONFIG_DIR=${quote(c.configDir)} ${quote(process.execPath)} ${quote(CLI)} ${c.args.map(quote).join(' ')}; printf '\\n@@@END ${k} %d@@@\\n' $?`,
	);
	const r = await collect('script', ['-qfec', lines.join('\n'), '/dev/null']);
	// The terminal turns every LF into CR LF (onlcr): undo that; a CR left over came from the program.
	const text = r.out.replace(/\r\n/g, '\n');
	const out = new Map<string, Output>();
	commands.forEach((c, k) => {
		const m = new RegExp(`\\n@@@BEGIN ${k}@@@\\n([\\s\\S]*?)\\n@@@END ${k} (\\d+)@@@`).exec(text);
		out.set(c.name, m ? { out: m[1] ?? '', err: '', code: Number(m[2]) } : { out: '', err: r.out, code: null });
	});
	return out;
}

/** The commands with piped output, `parallel` at a time. */
export async function piped(commands: Command[], parallel = 2): Promise<Map<string, Output>> {
	const out = new Map<string, Output>();
	const queue = [...commands];
	const worker = async () => {
		for (let c = queue.shift(); c; c = queue.shift()) {
			const r = await collect(process.execPath, [CLI, ...c.args], { SITREP_CONFIG_DIR: c.configDir });
			out.set(c.name, r);
		}
	};
	await Promise.all(Array.from({ length: parallel }, worker));
	return out;
}
