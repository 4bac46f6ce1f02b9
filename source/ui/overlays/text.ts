// The full-screen text overlays (? help, ! problems, a alerts): their lines and scrolling.
import type { Line } from '../../present/lines.js';
import { type AlertsUi, noAlerts } from '../alerts.js';
import type { Env } from '../env.js';
import type { Command } from '../keymap.js';
import { alertLines } from './alerts/lines.js';
import { helpLines } from './help/lines.js';
import { problemLines } from './problems/lines.js';

export interface TextOverlay {
	kind: 'help' | 'problems' | 'alerts';
	scroll: number;
}

export function overlayLines(
	overlay: TextOverlay,
	env: Env,
	cols: number,
	paneCount: number,
	app: { alerts: AlertsUi; watch: { keys: readonly string[] } } = { alerts: noAlerts, watch: { keys: [] } },
): Line[] {
	if (overlay.kind === 'problems') return problemLines(env, cols);
	if (overlay.kind === 'alerts') return alertLines(env, app.alerts, app.watch.keys, cols);
	return helpLines(cols, env.keymap, paneCount);
}

export function scrollOverlay(overlay: TextOverlay, cmd: Command, lineCount: number, height: number): TextOverlay {
	const max = Math.max(0, lineCount - height);
	const step: Partial<Record<Command, number>> = {
		'nav.down': 1,
		'nav.up': -1,
		'nav.pageDown': height - 1,
		'nav.pageUp': 1 - height,
		'nav.top': -max,
		'nav.bottom': max,
	};
	const scroll = Math.max(0, Math.min(max, overlay.scroll + (step[cmd] ?? 0)));
	return { ...overlay, scroll };
}
