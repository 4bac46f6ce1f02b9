// sitrep brief COUNTRY|ACTOR: a Markdown briefing, to stdout or --out FILE.
import { matchActors } from '../core/actorProfile.js';
import type { Backend } from '../core/backend/types.js';
import type { Resolver } from '../core/resolve.js';
import { FileWriteError, writeFileAtomic } from '../io/atomic.js';
import { type BriefTarget, briefMarkdown } from '../present/brief.js';
import { type Ctx, EXIT } from './context.js';
import { type WindowFlags, windowFromFlags } from './window.js';

/** A country code or name first (AF, Pakistan), else the best actor match. */
export function briefTarget(store: Backend, resolver: Resolver, what: string): BriefTarget | undefined {
	const c = resolver.country(what);
	if (c.ok) return { country: c.value };
	const a = matchActors(store, what, 1)[0];
	return a ? { actor: a.actor.id } : undefined;
}

export function runBrief(
	store: Backend,
	resolver: Resolver,
	what: string | undefined,
	flags: WindowFlags & { out?: string },
	ctx: Ctx,
	/** The data directory, as the brief's provenance line names it. */
	source: string,
): number {
	if (!what?.trim()) {
		ctx.err('sitrep brief: expected a country or an actor, e.g. sitrep brief AF or sitrep brief iskp');
		return EXIT.usage;
	}
	const window = windowFromFlags(store, flags, ctx);
	if (!window) return EXIT.usage;
	const target = briefTarget(store, resolver, what);
	if (!target) {
		ctx.err(`sitrep brief: no country or actor matches "${what}"`);
		return EXIT.problems;
	}
	const md = briefMarkdown(store, target, window, { source });
	if (flags.out) {
		try {
			writeFileAtomic(flags.out, md);
		} catch (err) {
			if (!(err instanceof FileWriteError)) throw err;
			ctx.err(`sitrep brief: cannot write ${flags.out}: ${err.message}`);
			return EXIT.data;
		}
		ctx.err(`brief written to ${flags.out}`);
	} else {
		ctx.out(md.trimEnd());
	}
	return EXIT.ok;
}
