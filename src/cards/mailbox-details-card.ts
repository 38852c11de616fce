// `mailbox <upn or name>`: one mailbox in full.
import { formatBytes, formatCount, formatPercent, relativeTime, UNKNOWN } from '../reports/format';
import type { MailboxDetails } from '../reports/mailbox-details';
import type { MailboxKind } from '../reports/mailbox-report';
import { localDate, localDateTime } from './date-text';
import { isolated, plainText } from './plain-text';
import { AdaptiveCard, renderCard } from './render';
import { textBar } from './text-bar';
import template from './templates/mailbox-details.json';

const KIND_WORDS: Record<MailboxKind, string> = {
  user: 'User mailbox',
  shared: 'Shared mailbox',
  room: 'Room mailbox',
  equipment: 'Equipment mailbox',
  other: 'Mailbox',
};

function quotaText(bytes: number | null): string {
  return bytes === null ? 'Unlimited' : formatBytes(bytes);
}

function whenText(iso: string | null, now: Date): string {
  if (!iso || Number.isNaN(Date.parse(iso))) return relativeTime(iso, now);
  return `${relativeTime(iso, now)} (${localDate(iso)})`;
}

export function mailboxDetailsCard(details: MailboxDetails, options: { actions?: object[] } = {}): AdaptiveCard {
  const now = new Date(details.asOf);
  const s = details.statistics;
  const q = details.quotas;
  const kind = KIND_WORDS[details.kind] ?? 'Mailbox';
  const stats = s
    ? [
        { label: 'Items', value: formatCount(s.items) },
        { label: 'Size', value: formatBytes(s.sizeBytes) },
        { label: 'Deleted items', value: `${formatCount(s.deletedItems)} · ${formatBytes(s.deletedBytes)}` },
        { label: 'Last active', value: whenText(s.lastInteraction, now) },
        { label: 'Last logon', value: whenText(s.lastLogon, now) },
      ]
    : [{ label: 'Statistics', value: UNKNOWN }];
  stats.push({ label: 'Created', value: whenText(details.createdAt, now) });
  const used = q.percentUsed === null ? UNKNOWN : `${formatPercent(q.percentUsed)} ${textBar(q.percentUsed)}`;
  const archive =
    details.archive.status === 'Active'
      ? [
          { label: 'Status', value: details.archive.autoExpanding ? 'Active, auto-expanding' : 'Active' },
          { label: 'Items', value: formatCount(details.archive.items) },
          { label: 'Size', value: formatBytes(details.archive.sizeBytes) },
        ]
      : [{ label: 'Status', value: 'No archive' }];
  const addresses = [{ label: 'Primary', value: isolated(plainText(details.address, 256)) }];
  if (details.alias) addresses.push({ label: 'Alias', value: isolated(plainText(details.alias, 256)) });
  const licences = (details.licences ?? []).map((l) => ({
    name: plainText(l.name, 100),
    plan: l.exchangePlan ? ` · ${plainText(l.exchangePlan, 100)}` : '',
  }));

  return renderCard(template, {
    name: plainText(details.displayName) || '(no name)',
    sub: `${isolated(plainText(details.upn, 256))} · ${kind}`,
    asOf: `As of ${localDateTime(details.asOf)}`,
    hasWarnings: details.warnings.length > 0,
    warnings: details.warnings.map((text) => ({ text })),
    hasStatisticsError: details.statisticsError !== undefined,
    statisticsError: plainText(details.statisticsError ?? '', 300),
    sections: [
      { heading: 'Mailbox', facts: stats },
      {
        heading: 'Quotas',
        facts: [
          { label: 'Warning at', value: quotaText(q.issueWarningBytes) },
          { label: 'Stops sending at', value: quotaText(q.prohibitSendBytes) },
          { label: 'Stops receiving at', value: quotaText(q.prohibitSendReceiveBytes) },
          { label: 'Used', value: used },
        ],
      },
      { heading: 'Archive', facts: archive },
      { heading: 'Holds', facts: [{ label: 'Litigation hold', value: details.litigationHold ? 'On' : 'Off' }] },
    ],
    addresses,
    hasLicenceSection: details.licences !== undefined,
    hasLicences: licences.length > 0,
    licences,
    actions: options.actions ?? [],
  });
}
