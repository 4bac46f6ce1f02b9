// Every key binding, as data. The reducer looks keys up here, and the ?
// help overlay and the hint line are generated from the same table.
import { editDistance } from '../core/words.js';

export type Scope =
	| 'global'
	| 'list'
	| 'timeline'
	| 'actors'
	| 'risk'
	| 'search'
	| 'query'
	| 'detail'
	| 'form'
	| 'jump'
	| 'overlay'
	| 'palette'
	| 'prompt'
	| 'confirm';

export type Command =
	| 'app.quit'
	| 'app.interrupt'
	| 'app.help'
	| 'app.problems'
	| 'app.alerts'
	| 'pane.next'
	| 'pane.prev'
	| 'pane.1'
	| 'pane.2'
	| 'pane.3'
	| 'pane.4'
	| 'window.shorter'
	| 'window.longer'
	| 'nav.down'
	| 'nav.up'
	| 'nav.pageDown'
	| 'nav.pageUp'
	| 'nav.top'
	| 'nav.bottom'
	| 'list.open'
	| 'timeline.filter'
	| 'timeline.clear'
	| 'timeline.sort'
	| 'actors.sort'
	| 'actors.reverse'
	| 'actors.kind'
	| 'actors.country'
	| 'actors.clear'
	| 'actors.jump'
	| 'risk.explain'
	| 'search.focus'
	| 'search.scope'
	| 'search.back'
	| 'query.leave'
	| 'query.open'
	| 'query.deleteChar'
	| 'query.deleteWord'
	| 'query.clear'
	| 'query.complete'
	| 'query.nextCompletion'
	| 'query.scope'
	| 'detail.nextMatch'
	| 'detail.prevMatch'
	| 'brief.write'
	| 'detail.follow'
	| 'detail.back'
	| 'form.apply'
	| 'form.applyByToll'
	| 'form.cancel'
	| 'form.complete'
	| 'form.prevField'
	| 'form.nextField'
	| 'form.nextCompletion'
	| 'form.prevCompletion'
	| 'form.clearField'
	| 'form.deleteChar'
	| 'jump.accept'
	| 'jump.cancel'
	| 'jump.next'
	| 'jump.prev'
	| 'jump.deleteChar'
	| 'overlay.close'
	| 'app.palette'
	| 'app.copy'
	| 'app.filterBy'
	| 'watch.toggle'
	| 'watch.seen'
	| 'view.save'
	| 'palette.run'
	| 'palette.close'
	| 'palette.next'
	| 'palette.prev'
	| 'palette.deleteChar'
	| 'palette.deleteWord'
	| 'palette.clear'
	| 'prompt.accept'
	| 'prompt.cancel'
	| 'prompt.deleteChar'
	| 'prompt.clear'
	| 'confirm.yes'
	| 'confirm.no';

export interface Binding {
	command: Command;
	keys: string[];
	scope: Scope;
	help: string;
	/** Short label for the hint line; absent = not shown there. */
	hint?: string;
}

export const SCOPE_TITLES: Record<Scope, string> = {
	global: 'Everywhere',
	list: 'Lists',
	timeline: 'Timeline',
	actors: 'Actors',
	risk: 'Risk',
	search: 'Search results',
	query: 'Search query line',
	detail: 'Detail views (incident, actor, country, article)',
	form: 'Filter bar',
	jump: 'Jump to an actor',
	overlay: 'Help, problem and alert lists',
	palette: 'Command palette (: or ^P)',
	prompt: 'Name prompt (saving a view)',
	confirm: 'Confirmation',
};

/** Scopes where letters are text: a printable key cannot be bound there. */
export const TEXT_SCOPES: readonly Scope[] = ['query', 'form', 'jump', 'palette', 'prompt'];

