// The docs hold together: the README stays short, every relative link in
// README.md and docs/**/*.md points at a file that exists (and, for #anchors,
// at a heading that exists), repository paths named in `code` exist, and the
// risk formula in docs/risk.md is the one sitrep prints.
import {
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RISK_FORMULA } from '../../source/core/risk.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const README_MAX_LINES = 250;

/**
 * Docs that others write and that may not be on this branch yet. A link to one
 * passes while it is absent (without an #anchor, which cannot be checked), and
 * is checked like any other once it exists.
 */
const PENDING = new Set(['docs/commands.md', 'docs/dev/architecture.md']);

/** README.md and every .md under docs/, as paths relative to root. */
function markdownFiles(root: string): string[] {
	const out = existsSync(join(root, 'README.md')) ? ['README.md'] : [];
	const walk = (dir: string) => {
		if (!existsSync(join(root, dir))) return;
		for (const name of readdirSync(join(root, dir)).sort()) {
			const path = `${dir}/${name}`;
			if (statSync(join(root, path)).isDirectory()) walk(path);
			else if (name.endsWith('.md')) out.push(path);
		}
	};
	walk('docs');
	return out;
}

/** The text outside fenced code blocks, line by line (fenced lines become empty, so numbers stay right). */
function prose(text: string): string[] {
	let fence: string | null = null;
	return text.split('\n').map((line) => {
		const m = /^\s*(`{3,}|~{3,})/.exec(line);
		if (m?.[1]) {
			if (fence === null) fence = m[1][0] ?? null;
			else if (m[1][0] === fence) fence = null;
			return '';
		}
		return fence === null ? line : '';
	});
}

const withoutCode = (line: string) => line.replace(/`+[^`]*`+/g, '');

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
	return heading
		.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
		.replace(/[`*]/g, '')
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{M}\p{N}_ -]/gu, '')
		.replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings, with GitHub's -1, -2 for repeats. */
function anchors(text: string): Set<string> {
	const seen = new Map<string, number>();
	const out = new Set<string>();
	for (const line of prose(text)) {
		const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!m?.[1]) continue;
		const base = slug(m[1]);
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		out.add(n === 0 ? base : `${base}-${n}`);
	}
	return out;
}

/** Every problem with the links in root's README.md and docs/, one line each: `file:line: message`. */
function linkProblems(root: string, pending: ReadonlySet<string> = PENDING): string[] {
	const problems: string[] = [];
	for (const file of markdownFiles(root)) {
		const lines = prose(readFileSync(join(root, file), 'utf8'));
		lines.forEach((line, i) => {
			const at = `${file}:${i + 1}`;
			const text = withoutCode(line);
			const targets = [
				...[...text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]*)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1] ?? ''),
				...[...text.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/g)].map((m) => m[1] ?? ''),
			];
			for (const target of targets) {
				if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue;
				if (target === '') {
					problems.push(`${at}: empty link`);
					continue;
				}
				const hash = target.indexOf('#');
				const path = hash < 0 ? target : target.slice(0, hash);
				const anchor = hash < 0 ? '' : decodeURIComponent(target.slice(hash + 1));
				const full = path === '' ? join(root, file) : resolve(root, dirname(file), path);
				const rel = relative(root, full).split('\\').join('/');
				if (rel.startsWith('..')) {
					problems.push(`${at}: ${target} points outside the repository`);
					continue;
				}
				if (!existsSync(full)) {
					if (pending.has(rel) && !anchor) continue;
					problems.push(`${at}: ${target}: no such file ${rel}`);
					continue;
				}
				if (!anchor) continue;
				if (!rel.endsWith('.md')) {
					problems.push(`${at}: ${target}: an #anchor into a file that is not Markdown`);
				} else if (!anchors(readFileSync(full, 'utf8')).has(anchor)) {
					problems.push(`${at}: ${target}: ${rel} has no heading #${anchor}`);
				}
			}
		});
	}
	return problems;
}

/** Repository paths written as `code` in the docs (`source/core/risk.ts`, `tests/fixtures/broken/`) that do not exist. */
function missingPaths(root: string, pending: ReadonlySet<string> = PENDING): string[] {
	const problems: string[] = [];
	for (const file of markdownFiles(root)) {
		prose(readFileSync(join(root, file), 'utf8')).forEach((line, i) => {
			for (const m of line.matchAll(/`((?:source|tests|scripts|bench|data|docs)\/[\w./-]*)`/g)) {
				const path = m[1] ?? '';
				if (pending.has(path)) continue;
				if (!existsSync(join(root, path))) problems.push(`${file}:${i + 1}: \`${path}\` does not exist`);
			}
		});
	}
	return problems;
}

describe('docs', () => {
	it(`README.md has at most ${README_MAX_LINES} lines`, () => {
		const lines = readFileSync(join(ROOT, 'README.md'), 'utf8').trimEnd().split('\n').length;
		expect(lines, 'README.md is for the first visit: move details into docs/').toBeLessThanOrEqual(README_MAX_LINES);
	});

	it('every relative link in README.md and docs/ points at a file and heading that exist', () => {
		expect(markdownFiles(ROOT).length).toBeGreaterThan(5);
		expect(linkProblems(ROOT)).toEqual([]);
	});

	it('every repository path named in the docs exists', () => {
		expect(missingPaths(ROOT)).toEqual([]);
	});

	it('docs/risk.md shows the formula sitrep prints (RISK_FORMULA in source/core/risk.ts)', () => {
		const doc = readFileSync(join(ROOT, 'docs/risk.md'), 'utf8');
		expect(doc, 'docs/risk.md: copy the formula from `sitrep --help`').toContain(`\`\`\`\n${RISK_FORMULA}\n\`\`\``);
	});

	it('the checks catch a broken link, a missing anchor and a missing path', () => {
		const root = mkdtempSync(join(tmpdir(), 'sitrep-docs-'));
		try {
			mkdirSync(join(root, 'docs/dev'), { recursive: true });
			writeFileSync(
				join(root, 'README.md'),
				[
					'# Title',
					'[ok](docs/a.md) [ok](docs/a.md#the-b-part) [ok](#title) [web](https://example.org/x)',
					'[gone](docs/gone.md) [bad anchor](docs/a.md#nowhere)',
					'`[not a link](docs/gone.md)` and `source/nowhere.ts`',
					'```',
					'[in a code block](docs/gone.md)',
					'```',
					'[pending](docs/dev/architecture.md) [pending anchor](docs/dev/architecture.md#layers)',
				].join('\n'),
			);
			writeFileSync(join(root, 'docs/a.md'), '# A\n\n## The `b` part\n\n[up](../README.md#title) [self](#a)\n');
			expect(linkProblems(root)).toEqual([
				'README.md:3: docs/gone.md: no such file docs/gone.md',
				'README.md:3: docs/a.md#nowhere: docs/a.md has no heading #nowhere',
				'README.md:8: docs/dev/architecture.md#layers: no such file docs/dev/architecture.md',
			]);
			expect(missingPaths(root)).toEqual(['README.md:4: `source/nowhere.ts` does not exist']);
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	});

	it('slugs headings as GitHub does', () => {
		expect(slug('Import, ingest, export')).toBe('import-ingest-export');
		expect(slug('When the settings file is bad')).toBe('when-the-settings-file-is-bad');
		expect(slug('The `b` part')).toBe('the-b-part');
		expect(slug('Risk score — explained (v2)')).toBe('risk-score--explained-v2');
	});
});
