// A mailbox on hold whose Recoverable Items folder is above N% of its quota: there deleted mail is
// kept, and once the quota is reached deleting starts to fail. Only mailboxes on hold or retention
// are judged: elsewhere the folder empties itself after 14 days. The size is the statistics' own
// TotalDeletedItemSize (the Recoverable Items folder), the quota Get-Mailbox's RecoverableItemsQuota:
// no extra cmdlet. Exchange Online limits: 30 GB, 100 GB on hold. A usage-report row's holds come from
// the archive refresh's listings: the archive mailboxes and the mailboxes on Litigation Hold (withKnownHolds).
import { formatBytes, formatPercent } from '../../format';
import { percentOf } from '../../mailbox-report';
import { defineAlertKind } from '../alert-kind';
import { mailboxKey } from '../history';
import { holdsOf, RECOVERABLE_ITEMS_ON_HOLD_BYTES, RECOVERABLE_ITEMS_PAGE, withKnownHolds } from '../../recoverable-items';

export const recoverableItemsAlert = defineAlertKind({
  kind: 'recoverable-items',
  words: ['recoverable', 'recoverable-items', 'ri'],
  label: 'Recoverable Items folders near their quota',
  cardLabel: 'RECOVERABLE ITEMS ALERT',
  byDefault: false,
  threshold: {
    setting: 'recoverablePercent',
    default: 80,
    usage: 'PERCENT',
    refuse: (n) => (n < 1 || n > 100 ? 'The Recoverable Items threshold is a percentage from 1 to 100.' : null),
    describe: (n) => `from ${n}%`,
  },
  // The archive refresh's listings know the holds of mailboxes the usage report path cannot.
  reads: { mailboxes: 'all', archives: true, heldMailboxes: true },
  judgeMailbox(read, j) {
    const m = withKnownHolds(read, j.facts.archives, j.facts.heldMailboxes);
    const holds = holdsOf(m);
    if (holds.length === 0) return null;
    if (m.statistics === null) return 'unknown';
    const used = m.statistics.totalDeletedItemSizeBytes;
    const quota = m.recoverableItemsQuotaBytes ?? RECOVERABLE_ITEMS_ON_HOLD_BYTES;
    const percent = percentOf(used, quota);
    if (percent === null || percent < j.threshold) return null;
    return {
      key: j.key(mailboxKey(m)),
      kind: 'recoverable-items',
      title: `Recoverable Items of ${m.displayName || m.userPrincipalName} at ${formatPercent(percent)} of quota`,
      why: `${formatBytes(used)} of its ${formatBytes(quota)} Recoverable Items quota, held by ${holds.join(', ')}. Rule: alert from ${j.threshold}%; at 100% deleting mail fails. Microsoft's fix: auto-expanding archiving and a retention tag that moves Recoverable Items to the archive.`,
      severity: percent >= 95 ? 'attention' : 'warning',
      upn: m.userPrincipalName,
    };
  },
  details: { mailbox: true },
  rule: { title: 'Recoverable Items quota (Microsoft)', url: RECOVERABLE_ITEMS_PAGE },
});
