// A paid subscription that renews within N days (30 by default) while some of its seats are unused:
// the last moment to lower the seat count. One finding per subscription and renewal date, so it is
// sent once for that renewal and again only for the next one.
import { formatCount } from '../../format';
import { licensePools } from '../../licensing/license-pools';
import { upcomingRenewals } from '../../licensing/renewals';
import { defineAlertKind, type Finding } from '../alert-kind';

export const renewalAlert = defineAlertKind({
  kind: 'renewal',
  words: ['renewals', 'renewal'],
  label: 'renewals of subscriptions with unused seats',
  cardLabel: 'RENEWAL ALERT',
  byDefault: false,
  threshold: {
    setting: 'renewalDaysBefore',
    default: 30,
    usage: 'DAYS',
    refuse: (n) => (!Number.isInteger(n) || n < 1 || n > 365 ? 'The renewal warning is a whole number of days before it (1–365).' : null),
    describe: (n) => `${n} days before`,
  },
  reads: { skus: true, subscriptions: true },
  judgeTenant(j) {
    const findings: Finding[] = [];
    const pools = licensePools(j.facts.skus);
    for (const r of upcomingRenewals(j.facts.subscriptions ?? [], pools, j.now, j.threshold)) {
      // A trial's date is its end, not a bill; unused seats on it cost nothing.
      if (r.isTrial || r.unusedSeats <= 0) continue;
      const day = r.date.slice(0, 10);
      findings.push({
        key: j.key(`${r.subscriptionId}@${day}`),
        kind: 'renewal',
        title: `${r.name} renews in ${r.days} day${r.days === 1 ? '' : 's'} with ${formatCount(r.unusedSeats)} unused seat${r.unusedSeats === 1 ? '' : 's'}`,
        why: `${formatCount(r.unusedSeats)} of its ${formatCount(r.seats)} seats are assigned to nobody. Lower the seat count before ${day} (Microsoft 365 admin center › Billing › Your products), or the renewal bills them for another term.`,
        severity: r.days <= 7 ? 'attention' : 'warning',
        once: true,
      });
    }
    return findings;
  },
  details: { command: 'licenses' },
});
