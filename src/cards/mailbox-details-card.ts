// `mailbox <upn or name>`: one mailbox in full, with the exact figures the report table rounds.
import { formatBytes, formatBytesExact, formatCount, formatPercent, relativeTime, UNKNOWN } from '../reports/format';
import type { MailboxDetails } from '../reports/mailbox-details';
import type { MailboxKind } from '../reports/mailbox-report';
import { NEAR_QUOTA_PERCENT } from '../reports/mailbox-report';
import { asOfText, localDate, localDateTime } from './date-text';
import { isolated, plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import { mailboxTrendData } from './mailbox-trend-card';
import type { MailboxTrend } from '../reports/mailbox-trend';
import template from './templates/mailbox-details.json';

/**
 * Licences listed on the card; an account may hold dozens, and the card (with its size trend) is not
 * fitted row by row, so the rest are counted and `licenses <upn>` lists them.
 */
const LICENSE_ROWS = 20;

const KIND_WORDS: Record<MailboxKind, string> = {
  user: 'User mailbox',
  shared: 'Shared mailbox',
  room: 'Room mailbox',
  equipment: 'Equipment mailbox',
  group: 'Microsoft 365 group mailbox',
  other: 'Mailbox',
};
const HOUR_MS = 60 * 60 * 1000;

function quotaText(bytes: number | null): string {
  return bytes === null ? 'Unlimited' : formatBytes(bytes);
}

/**
 * "3 days ago ({{DATE}})". Within a day it counts hours and gives the local time too: "today"
 * next to a date the reader's clock already calls yesterday would contradict itself.
 */
function whenText(iso: string | null, now: Date): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return relativeTime(iso, now);
  const ms = now.getTime() - Date.parse(iso);
  if (ms >= 0 && ms < 24 * HOUR_MS) {
    const hours = Math.floor(ms / HOUR_MS);
    const ago = hours < 1 ? 'within the hour' : hours === 1 ? '1 hour ago' : `${hours} hours ago`;
    return `${ago} (${localDateTime(iso)})`;
  }
  return `${relativeTime(iso, now)} (${localDate(iso)})`;
}

/** "99.5 GB (106,837,757,952 bytes)": the rounded size an admin reads, and the one to compare. */
function sizeText(bytes: number): string {
  return bytes < 1024 ? formatBytesExact(bytes) : `${formatBytes(bytes)} (${formatBytesExact(bytes)})`;
}

/** The summary line under the header: "Quota used: 99% of 100 GB", or "Quota: Unlimited". */
function usedLine(percent: number | null, quotaBytes: number | null): { usedLabel: string; used: string } {
  if (quotaBytes === null) return { usedLabel: 'Quota: ', used: 'Unlimited' };
  return { usedLabel: 'Quota used: ', used: percent === null ? UNKNOWN : `${formatPercent(percent)} of ${formatBytes(quotaBytes)}` };
}

export interface MailboxDetailsCardOptions {
  actions?: object[];
  viewedAt?: Date;
  /** The size trend from the mailbox's history, when the bot keeps one; `note` says what limited it. */
  trend?: { trend: MailboxTrend; note?: string };
}

export function mailboxDetailsCard(details: MailboxDetails, options: MailboxDetailsCardOptions = {}): AdaptiveCard {
  const now = new Date(details.asOf);
  const s = details.statistics;
  const q = details.quotas;
  const kind = KIND_WORDS[details.kind] ?? 'Mailbox';
  const stats = s
    ? [
        { label: 'Items', value: formatCount(s.items) },
        { label: 'Size', value: sizeText(s.sizeBytes) },
        { label: 'Deleted items', value: `${formatCount(s.deletedItems)} · ${formatBytes(s.deletedBytes)}` },
        { label: 'Last active', value: whenText(s.lastInteraction, now) },
        { label: 'Last logon', value: whenText(s.lastLogon, now) },
      ]
    : [{ label: 'Statistics', value: UNKNOWN }];
  stats.push({ label: 'Created', value: whenText(details.createdAt, now) });
  const archive =
    details.archive.status === 'Active'
      ? [
          `Active${details.archive.autoExpanding ? ', auto-expanding' : ''}`,
          `${formatCount(details.archive.items)} items`,
          formatBytes(details.archive.sizeBytes),
        ].join(' · ')
      : 'None';
  const addresses = [{ label: 'Primary', value: isolated(plainText(details.address, 256)) }];
  if (details.alias) addresses.push({ label: 'Alias', value: isolated(plainText(details.alias, 256)) });
  const all = details.licenses ?? [];
  const licenses = all.slice(0, LICENSE_ROWS).map((l) => ({
    name: plainText(l.name, 100),
    plan: l.exchangePlan ? ` · ${plainText(l.exchangePlan, 100)}` : '',
  }));
  if (all.length > LICENSE_ROWS)
    licenses.push({ name: `${formatCount(all.length - LICENSE_ROWS)} more: licenses ${plainText(details.upn, 256)}`, plan: '' });
  const percent = q.percentUsed;

  return renderCard(template, {
    name: plainText(details.displayName) || '(no name)',
    sub: `${isolated(plainText(details.upn, 256))} · ${kind}`,
    asOf: asOfText(details.asOf, options.viewedAt),
    hasWarnings: details.warnings.length > 0,
    warnings: details.warnings.map((text) => ({ text })),
    hasStatisticsError: details.statisticsError !== undefined,
    statisticsError: plainText(details.statisticsError ?? '', 300),
    ...usedLine(percent, q.prohibitSendReceiveBytes),
    usedColor: percent !== null && percent >= NEAR_QUOTA_PERCENT ? 'Attention' : 'Default',
    // Every section's labels share one column width, so the values line up down the whole card.
    sections: [
      { heading: 'Mailbox', facts: stats },
      {
        heading: 'Quotas',
        facts: [
          { label: 'Warning at', value: quotaText(q.issueWarningBytes) },
          { label: 'Stops sending at', value: quotaText(q.prohibitSendBytes) },
          { label: 'Stops receiving at', value: quotaText(q.prohibitSendReceiveBytes) },
        ],
      },
      {
        heading: 'Archive and holds',
        facts: [
          { label: 'Archive', value: archive },
          { label: 'Litigation hold', value: details.litigationHold ? 'On' : 'Off' },
          { label: 'Holds', value: details.holds.length ? plainText(details.holds.join(', '), 300) : 'None' },
          {
            label: 'Recoverable Items',
            value: details.recoverableItems
              ? `${formatBytes(details.recoverableItems.sizeBytes)} of ${formatBytes(details.recoverableItems.quotaBytes)} · ${formatPercent(details.recoverableItems.percent)}`
              : UNKNOWN,
          },
        ],
      },
      { heading: 'Addresses', facts: addresses },
    ],
    hasLicenseSection: details.licenses !== undefined,
    hasLicenses: licenses.length > 0,
    licenses,
    trend: mailboxTrendData(options.trend?.trend, options.trend?.note),
    actions: options.actions ?? [],
  });
}
