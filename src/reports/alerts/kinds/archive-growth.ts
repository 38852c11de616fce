// An archive growing faster than Microsoft supports auto-expanding archives to grow: 1 GB a day.
import { archiveRow, AUTO_EXPANDING_PAGE } from '../../archives';
import { formatBytes } from '../../format';
import { defineAlertKind, type Finding } from '../alert-kind';

export const archiveGrowthAlert = defineAlertKind({
  kind: 'archive-growth',
  words: ['growth', 'archive-growth'],
  label: 'archives growing faster than 1 GB a day',
  cardLabel: 'ARCHIVE GROWTH ALERT',
  byDefault: false,
  reads: { archives: true },
  judgeTenant(j) {
    const findings: Finding[] = [];
    for (const a of j.facts.archives ?? []) {
      const row = archiveRow(a);
      if (!row.tooFast) continue;
      const first = a.readings[0].at.slice(0, 10);
      findings.push({
        key: j.key(a.id),
        kind: 'archive-growth',
        title: `The archive of ${row.displayName} grows ${formatBytes(row.growthPerDay)} a day`,
        why: `From ${first} to ${row.readAt?.slice(0, 10)} it grew ${formatBytes(row.growthPerDay)} a day on average. Rule: Microsoft supports auto-expanding archiving only for mailboxes growing at most 1 GB a day, used by one person; journaling, transport or forwarding rules into an archive are not permitted.`,
        severity: 'warning',
        upn: a.upn,
      });
    }
    return findings;
  },
  details: { mailbox: true },
  rule: { title: 'Auto-expanding archiving (Microsoft)', url: AUTO_EXPANDING_PAGE },
});
