// A mailbox at or above a share of its prohibit send/receive quota, with a forecast of when it is
// full from its size history.
import { formatBytes, formatCount, formatPercent } from '../../format';
import { NEAR_QUOTA_PERCENT, percentOf } from '../../mailbox-report';
import { defineAlertKind } from '../alert-kind';
import { aboveSince, daysToFull, mailboxKey } from '../history';

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
    const forecast = percent >= 100 ? ' It can no longer send or receive mail.' : days === null ? '' : ` At its pace of the last days it is full in about ${formatCount(days)} day${days === 1 ? '' : 's'}.`;
    return {
      key: j.key(id),
      kind: 'quota',
      title: `${m.displayName || m.userPrincipalName} is at ${formatPercent(percent)} of its mailbox quota`,
      why: `${formatBytes(size)} of its ${formatBytes(quota)} prohibit send/receive quota (alerts from ${j.threshold}%).${forecast}`,
      since: aboveSince(points, quota, j.threshold),
      severity: percent >= 98 ? 'attention' : 'warning',
      upn: m.userPrincipalName,
    };
  },
  details: { mailbox: true },
});
