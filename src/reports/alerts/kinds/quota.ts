// A mailbox at or above a share of its prohibit send/receive quota, with a forecast of when it is
// full from its size history.
import { formatBytes, formatCount, formatPercent } from '../../format';
import { NEAR_QUOTA_PERCENT, percentOf } from '../../mailbox-report';
import { defineAlertKind, type TenantFacts } from '../alert-kind';
import { usageDateText } from '../../figure-source';
import type { MailboxWithStatistics } from '../../../model/tenant';
import { aboveSince, daysToFull, mailboxKey } from '../history';

/**
 * On a large tenant the cycle found its candidates in Microsoft 365's usage report, which is daily:
 * a mailbox that filled up since its day shows in tomorrow's check. The alert says so, and whether
 * its own size is live (read because it was near the line) or the report's.
 */
function usageNote(m: MailboxWithStatistics, facts: TenantFacts): string {
  if (facts.usageDate === undefined) return '';
  const day = usageDateText(facts.usageDate);
  return m.statisticsSource === 'usage'
    ? ` Size from Microsoft 365's usage data of ${day}, which is updated daily.`
    : ` Found in Microsoft 365's daily usage data of ${day}; this size is live.`;
}

export const quotaAlert = defineAlertKind({
  kind: 'quota',
  words: ['quota'],
  label: 'mailboxes near their quota',
  cardLabel: 'QUOTA ALERT',
  byDefault: true,
  threshold: {
    setting: 'quotaPercent',
    default: NEAR_QUOTA_PERCENT,
    usage: 'PERCENT',
    refuse: (n) => (n < 1 || n > 100 ? 'The quota threshold is a percentage from 1 to 100.' : null),
    describe: (n) => `from ${n}%`,
  },
  reads: { mailboxes: 'all' },
  judgeMailbox(m, j) {
    if (m.statistics === null) return 'unknown';
    const size = m.statistics.totalItemSizeBytes;
    const quota = m.prohibitSendReceiveQuotaBytes;
    const percent = percentOf(size, quota);
    if (percent === null || percent < j.threshold) return null;
    const id = mailboxKey(m);
    const points = j.history[id];
    const days = daysToFull(points, quota);
    const forecast =
      percent >= 100
        ? ' It can no longer send or receive mail.'
        : days === null
          ? ''
          : ` At its pace of the last days it is full in about ${formatCount(days)} day${days === 1 ? '' : 's'}.`;
    return {
      key: j.key(id),
      kind: 'quota',
      title: `${m.displayName || m.userPrincipalName} is at ${formatPercent(percent)} of its mailbox quota`,
      why: `${formatBytes(size)} of its ${formatBytes(quota)} prohibit send/receive quota (alerts from ${j.threshold}%).${forecast}${usageNote(m, j.facts)}`,
      since: aboveSince(points, quota, j.threshold),
      severity: percent >= 98 ? 'attention' : 'warning',
      upn: m.userPrincipalName,
    };
  },
  details: { mailbox: true },
});
