// A mailbox nobody has used for longer than the conversation's limit: a clean-up list, so it is
// alerted only when asked for.
import { daysSince, formatCount } from '../../format';
import { INACTIVE_DAYS } from '../../mailbox-report';
import { defineAlertKind } from '../alert-kind';
import { mailboxKey } from '../history';

const DAY_MS = 86_400_000;

export const inactiveAlert = defineAlertKind({
  kind: 'inactive',
  words: ['inactive'],
  label: 'inactive mailboxes',
  cardLabel: 'INACTIVE MAILBOX',
  byDefault: false,
  threshold: {
    setting: 'inactiveDays',
    default: INACTIVE_DAYS,
    usage: 'DAYS',
    refuse: (n) => (!Number.isInteger(n) || n < 1 || n > 3650 ? 'Inactive days is a whole number of days (1–3,650).' : null),
    describe: (n) => `over ${n} days`,
  },
  reads: { mailboxes: 'all' },
  judgeMailbox(m, j) {
    if (m.statistics === null) return 'unknown';
    const last = m.statistics.lastInteractionTime;
    const days = daysSince(last, j.now);
    if (days !== null && days <= j.threshold) return null;
    return {
      key: j.key(mailboxKey(m)),
      kind: 'inactive',
      title: `${m.displayName || m.userPrincipalName} has been inactive for ${days === null ? 'ever' : `${formatCount(days)} days`}`,
      why: `No interaction ${last ? `since ${last.slice(0, 10)}` : 'ever recorded'} (alerts after ${j.threshold} days). An unused mailbox may hold a licence for nothing.`,
      since: last ? new Date(Date.parse(last) + j.threshold * DAY_MS).toISOString() : undefined,
      severity: 'warning',
      upn: m.userPrincipalName,
    };
  },
  details: { mailbox: true },
});
