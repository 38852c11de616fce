// An archive that reaches the size it can grow to (100 GB, 110 GB on hold, 1.5 TB auto-expanding)
// within N days at its pace of the readings kept, or has reached it.
import { archiveRow, AUTO_EXPANDING_PAGE, daysUntilFull } from '../../archives';
import { formatBytes, formatCount, formatPercent } from '../../format';
import { defineAlertKind, type Finding } from '../alert-kind';

export const archiveCapAlert = defineAlertKind({
  kind: 'archive-cap',
  words: ['archive', 'archives', 'archive-cap'],
  label: 'archives that reach their cap soon',
  cardLabel: 'ARCHIVE ALERT',
  byDefault: false,
  threshold: {
    setting: 'archiveCapDays',
    default: 30,
    usage: 'DAYS',
    refuse: (n) => (!Number.isInteger(n) || n < 1 || n > 365 ? 'The archive alert takes a whole number of days from 1 to 365.' : null),
    describe: (n) => `full within ${n} days`,
  },
  reads: { archives: true },
  judgeTenant(j) {
    const findings: Finding[] = [];
    for (const a of j.facts.archives ?? []) {
      const row = archiveRow(a);
      if (row.percent === null) continue;
      const days = daysUntilFull(row, j.now);
      if (row.percent < 100 && (days === null || days > j.threshold)) continue;
      const cap = a.autoExpanding ? 'the 1.5 TB an auto-expanding archive can reach' : `its ${formatBytes(row.capBytes)} archive quota`;
      const when =
        row.percent >= 100
          ? 'It is full: nothing more moves into it.'
          : `At ${formatBytes(row.growthPerDay)} a day it is full in about ${formatCount(days)} day${days === 1 ? '' : 's'}, on ${row.fullOn}.`;
      findings.push({
        key: j.key(a.id),
        kind: 'archive-cap',
        title: `The archive of ${row.displayName} is at ${formatPercent(row.percent)} of its cap`,
        why: `${formatBytes(row.sizeBytes)} of ${cap} (items and Recoverable Items count), read ${row.readAt?.slice(0, 10)}. ${when} Rule: alert when an archive is full within ${j.threshold} days; new auto-expanding space can take up to 30 days to appear.`,
        severity: row.percent >= 100 || (days !== null && days <= 7) ? 'attention' : 'warning',
        upn: a.upn,
      });
    }
    return findings;
  },
  details: { mailbox: true },
  rule: { title: 'Archive limits (Microsoft)', url: AUTO_EXPANDING_PAGE },
});
