// Alerts as cards: one finding (what, why, since when, and its buttons), the overflow of a busy
// cycle in one list, and the "resolved" notice. Tenant text goes only into TextRuns (plainText).
import { localDateTime } from './date-text';
import { plainText } from './plain-text';
import { renderCard, type AdaptiveCard } from './render';
import { alertAckButton, alertSnoozeButton } from '../buttons/alert';
import { assignConfirmButton } from '../buttons/license-assign';
import { mailboxDetailsButton } from '../buttons/mailbox-details';
import { runCommandButton } from '../buttons/run-command';
import type { LedgerEntry } from '../reports/alerts/ledger-plan';
import { alertKindSpec } from '../reports/alerts/kinds';
import template from './templates/alert.json';
import listTemplate from './templates/alert-list.json';

export interface AlertCardInput {
  key: string;
  entry: LedgerEntry;
  reminder?: boolean;
  /** Offer Assign licence (remediation is on). */
  remediation: boolean;
}

export function alertButtons(input: AlertCardInput): object[] {
  const { key, entry } = input;
  const actions: object[] = [];
  if (!entry.acknowledged && !entry.resolvedAt) {
    actions.push(alertAckButton.button('Acknowledge', { alert: key }));
    actions.push(alertSnoozeButton.button('Snooze 1 day', { alert: key, days: 1 }));
    actions.push(alertSnoozeButton.button('Snooze 7 days', { alert: key, days: 7 }));
  }
  const details = alertKindSpec(entry.kind)?.details;
  if (entry.upn) actions.push(mailboxDetailsButton.button('Details', { upn: entry.upn }));
  else if (details && 'command' in details) actions.push(runCommandButton.button('Details', { text: details.command }));
  const rule = alertKindSpec(entry.kind)?.rule;
  if (rule) actions.push({ type: 'Action.OpenUrl', title: rule.title, url: rule.url });
  if (input.remediation && entry.assign && !entry.resolvedAt) {
    actions.push(assignConfirmButton.button('Assign licence', entry.assign));
  }
  return actions;
}

function statusLine(entry: LedgerEntry): string {
  if (entry.resolvedAt) return `Resolved ${localDateTime(entry.resolvedAt)}.`;
  if (entry.acknowledged)
    return `Acknowledged by ${plainText(entry.acknowledged.by, 80)} at ${localDateTime(entry.acknowledged.at)}: no more reminders.`;
  if (entry.snoozedUntil) return `Snoozed until ${localDateTime(entry.snoozedUntil)}.`;
  return '';
}

export function alertCard(input: AlertCardInput): AdaptiveCard {
  const { entry } = input;
  const status = statusLine(entry);
  return renderCard(template, {
    style: entry.resolvedAt ? 'good' : entry.severity === 'attention' ? 'attention' : 'warning',
    color: entry.severity === 'attention' ? 'Attention' : 'Warning',
    label: `${alertKindSpec(entry.kind)?.cardLabel ?? 'ALERT'}${input.reminder ? ' · REMINDER' : ''}`,
    title: plainText(entry.title, 160),
    why: plainText(entry.why, 600),
    sinceLabel: entry.since ? 'Since' : 'First seen',
    since: localDateTime(entry.since ?? entry.firstSeen),
    hasStatus: status !== '',
    status,
    actions: alertButtons(input),
  });
}

export function alertText(entry: LedgerEntry, reminder = false): string {
  return `${reminder ? 'Reminder: ' : ''}${entry.title}`.slice(0, 200);
}

const LIST_MAX = 25;

/** Alerts past what one cycle sends one by one, listed together with one Acknowledge for all. */
export function moreAlertsCard(alerts: { key: string; entry: LedgerEntry }[]): AdaptiveCard {
  const shown = alerts.slice(0, LIST_MAX);
  return renderCard(listTemplate, {
    style: 'warning',
    title: `${alerts.length} more alerts`,
    hasIntro: true,
    intro: 'Listed together so this conversation is not flooded. Each is reminded daily until acknowledged.',
    items: shown.map(({ entry }) => ({ line: plainText(entry.title, 160), detail: plainText(entry.why, 300) })),
    hasMore: alerts.length > shown.length,
    more: `and ${alerts.length - shown.length} more: see \`mailboxes sort quota\`, \`shared\` and \`licenses\`.`,
    actions: [alertAckButton.button('Acknowledge all listed', { alerts: shown.map((a) => a.key) })],
  });
}

export function resolvedCard(resolved: { key: string; entry: LedgerEntry }[]): AdaptiveCard {
  const shown = resolved.slice(0, LIST_MAX);
  return renderCard(listTemplate, {
    style: 'good',
    title: resolved.length === 1 ? 'Resolved' : `${resolved.length} alerts resolved`,
    hasIntro: false,
    intro: '',
    items: shown.map(({ entry }) => ({
      line: plainText(entry.title, 160),
      detail: `No longer the case. First seen ${localDateTime(entry.firstSeen)}, cleared ${localDateTime(entry.resolvedAt ?? entry.firstSeen)}.`,
    })),
    hasMore: resolved.length > shown.length,
    more: `and ${resolved.length - shown.length} more.`,
    actions: [],
  });
}