export const KEYMAP: readonly Binding[] = [
	{ command: 'app.help', keys: ['?'], scope: 'global', help: 'Show or hide this help', hint: 'help' },
	{
		command: 'app.palette',
		keys: [':', 'ctrl-p'],
		scope: 'global',
		help: 'Command palette: panes, saved views, countries, actors, places, articles, commands',
		hint: 'palette',
	},
	{ command: 'app.quit', keys: ['q'], scope: 'global', help: 'Quit', hint: 'quit' },
	{ command: 'app.interrupt', keys: ['ctrl-c'], scope: 'global', help: 'Quit at once (exit status 130)' },
	{ command: 'app.problems', keys: ['!'], scope: 'global', help: 'List data problems (the status-bar badge)' },
	{ command: 'pane.next', keys: ['tab'], scope: 'global', help: 'Next pane' },
	{ command: 'pane.prev', keys: ['shift-tab'], scope: 'global', help: 'Previous pane' },
	{ command: 'pane.1', keys: ['1'], scope: 'global', help: 'Timeline pane' },
	{ command: 'pane.2', keys: ['2'], scope: 'global', help: 'Actors pane' },
	{ command: 'pane.3', keys: ['3'], scope: 'global', help: 'Risk pane' },
	{ command: 'pane.4', keys: ['4'], scope: 'global', help: 'Search pane' },
	{
		command: 'search.focus',
		keys: ['/'],
		scope: 'global',
		help: 'Search articles and incidents (type in the query line)',
		hint: 'search',
	},
	{ command: 'window.shorter', keys: ['['], scope: 'global', help: 'Shorter activity window (365 → 90 → 30 days)' },
	{ command: 'window.longer', keys: [']'], scope: 'global', help: 'Longer activity window (30 → 90 → 365 days)' },
	{
		command: 'watch.toggle',
		keys: ['w'],
		scope: 'global',
		help: 'Watch or unwatch the selected actor, country or incident type',
		hint: 'watch',
	},
	{ command: 'watch.seen', keys: ['W'], scope: 'global', help: 'Mark everything new on the watchlist as seen' },
	{ command: 'view.save', keys: ['s'], scope: 'global', help: 'Save this pane, its filters and selection as a view' },
	{
		command: 'app.copy',
		keys: ['y'],
		scope: 'global',
		help: 'Copy the selection (incident line, article citation, or brief) to the clipboard',
		hint: 'copy',
	},
	{
		command: 'app.alerts',
		keys: ['a'],
		scope: 'global',
		help: 'List the alerts fired this session and the alert rules (the Watch line shows the latest)',
		hint: 'alerts',
	},

	{ command: 'nav.down', keys: ['j', 'down', 'ctrl-n'], scope: 'list', help: 'Move down', hint: 'move' },
	{ command: 'nav.up', keys: ['k', 'up'], scope: 'list', help: 'Move up' },
	{ command: 'nav.pageDown', keys: ['pagedown', 'ctrl-f', 'ctrl-d', 'space'], scope: 'list', help: 'Page down' },
	{ command: 'nav.pageUp', keys: ['pageup', 'ctrl-b', 'ctrl-u'], scope: 'list', help: 'Page up' },
	{ command: 'nav.top', keys: ['g', 'home'], scope: 'list', help: 'First row' },
	{ command: 'nav.bottom', keys: ['G', 'end'], scope: 'list', help: 'Last row' },
	{ command: 'list.open', keys: ['enter', 'l', 'right'], scope: 'list', help: 'Open the selected row', hint: 'open' },

	{
		command: 'timeline.filter',
		keys: ['f'],
		scope: 'timeline',
		help: 'Filter by country, actor, type, dates',
		hint: 'filter',
	},
	{ command: 'timeline.clear', keys: ['c'], scope: 'timeline', help: 'Clear the filter', hint: 'clear' },
	{
		command: 'app.filterBy',
		keys: ['F'],
		scope: 'timeline',
		help: "Filter by this incident's country, perpetrator and type (f edits each)",
	},
	{
		command: 'timeline.sort',
		keys: ['o'],
		scope: 'timeline',
		help: 'Sort by toll (deadliest first, no toll last), or by date again',
		hint: 'sort',
	},

	{
		command: 'actors.jump',
		keys: ['/'],
		scope: 'actors',
		help: 'Jump to an actor by name or alias (typos allowed)',
		hint: 'jump',
	},
	{ command: 'actors.sort', keys: ['o'], scope: 'actors', help: 'Sort by the next column', hint: 'sort' },
	{ command: 'actors.reverse', keys: ['O'], scope: 'actors', help: 'Reverse the sort' },
	{
		command: 'actors.kind',
		keys: ['t'],
		scope: 'actors',
		help: 'Filter by kind: group, person, state, organisation',
		hint: 'kind',
	},
	{
		command: 'actors.country',
		keys: ['p'],
		scope: 'actors',
		help: 'Filter by country (cycles through them)',
		hint: 'country',
	},
	{ command: 'actors.clear', keys: ['c'], scope: 'actors', help: 'Clear the kind and country filters' },
	{ command: 'app.filterBy', keys: ['F'], scope: 'actors', help: "The Timeline filtered to this actor's incidents" },
	{
		command: 'brief.write',
		keys: ['b'],
		scope: 'actors',
		help: 'Write a Markdown brief of the selected actor',
		hint: 'brief',
	},

	{ command: 'risk.explain', keys: ['e'], scope: 'risk', help: 'Explain the score (same as Enter)', hint: 'explain' },
	{ command: 'app.filterBy', keys: ['F'], scope: 'risk', help: "The Timeline filtered to this country's incidents" },
	{
		command: 'brief.write',
		keys: ['b'],
		scope: 'risk',
		help: 'Write a Markdown brief of the selected country',
		hint: 'brief',
	},

	{
		command: 'search.scope',
		keys: ['i'],
		scope: 'search',
		help: 'Search articles, incidents or both (sets in:)',
		hint: 'scope',
	},
	{
		command: 'app.filterBy',
		keys: ['F'],
		scope: 'search',
		help: 'The Timeline filtered by this incident (country, perpetrator, type)',
	},
	{
		command: 'search.back',
		keys: ['escape'],
		scope: 'search',
		help: 'Back to the pane you searched from',
	},

	{ command: 'query.open', keys: ['enter'], scope: 'query', help: 'Open the selected result', hint: 'open' },
	{
		command: 'query.leave',
		keys: ['escape'],
		scope: 'query',
		help: 'Leave the query line (j/k, q work again; / returns)',
		hint: 'results',
	},
	{ command: 'nav.down', keys: ['down', 'ctrl-n'], scope: 'query', help: 'Next result', hint: 'next' },
	{ command: 'nav.up', keys: ['up', 'ctrl-p'], scope: 'query', help: 'Previous result' },
	{ command: 'nav.pageDown', keys: ['pagedown'], scope: 'query', help: 'Page down the results' },
	{ command: 'nav.pageUp', keys: ['pageup'], scope: 'query', help: 'Page up the results' },
	{
		command: 'query.complete',
		keys: ['tab'],
		scope: 'query',
		help: 'Complete the filter value (country:pak → PK)',
		hint: 'complete',
	},
	{ command: 'query.nextCompletion', keys: ['shift-tab'], scope: 'query', help: 'Next completion' },
	{ command: 'query.deleteChar', keys: ['backspace'], scope: 'query', help: 'Delete a character' },
	{ command: 'query.deleteWord', keys: ['ctrl-w'], scope: 'query', help: 'Delete a word' },
	{ command: 'query.clear', keys: ['ctrl-u'], scope: 'query', help: 'Clear the query' },
	{
		command: 'query.scope',
		keys: ['ctrl-t'],
		scope: 'query',
		help: 'Search articles, incidents or both (sets in: in the query)',
	},

	{ command: 'detail.nextMatch', keys: ['n'], scope: 'detail', help: 'Next search match in the text', hint: 'match' },
	{ command: 'detail.prevMatch', keys: ['N'], scope: 'detail', help: 'Previous search match' },
	{
		command: 'detail.follow',
		keys: ['enter', 'l', 'right'],
		scope: 'detail',
		help: "Follow the selected link (on an actor's country or target row: list only those incidents)",
		hint: 'follow',
	},
	{
		command: 'detail.back',
		keys: ['escape', 'backspace', 'h', 'left'],
		scope: 'detail',
		help: "Back to where you came from (from an actor's incidents in one country: all of them)",
		hint: 'back',
	},
	{ command: 'brief.write', keys: ['b'], scope: 'detail', help: 'Write a Markdown brief of this actor or country' },
	{
		command: 'app.filterBy',
		keys: ['F'],
		scope: 'detail',
		help: 'The Timeline filtered by this incident, actor or country',
	},

	{ command: 'form.apply', keys: ['enter'], scope: 'form', help: 'Apply the filter', hint: 'apply' },
	{
		command: 'form.applyByToll',
		keys: ['ctrl-o'],
		scope: 'form',
		help: 'Apply the filter, sorted by toll (deadliest first)',
		hint: 'deadliest',
	},
	{
		command: 'form.cancel',
		keys: ['escape'],
		scope: 'form',
		help: 'Cancel (keep the previous filter)',
		hint: 'cancel',
	},
	{
		command: 'form.complete',
		keys: ['tab'],
		scope: 'form',
		help: 'Accept the completion, or go to the next field',
		hint: 'complete',
	},
	{ command: 'form.prevField', keys: ['shift-tab', 'up'], scope: 'form', help: 'Previous field' },
	{ command: 'form.nextField', keys: ['down'], scope: 'form', help: 'Next field' },
	{ command: 'form.nextCompletion', keys: ['ctrl-n'], scope: 'form', help: 'Next completion' },
	{ command: 'form.prevCompletion', keys: ['ctrl-p'], scope: 'form', help: 'Previous completion' },
	{ command: 'form.clearField', keys: ['ctrl-u'], scope: 'form', help: 'Clear the field' },
	{ command: 'form.deleteChar', keys: ['backspace'], scope: 'form', help: 'Delete a character' },

	{ command: 'jump.accept', keys: ['enter'], scope: 'jump', help: 'Stay on the match', hint: 'stay' },
	{ command: 'jump.cancel', keys: ['escape'], scope: 'jump', help: 'Go back to where the cursor was', hint: 'cancel' },
	{ command: 'jump.next', keys: ['down', 'ctrl-n', 'tab'], scope: 'jump', help: 'Next match', hint: 'next' },
	{ command: 'jump.prev', keys: ['up', 'ctrl-p', 'shift-tab'], scope: 'jump', help: 'Previous match' },
	{ command: 'jump.deleteChar', keys: ['backspace'], scope: 'jump', help: 'Delete a character' },

	{ command: 'overlay.close', keys: ['escape', 'q', '?', 'enter'], scope: 'overlay', help: 'Close', hint: 'close' },

	{ command: 'palette.run', keys: ['enter'], scope: 'palette', help: 'Run the highlighted entry', hint: 'run' },
	{ command: 'palette.close', keys: ['escape'], scope: 'palette', help: 'Close the palette', hint: 'close' },
	{
		command: 'palette.next',
		keys: ['down', 'ctrl-n', 'tab'],
		scope: 'palette',
		help: 'Next entry',
		hint: 'next',
	},
	{ command: 'palette.prev', keys: ['up', 'ctrl-p', 'shift-tab'], scope: 'palette', help: 'Previous entry' },
	{ command: 'palette.deleteChar', keys: ['backspace'], scope: 'palette', help: 'Delete a character' },
	{ command: 'palette.deleteWord', keys: ['ctrl-w'], scope: 'palette', help: 'Delete a word' },
	{ command: 'palette.clear', keys: ['ctrl-u'], scope: 'palette', help: 'Clear the line' },

	{ command: 'prompt.accept', keys: ['enter'], scope: 'prompt', help: 'Save under this name', hint: 'save' },
	{ command: 'prompt.cancel', keys: ['escape'], scope: 'prompt', help: 'Cancel', hint: 'cancel' },
	{ command: 'prompt.deleteChar', keys: ['backspace'], scope: 'prompt', help: 'Delete a character' },
	{ command: 'prompt.clear', keys: ['ctrl-u'], scope: 'prompt', help: 'Clear the name' },

	{ command: 'confirm.yes', keys: ['y'], scope: 'confirm', help: 'Yes, do it', hint: 'yes' },
	{ command: 'confirm.no', keys: ['n', 'escape'], scope: 'confirm', help: 'No, keep things as they are', hint: 'no' },
];

