// The buttons of an alert card: Acknowledge {alert} (or {alerts} on a list; not `key`, which the
// Agents Playground drops from a button's data) and Snooze {alert, days: 1 | 7}. A key must be of
// a registered alert kind; whether it is one of this conversation's alerts the action checks.
import { FINDING_KEY } from '../reports/alerts/findings';
import { declareButton } from './button';

const MAX_KEYS = 50;

/** The finding keys a click names, or null when they are not what an alert button sends. */
export function readKeys(data: Record<string, unknown>): string[] | null {
  const raw = data.alerts !== undefined ? data.alerts : data.alert !== undefined ? [data.alert] : null;
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > MAX_KEYS) return null;
  if (!raw.every((k) => typeof k === 'string' && FINDING_KEY.test(k))) return null;
  return [...new Set(raw as string[])];
}

export const alertAckButton = declareButton<{ alert: string } | { alerts: string[] }, string[]>('alert.ack', readKeys);

export const alertSnoozeButton = declareButton<{ alert: string; days: 1 | 7 }, { key: string; days: 1 | 7 }>('alert.snooze', (data) => {
  const keys = readKeys({ alert: data.alert });
  const days = data.days;
  return keys && (days === 1 || days === 7) ? { key: keys[0], days } : null;
});
