// sitrep actor NAME: the best match by name or alias, its profile, and other close matches.

import {
	type ActorIncident,
	type ActorLink,
	type ActorMatch,
	type AffiliationNode,
	type Affiliations,
	actorProfile,
	matchActors,
	type RoleSpan,
	suggestActors,
} from '../core/actorProfile.js';
import type { Backend } from '../core/backend/types.js';
import { tollJson } from '../core/fatalities.js';
import { G } from '../core/glyphs.js';
import { original } from '../core/originals.js';
import type { Actor, Affiliation } from '../core/schema.js';
import { targetKind } from '../core/targetKinds.js';
import { incidentJson, terminalJson } from '../present/json.js';
import { linesToText } from '../present/plain.js';
import { actorLines } from '../present/views/actor.js';
import { type Ctx, EXIT } from './context.js';
import { type WindowFlags, windowFromFlags } from './window.js';

export function runActor(
	store: Backend,
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
	if (!best) return noMatch(store, query, flags.json, ctx);
	const others = matches.slice(1).map(summary);
	const profile = actorProfile(store, best.actor.id, window);
	if (!profile) return EXIT.problems;
	if (flags.json) {
		// Record text as the data wrote it (core/originals.ts); terminalJson escapes what a terminal would act on.
		ctx.out(
			terminalJson({
				query,
				match: {
					id: best.actor.id,
					matched: originalTerm(best.actor, best.matched),
					exact: best.exact,
					score: Math.round(best.score * 1000) / 1000,
				},
				others: matches.slice(1).map((m, i) => ({
					...others[i],
					name: original(m.actor).name,
					matched: originalTerm(m.actor, m.matched),
				})),
				profile: {
					actor: original(profile.actor),
					affiliations: originalAffiliations(store, profile.actor.id, profile.affiliations),
					firstSeen: profile.firstSeen ?? null,
					lastSeen: profile.lastSeen ?? null,
					lastIncident: profile.lastIncident ?? null,
					lastMentioned: profile.lastMentioned ?? null,
					activity: profile.activity.map((a) => ({
						country: a.country,
						incidents: a.incidents,
						perpetrator: a.perpetrator,
						claimant: a.claimant,
						target: a.target,
						latest: incidentBrief(a.latest),
					})),
					targets: profile.targets.map((t) => ({
						kind: t.kind,
						label: targetKind(t.kind)?.label ?? t.kind,
						incidents: t.incidents,
						latest: incidentBrief(t.latest),
					})),
					window: profile.window,
					counts: profile.counts,
					windowIncidents: profile.windowIncidents.map(incidentBrief),
					incidents: profile.incidents.map((i) => ({ ...incidentJson(i.incident), roles: i.roles })),
					mentions: profile.mentions.map((m) => {
						const a = original(m.article);
						return {
							id: a.id,
							title: a.title,
							published: a.published,
							source: a.source,
							linked: m.linked,
							terms: m.terms,
						};
					}),
				},
			}),
		);
		return EXIT.ok;
	}
	ctx.out(linesToText(actorLines(store, best.actor.id, 100, window)));
	if (others.length) {
		ctx.out('');
		ctx.out('Other close matches:');
		for (const o of others)
			ctx.out(`  ${o.name} (${o.id})${o.matched !== o.name ? ` ${G.dash} matched "${o.matched}"` : ''}`);
	}
	return EXIT.ok;
}

/** An incident as the activity summary names it: when, where, what, the toll, and the actor's roles in it. */
function incidentBrief({ incident, roles }: ActorIncident) {
	const raw = original(incident);
	const { fatalities, fatalitiesLow, fatalitiesHigh } = tollJson(raw.fatalities);
	return {
		id: raw.id,
		date: raw.date,
		country: raw.country,
		place: raw.location ?? raw.admin1 ?? null,
		type: raw.type,
		fatalities,
		...(fatalitiesLow === undefined ? {} : { fatalitiesLow }),
		...(fatalitiesHigh === undefined ? {} : { fatalitiesHigh }),
		roles,
	};
}

function summary(m: ActorMatch) {
	return { id: m.actor.id, name: m.actor.name, matched: m.matched, score: Math.round(m.score * 1000) / 1000 };
}

/** Still an answer: a script reading --json gets the same shape with nothing in it, and what came close. */
function noMatch(store: Backend, query: string, json: boolean, ctx: Ctx): number {
	const near = suggestActors(store, query);
	if (json) {
		ctx.out(
			terminalJson({
				query,
				match: null,
				others: [],
				profile: null,
				suggestions: near.map((m) => ({
					...summary(m),
					name: original(m.actor).name,
					matched: originalTerm(m.actor, m.matched),
				})),
			}),
		);
	}
	const hint = near.length ? ` (did you mean: ${near.map((m) => m.actor.name).join('; ')}?)` : '';
	ctx.err(`sitrep actor: no actor matches "${query}"${hint}`);
	return EXIT.problems;
}

/** The name, short name or alias a match was made on, as the data wrote it. */
function originalTerm(actor: Actor, term: string): string {
	const raw = original(actor);
	if (raw === actor) return term;
	if (term === actor.name) return raw.name;
	if (term === actor.short) return raw.short ?? term;
	const i = actor.aliases.indexOf(term);
	return i >= 0 ? (raw.aliases[i] ?? term) : term;
}

function roleSpans(store: Backend, owner: string, relation: Affiliation['relation'], target: string): RoleSpan[] {
	const rec = store.actorById.get(owner);
	if (!rec) return [];
	return original(rec)
		.affiliations.filter((af) => af.relation === relation && af.actor === target)
		.map((af) => ({
			...(af.role ? { role: af.role } : {}),
			...(af.since ? { since: af.since } : {}),
			...(af.until ? { until: af.until } : {}),
		}))
		.filter((span) => Object.keys(span).length > 0);
}

/**
 * The affiliation tree with names, roles and statuses as the data wrote them:
 * the same tree, its text taken again from the original records it came from.
 */
function originalAffiliations(store: Backend, id: string, aff: Affiliations): Affiliations {
	const name = <L extends ActorLink>(l: L): L => {
		const rec = store.actorById.get(l.id);
		return rec ? { ...l, name: original(rec).name } : l;
	};
	// Upward, each node's roles are in the records of the actor below it; downward, in its own.
	const up = (nodes: AffiliationNode[], below: string): AffiliationNode[] =>
		nodes.map((n) => ({ ...name(n), roles: roleSpans(store, below, n.relation, n.id), links: up(n.links, n.id) }));
	const down = (nodes: AffiliationNode[], above: string): AffiliationNode[] =>
		nodes.map((n) => ({ ...name(n), roles: roleSpans(store, n.id, 'parent', above), links: down(n.links, n.id) }));
	return {
		parents: up(aff.parents, id),
		children: down(aff.children, id),
		members: aff.members.map((m) => {
			const rec = store.actorById.get(m.id);
			const status = rec ? original(rec).status : m.status;
			return {
				...name(m),
				roles: roleSpans(store, m.id, 'member', id),
				...(status ? { status } : {}),
			};
		}),
		allies: aff.allies.map(name),
		rivals: aff.rivals.map(name),
	};
}