/** Key names the keymap understands (besides single printable characters). */
const NAMED_KEYS = new Set([
	'up',
	'down',
	'left',
	'right',
	'pageup',
	'pagedown',
	'home',
	'end',
	'enter',
	'escape',
	'tab',
	'shift-tab',
	'backspace',
	'space',
	...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => `ctrl-${c}`),
]);

export function isKeyName(k: string): boolean {
	return NAMED_KEYS.has(k) || ([...k].length === 1 && !/[\u0000-\u0020\u007f-\u009f]/.test(k));
}

const printable = (k: string) => [...k].length === 1;

/** Scopes that take keys together (see activeScopes): a key may mean one thing in each group. */
const TOGETHER: readonly (readonly Scope[])[] = [
	['timeline', 'list', 'global'],
	['actors', 'list', 'global'],
	['risk', 'list', 'global'],
	['search', 'list', 'global'],
	['detail', 'list', 'global'],
	['overlay', 'list'],
	['form'],
	['jump'],
	['query'],
	['palette'],
	['prompt'],
	['confirm'],
];

export class Keymap {
	readonly bindings: readonly Binding[];
	private readonly index = new Map<string, Binding>();

	constructor(bindings: readonly Binding[]) {
		this.bindings = bindings;
		for (const b of bindings) {
			for (const k of b.keys) {
				const id = `${b.scope}:${k}`;
				if (this.index.has(id)) throw new Error(`key ${k} bound twice in scope ${b.scope}`);
				this.index.set(id, b);
			}
		}
	}

