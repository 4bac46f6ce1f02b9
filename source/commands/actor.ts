// sitrep actor NAME: the best match by name or alias, its profile, and other close matches.
import { actorProfile, matchActors } from '../core/profile.js';
import type { Store } from '../core/store.js';
import { actorLines } from '../text/views/actor.js';
import { type Ctx, EXIT } from './context.js';
import { linesToText } from './render.js';
import { type WindowFlags, windowFromFlags } from './window.js';

export function runActor(
	store: Store,
	query: string | undefined,
	flags: WindowFlags & { json: boolean },
	ctx: Ctx,
): number {
	if (!query?.trim()) {
		ctx.err('sitrep actor: expected a name or alias, e.g. sitrep actor haqqani');
		return EXIT.usage;
	}
	const window = windowFromFlags(store, flags, ctx);
	if (!window) return EXIT.usage;
	const matches = matchActors(store, query, 8);
	const best = matches[0];
	if (!best) {
		ctx.err(`sitrep actor: no actor matches "${query}"`);
		return EXIT.problems;
	}
	const others = matches
		.slice(1)
		.map((m) => ({ id: m.actor.id, name: m.actor.name, matched: m.matched, score: Math.round(m.score * 1000) / 1000 }));
	const profile = actorProfile(store, best.actor.id, window);
	if (!profile) return EXIT.problems;
	if (flags.json) {
		ctx.out(
			JSON.stringify(
				{
					query,
					match: {
						id: best.actor.id,
						matched: best.matched,
						exact: best.exact,
						score: Math.round(best.score * 1000) / 1000,
					},
					others,
					profile: {
						actor: profile.actor,
						affiliations: profile.affiliations,
						firstSeen: profile.firstSeen ?? null,
						lastSeen: profile.lastSeen ?? null,
						window: profile.window,
						counts: profile.counts,
						incidents: profile.incidents.map((i) => ({ ...i.incident, roles: i.roles })),
						mentions: profile.mentions.map((m) => ({
							id: m.article.id,
							title: m.article.title,
							published: m.article.published,
							source: m.article.source,
							linked: m.linked,
							terms: m.terms,
						})),
					},
				},
				null,
				2,
			),
		);
		return EXIT.ok;
	}
	ctx.out(linesToText(actorLines(store, best.actor.id, 100, window)));
	if (others.length) {
		ctx.out('');
		ctx.out('Other close matches:');
		for (const o of others) ctx.out(`  ${o.name} (${o.id})${o.matched !== o.name ? ` — matched "${o.matched}"` : ''}`);
	}
	return EXIT.ok;
}
