// Alert rules in the dashboard, through the real App at a fixed time: the
// Watch line and the `a` list when the App is given a store with a matching
// record (at start, and when a new store arrives), the notification written
// for the terminal the environment names, and firing once across sessions.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseWhen } from '../../source/core/alerts/rule.js';
import { backendOf } from '../../source/core/backend/memory.js';
import type { NotifyVia } from '../../source/core/notify.js';
import type { Store } from '../../source/core/store.js';
import { openConfig } from '../../source/io/settings/config.js';
import { loadConf } from '../../source/io/settings/file.js';
import { alertsUi } from '../../source/ui/alerts.js';
import { App } from '../../source/ui/app/App.js';
import { openSession } from '../../source/ui/app/session.js';
import { noWatch, type WatchUi } from '../../source/ui/watch.js';
import { eventually, idle, KEY, press, render } from '../support/helpers.js';
import { article, incident, storeOf } from '../support/records.js';

const NOW = new Date('2025-06-10T09:00:00Z');
const now = () => NOW;
const OSC9 = '\u001b]9;';
const BEL = '\u0007';
const dir = '/tmp/sitrep-alerts-ui';
const first = storeOf([incident('inc-today', '2025-06-10', { description: 'A blast at a checkpoint' })], [], dir);
const second = storeOf(
	[incident('inc-today', '2025-06-10', { description: 'A blast at a checkpoint' })],
	[article('art-later', '2025-06-10T08:30:00Z', { title: 'Claim of \u001b]0;x\u0007responsibility' })],
	dir,
);
const quiet = storeOf([incident('inc-old', '2025-05-01')], [], dir);

const when = (text: string) => {
	const w = parseWhen(text);
	if ('error' in w) throw new Error(w.error);
	return w;
};
const iskpRule = { target: { kind: 'watch' as const, key: 'actor:iskp' }, when: when('>=1 in 24h') };
const watching: WatchUi = { ...noWatch, keys: ['actor:iskp'] };

function app(store: Store, opts: { notify?: NotifyVia; watch?: WatchUi; bar?: boolean; rows?: number } = {}) {
	return (
		<App
			escapeMs={0}
			store={store}
			problems={[]}
			cols={100}
			rows={opts.rows ?? 24}
			watch={opts.watch ?? watching}
			alerts={alertsUi([iskpRule], {}, opts.bar ?? true)}
			notify={opts.notify ?? { kind: 'osc9' }}
			now={now}
		/>
	);
}

const notifications = (frames: readonly string[]) => frames.filter((f) => f.startsWith(OSC9) || f === BEL);
/** The last frame drawn: a notification is written to the same stream, after or before it. */
const lastScreen = (frames: readonly string[]) => frames.filter((f) => !f.startsWith(OSC9) && f !== BEL).at(-1) ?? '';

describe('an alert in the dashboard', () => {
	it('a store with a matching record: the Watch line, one notification, and the a list', async () => {
		const r = render(app(first));
		await idle();
		await eventually(() => r.lastFrame()).toContain('Watch: ▲ alert: ISKP ≥1 in 24h (1) · ISKP');
		expect(notifications(r.frames)).toEqual([`${OSC9}sitrep alert: ISKP ≥1 in 24h (1)${BEL}`]);
		await press(r.stdin, 'a');
		const list = r.lastFrame() ?? '';
		expect(list).toContain('Alerts: 1 alert fired this session');
		expect(list).toMatch(/\d\d:\d\d {2}▲ ISKP ≥1 in 24h \(1\)/);
		expect(list).toContain('2025-06-10  AF  IED: A blast at a checkpoint');
		expect(list).toContain('Alert rules: 1');
		// Opening the list read the alert: the Watch line is back to the watchlist.
		await press(r.stdin, KEY.escape);
		expect(r.lastFrame()).toContain('Watch: ISKP');
		expect(r.lastFrame()).not.toContain('▲');
		r.unmount();
	});

	it('a new store fires again for the new record only; the same store again fires nothing', async () => {
		const r = render(app(first));
		await idle();
		await eventually(() => notifications(r.frames)).toHaveLength(1);
		r.rerender(app(second));
		await idle();
		await eventually(() => notifications(r.frames)).toHaveLength(2);
		await eventually(() => lastScreen(r.frames)).toContain('▲ alert: ISKP ≥1 in 24h (2) +1 more');
		r.rerender(app(second));
		await idle();
		expect(notifications(r.frames)).toHaveLength(2);
		await press(r.stdin, 'a');
		const list = r.lastFrame() ?? '';
		expect(list).toContain('Alerts: 2 alerts fired this session');
		expect(list).toContain('▲ ISKP ≥1 in 24h (2): 1 new');
		expect(list).toContain('Test Wire: Claim of responsibility');
		expect(list).not.toContain('\u001b]0;');
		r.unmount();
	});

	it('nothing matching: no line, no notification', async () => {
		const r = render(app(quiet));
		await idle();
		expect(r.lastFrame()).toContain('Watch: ISKP');
		expect(r.lastFrame()).not.toContain('▲');
		expect(notifications(r.frames)).toEqual([]);
		r.unmount();
	});

	it('BEL where the terminal shows no notifications; nothing with the setting off; the bar setting off hides the line', async () => {
		const bell = render(app(first, { notify: { kind: 'bell' } }));
		await idle();
		await eventually(() => notifications(bell.frames)).toEqual([BEL]);
		bell.unmount();
		const off = render(app(first, { notify: { kind: 'off' }, bar: false }));
		await idle();
		await press(off.stdin, 'a');
		expect(off.lastFrame()).toContain('Alerts: 1 alert fired this session');
		expect(notifications(off.frames)).toEqual([]);
		expect(off.frames.some((f) => f.includes('▲ alert:'))).toBe(false);
		off.unmount();
	});

	it('with nothing watched, a query rule that fires brings the Watch line, and the frame keeps its height', async () => {
		const rule = { target: { kind: 'query' as const, query: 'country:AF in:incidents' }, when: when('1+ in 1d') };
		const r = render(
			<App
				escapeMs={0}
				store={first}
				problems={[]}
				cols={80}
				rows={20}
				watch={noWatch}
				alerts={alertsUi([rule], {}, true)}
				now={now}
			/>,
		);
		await idle();
		await eventually(() => r.lastFrame()).toContain('Watch: ▲ alert: country:AF in:incidents ≥1 in 1d (1)');
		expect((r.lastFrame() ?? '').split('\n').length).toBeLessThanOrEqual(19);
		await press(r.stdin, 'a', KEY.escape);
		expect(r.lastFrame()).not.toContain('Watch:');
		expect((r.lastFrame() ?? '').split('\n').length).toBeLessThanOrEqual(19);
		r.unmount();
	});
});