	/** The binding for a key, trying scopes in priority order. */
	lookup(scopes: readonly Scope[], key: string): Binding | undefined {
		for (const s of scopes) {
			const b = this.index.get(`${s}:${key}`);
			if (b) return b;
		}
		return undefined;
	}

	/** Bindings with a hint in the given scopes (first scope first); a key shadowed by a higher scope is left out. */
	hints(scopes: readonly Scope[]): Binding[] {
		const seen = new Set<Command>();
		const keys = new Set<string>();
		const out: Binding[] = [];
		for (const s of scopes) {
			for (const b of this.bindings) {
				if (b.scope !== s) continue;
				const shadowed = keys.has(b.keys[0] ?? '');
				for (const k of b.keys) keys.add(k);
				if (b.hint && !seen.has(b.command) && !shadowed && b.keys.length) {
					seen.add(b.command);
					out.push(b);
				}
			}
		}
		return out;
	}
}

export const DEFAULT_KEYMAP = new Keymap(KEYMAP);

const COMMANDS = new Set(KEYMAP.map((b) => b.command));

function closest(word: string, options: Iterable<string>): string | undefined {
	let best: string | undefined;
	let bestD = Math.max(3, Math.floor(word.length / 3));
	for (const o of options) {
		const d = editDistance(word, o);
		if (d < bestD || (d === bestD && !best)) {
			best = o;
			bestD = d;
		}
	}
	return best;
}

