// What an alert that fired asks of the world, once per firing: a notification
// on the terminal (core/notify.ts chose how, from the `alertNotify` setting and
// the terminal), and the caller told, to record what fired.
import { useEffect } from 'react';
import { type Alert, alertCount } from '../../core/alerts/evaluate.js';
import { whenLabel } from '../../core/alerts/rule.js';
import type { Backend } from '../../core/backend/types.js';
import { type NotifyVia, notification } from '../../core/notify.js';
import type { AlertsUi } from '../alerts.js';

/** "ISKP ≥1 in 24h (2), and 1 more": the notification's body (sanitized by notification()). */
export function notificationBody(alerts: readonly Alert[]): string {
	const [first] = alerts;
	if (!first) return '';
	const more = alerts.length > 1 ? `, and ${alerts.length - 1} more` : '';
	return `${first.label} ${whenLabel(first.rule.when)} (${alertCount(first)})${more}`;
}

export function useAlertEffects(
	alerts: AlertsUi,
	/** What the rules were checked against: a firing's records are looked up in it when recorded. */
	data: Backend,
	write: (s: string) => void,
	via: NotifyVia,
	onAlerts: ((alerts: readonly Alert[], data: Backend, now: Date) => Promise<string | undefined>) | undefined,
	say: (text: string) => void,
): void {
	const batch = alerts.batch;
	// biome-ignore lint/correctness/useExhaustiveDependencies: once per firing
	useEffect(() => {
		if (!batch) return;
		const seq = notification(via, 'sitrep alert', notificationBody(batch.alerts));
		if (seq) write(seq);
		void onAlerts?.(batch.alerts, data, new Date(batch.at)).then((err) => {
			if (err) say(`${err} (they may fire again next time)`);
		});
	}, [batch]);
}