describe('alerts across sessions, and the notification the environment asks for', () => {
	const saved = { ...process.env };
	const TERMINAL_VARS = ['TMUX', 'STY', 'TERM_PROGRAM', 'TERM', 'KITTY_WINDOW_ID', 'WT_SESSION'];
	let configDir = '';
	beforeAll(async () => {
		// conf loaded: each session's write is made within the call, as after the dashboard's first frame.
		await loadConf();
	});
	beforeEach(() => {
		configDir = mkdtempSync(join(tmpdir(), 'sitrep-alerts-ui-'));
		process.env.SITREP_CONFIG_DIR = configDir;
		for (const v of TERMINAL_VARS) delete process.env[v];
		writeFileSync(
			join(configDir, 'config.json'),
			JSON.stringify({ watchlist: ['actor:iskp'], alerts: [{ watch: 'actor:iskp', when: '>=1 in 24h' }] }),
		);
	});
	afterEach(() => {
		for (const v of [...TERMINAL_VARS, 'SITREP_CONFIG_DIR']) {
			if (saved[v] === undefined) delete process.env[v];
			else process.env[v] = saved[v];
		}
	});

	async function session(store: Store) {
		const s = openSession(await openConfig(), { isTTY: false, dir: store.dir });
		s.complete(backendOf(store));
		const r = render(
			<App
				escapeMs={0}
				store={store}
				problems={[]}
				cols={100}
				rows={24}
				watch={s.watchFor(backendOf(store))}
				alerts={s.alerts}
				notify={s.notify}
				briefing={s.briefing}
				now={now}
			/>,
		);
		await idle();
		return r;
	}

	it('OSC 9 when TERM_PROGRAM names iTerm2; recorded, so the next session on the same data is quiet', async () => {
		process.env.TERM_PROGRAM = 'iTerm.app';
		const one = await session(first);
		await eventually(() => notifications(one.frames)).toEqual([`${OSC9}sitrep alert: ISKP ≥1 in 24h (1)${BEL}`]);
		one.unmount();
		const stored = JSON.parse(readFileSync(join(configDir, 'alerts.json'), 'utf8'));
		expect(stored.dirs[dir].rules['actor:iskp >=1 in 24h']).toEqual({
			incidents: ['inc-today'],
			articles: [],
			at: NOW.toISOString(),
		});
		const two = await session(first);
		expect(notifications(two.frames)).toEqual([]);
		expect(two.lastFrame()).not.toContain('▲');
		two.unmount();
	});

	it('BEL for a terminal not known to show notifications, and inside tmux', async () => {
		process.env.TERM = 'xterm-256color';
		const one = await session(first);
		await eventually(() => notifications(one.frames)).toEqual([BEL]);
		one.unmount();
		process.env.TERM_PROGRAM = 'tmux';
		process.env.TMUX = '/tmp/tmux-1/default,1,0';
		const two = await session(second);
		await eventually(() => notifications(two.frames)).toEqual([BEL]);
		two.unmount();
	});

	it('nothing with alertNotify off, the alert still on the Watch line', async () => {
		process.env.TERM_PROGRAM = 'iTerm.app';
		const config = await openConfig();
		await config.set('alertNotify', 'off');
		const one = await session(first);
		await eventually(() => one.lastFrame()).toContain('▲ alert: ISKP');
		expect(notifications(one.frames)).toEqual([]);
		one.unmount();
	});
});