/**
 * The keymap with the user's overrides ("action": keys, or "scope:action":
 * keys, replacing that action's keys). Any error (unknown action, scope or key,
 * a letter in a text field, two actions on one key) leaves every default in
 * force and is reported, so a typo never leaves sitrep without a way out.
 */
export function buildKeymap(overrides: Record<string, readonly string[]> | undefined): {
	keymap: Keymap;
	errors: string[];
} {
	if (!overrides || Object.keys(overrides).length === 0) return { keymap: DEFAULT_KEYMAP, errors: [] };
	const errors: string[] = [];
	const scopes = Object.keys(SCOPE_TITLES) as Scope[];
	const bindings = KEYMAP.map((b) => ({ ...b, keys: [...b.keys] }));
	const changed = new Set<Binding>();
	for (const [name, keys] of Object.entries(overrides)) {
		const colon = name.indexOf(':');
		const scope = colon >= 0 ? name.slice(0, colon) : undefined;
		const command = colon >= 0 ? name.slice(colon + 1) : name;
		if (scope !== undefined && !(scopes as string[]).includes(scope)) {
			errors.push(`keys."${name}": unknown scope "${scope}"; scopes: ${scopes.join(', ')}`);
			continue;
		}
		if (!COMMANDS.has(command as Command)) {
			const hint = closest(command, COMMANDS);
			errors.push(`keys."${name}": unknown action "${command}"${hint ? ` (did you mean ${hint}?)` : ''}`);
			continue;
		}
		const targets = bindings.filter((b) => b.command === command && (scope === undefined || b.scope === scope));
		if (!targets.length) {
			errors.push(`keys."${name}": ${command} is not bound in scope ${scope}`);
			continue;
		}
		const bad = keys.filter((k) => !isKeyName(k));
		if (bad.length) {
			errors.push(
				`keys."${name}": unknown key ${bad.map((k) => `"${k}"`).join(', ')}; use a character or ${[...NAMED_KEYS].slice(0, 14).join(', ')}, ctrl-a…ctrl-z`,
			);
			continue;
		}
		for (const t of targets) {
			const typed = TEXT_SCOPES.includes(t.scope) ? keys.filter(printable) : [];
			if (typed.length) {
				errors.push(
					`keys."${name}": "${typed[0]}" is typed as text in ${SCOPE_TITLES[t.scope]}; use a named key there, or bind it in one scope ("list:${command}")`,
				);
				continue;
			}
			t.keys = [...keys];
			changed.add(t);
		}
	}
	// Clashes: a changed binding sharing a key with another action among the scopes that take keys together.
	for (const group of TOGETHER) {
		const owner = new Map<string, Binding>();
		for (const b of bindings) {
			if (!group.includes(b.scope)) continue;
			for (const k of b.keys) {
				const other = owner.get(k);
				if (other && other.command !== b.command && (changed.has(b) || changed.has(other))) {
					errors.push(
						`keys: "${k}" would run both ${other.command} and ${b.command} (${SCOPE_TITLES[other.scope]} / ${SCOPE_TITLES[b.scope]})`,
					);
				} else if (!other) owner.set(k, b);
			}
		}
	}
	const none = bindings.filter((b) => b.keys.length === 0 && ['app.quit', 'app.help'].includes(b.command));
	for (const b of none) errors.push(`keys.${b.command}: needs at least one key`);
	if (errors.length) return { keymap: DEFAULT_KEYMAP, errors: [...new Set(errors)] };
	return { keymap: new Keymap(bindings), errors };
}

/** The default bindings (tests and the CLI's help). */
export function lookup(scopes: readonly Scope[], key: string): Binding | undefined {
	return DEFAULT_KEYMAP.lookup(scopes, key);
}
