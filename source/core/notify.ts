// A desktop notification through the terminal, when an alert fires in the
// dashboard. Pure: the environment is passed in. There is no way to ask a
// terminal whether it shows notifications, so the sequence is chosen from
// what the environment says it is, and BEL where nothing says:
//
// - OSC 9 (ESC ] 9 ; text): iTerm2 (its own), WezTerm (takes 9 and 777), kitty
//   (its own is OSC 99; it shows OSC 9 too, kovidgoyal/kitty#7518).
// - OSC 777 (ESC ] 777 ; notify ; title ; body): Ghostty (takes 9 and 777), foot,
//   rxvt-unicode (with its notify extension).
// - BEL elsewhere: Windows Terminal reads OSC 9 as ConEmu's commands (9;4
//   progress, 9;9 the folder) and has no OSC 777 yet; upstream VTE has neither;
//   Terminal.app and Alacritty have no notifications. A bell is shown or heard
//   as each terminal is set up to.
// - Inside tmux or screen, BEL: TERM_PROGRAM names the multiplexer, not the
//   terminal outside it, and tmux drops a passed-through sequence unless
//   `allow-passthrough` is on (off by default); tmux flags a bell in its status
//   line and passes it on. Asked for OSC 9 or 777 by name, sitrep wraps it in
//   the multiplexer's DCS passthrough (tmux needs allow-passthrough on).
import { sanitizeLine } from './sanitize.js';
import { truncate } from './width.js';

export const ALERT_NOTIFY = ['auto', 'osc9', 'osc777', 'bell', 'off'] as const;
export type AlertNotify = (typeof ALERT_NOTIFY)[number];

export interface NotifyVia {
	kind: 'osc9' | 'osc777' | 'bell' | 'off';
	/** Passed through a multiplexer to the terminal outside it. */
	wrap?: 'tmux' | 'screen';
}

function multiplexer(env: NodeJS.ProcessEnv): NotifyVia['wrap'] {
	const term = env.TERM ?? '';
	if (env.TMUX || env.TERM_PROGRAM === 'tmux' || term.startsWith('tmux')) return 'tmux';
	if (env.STY || term.startsWith('screen')) return 'screen';
	return undefined;
}

function detected(env: NodeJS.ProcessEnv): NotifyVia['kind'] {
	const term = env.TERM ?? '';
	switch (env.TERM_PROGRAM) {
		case 'iTerm.app':
		case 'WezTerm':
			return 'osc9';
		case 'ghostty':
			return 'osc777';
	}
	if (term === 'xterm-kitty' || env.KITTY_WINDOW_ID) return 'osc9';
	if (term === 'xterm-ghostty' || term === 'foot' || term.startsWith('foot-') || term.startsWith('rxvt-unicode'))
		return 'osc777';
	return 'bell';
}

/** How to tell of an alert, for the `alertNotify` setting. */
export function notifyVia(env: NodeJS.ProcessEnv, setting: AlertNotify = 'auto'): NotifyVia {
	if (setting === 'off' || setting === 'bell') return { kind: setting };
	const wrap = multiplexer(env);
	if (setting === 'auto') return wrap ? { kind: 'bell' } : { kind: detected(env) };
	return wrap ? { kind: setting, wrap } : { kind: setting };
}

const ESC = '\u001b';
const BEL = '\u0007';
const ST = `${ESC}\\`;
/** Terminals cut or drop long notifications; a title and a rule's line fit well within. */
const TEXT_MAX = 200;

// One line of printable text, and no ";": OSC 777 splits its fields on it.
const clean = (s: string) => truncate(sanitizeLine(s).replace(/;/g, ','), TEXT_MAX);

/** The bytes to write: '' for off. The title and body are sanitized, so data cannot end the sequence early. */
export function notification(via: NotifyVia, title: string, body: string): string {
	if (via.kind === 'off') return '';
	if (via.kind === 'bell') return BEL;
	const seq =
		via.kind === 'osc9'
			? `${ESC}]9;${clean(`${title}: ${body}`)}${BEL}`
			: `${ESC}]777;notify;${clean(title)};${clean(body)}${BEL}`;
	if (via.wrap === 'tmux') return `${ESC}Ptmux;${seq.replaceAll(ESC, ESC + ESC)}${ST}`;
	if (via.wrap === 'screen') return `${ESC}P${seq}${ST}`;
	return seq;
}
