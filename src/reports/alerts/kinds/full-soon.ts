// A mailbox that, at its pace of the last 30 days of stored history, reaches its prohibit
// send/receive quota within N days. Raised once; raised again only when the projected date moves
// notably closer (ledger-plan.ts), never as a daily reminder: the % alert is the one that nags.
import { formatBytes, formatCount } from '../../format';
import { defineAlertKind } from '../alert-kind';
import { dateOfIndex, dayIndex } from '../../growth';
import { perDayText, shortDate } from '../../mailbox-trend';
import { mailboxKey } from '../history';

/** Less than this a day is no growth (as on the `mailbox` card). */
const FLAT_BYTES_PER_DAY = 64 * 1024;

export const fullSoonAlert = defineAlertKind({
  kind: 'full',
  words: ['full'],
  label: 'mailboxes that will be full soon (from their history)',
  cardLabel: 'FULL SOON ALERT',
  // Chosen by name (`alerts on full`, or with the others): existing subscriptions keep what they chose.
  byDefault: false,
  threshold: {
    setting: 'fullWithinDays',
    default: 30,
    usage: 'DAYS',
    refuse: (n) => (!Number.isInteger(n) || n < 1 || n > 365 ? 'The full-soon horizon is a whole number of days from 1 to 365.' : null),
    describe: (n) => `within ${n} days`,
  },
  reads: { mailboxes: 'all', growth: true },
  judgeMailbox(m, j) {
    const quota = m.prohibitSendReceiveQuotaBytes;
    const g = j.facts.growth?.byUpn.get(m.userPrincipalName.toLowerCase());
    const date = j.facts.growth?.date;
    if (quota === null || !g || !date || g.perDay30 === null || g.perDay30 < FLAT_BYTES_PER_DAY) return null;
    if (g.bytes >= quota) return null;
    const days = Math.ceil((quota - g.bytes) / g.perDay30);
    const full = dateOfIndex(dayIndex(date) + days);
    const left = dayIndex(full) - dayIndex(j.now.toISOString().slice(0, 10));
    if (left > j.threshold) return null;
    const when = left <= 0 ? 'about now' : `in about ${formatCount(left)} day${left === 1 ? '' : 's'}, around ${shortDate(full)}`;
    return {
      key: j.key(mailboxKey(m)),
      kind: 'full',
      title: `${m.displayName || m.userPrincipalName} will be full ${when}`,
      why: `It grows ${perDayText(g.perDay30)} (last 30 days of history) and held ${formatBytes(g.bytes)} of its ${formatBytes(quota)} prohibit send/receive quota on ${shortDate(date)} (alerts within ${j.threshold} days).`,
      severity: left <= 7 ? 'attention' : 'warning',
      upn: m.userPrincipalName,
      projectedFull: full,
    };
  },
  details: { mailbox: true },
});
