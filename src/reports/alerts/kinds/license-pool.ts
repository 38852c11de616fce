// A subscription with fewer free licences than the conversation asked for, or none.
import { formatCount } from '../../format';
import { licensePools } from '../../licensing/license-pools';
import { defineAlertKind, type Finding } from '../alert-kind';

export const licensePoolAlert = defineAlertKind({
  kind: 'licence-pool',
  words: ['pools', 'pool'],
  label: 'licence pools running out',
  cardLabel: 'LICENCE POOL ALERT',
  byDefault: true,
  threshold: {
    setting: 'poolFreeBelow',
    default: 5,
    usage: 'N',
    refuse: (n) =>
      !Number.isInteger(n) || n < 1 || n > 10_000 ? 'The pool threshold is a whole number of free licences (1–10,000).' : null,
    describe: (n) => `fewer than ${n} free`,
  },
  reads: { skus: true },
  judgeTenant(j) {
    const findings: Finding[] = [];
    for (const pool of licensePools(j.facts.skus)) {
      // A pool nobody bought (an ended trial) or a deleted subscription is not news.
      if (pool.bought <= 0 || /^deleted$/i.test(pool.status)) continue;
      if (pool.free >= j.threshold && pool.free > 0) continue;
      const exhausted = pool.free <= 0;
      findings.push({
        key: j.key(pool.skuId),
        kind: 'licence-pool',
        title: exhausted
          ? `No ${pool.name} licences left`
          : `Only ${formatCount(pool.free)} ${pool.name} licence${pool.free === 1 ? '' : 's'} left`,
        why: `${formatCount(pool.bought)} bought, ${formatCount(pool.assigned)} assigned${pool.free < 0 ? ` (${formatCount(-pool.free)} more than bought)` : ''}; alerts below ${j.threshold} free.${exhausted ? ' New users cannot get this licence until more are bought or some are freed.' : ''}`,
        severity: exhausted ? 'attention' : 'warning',
      });
    }
    return findings;
  },
  details: { command: 'licenses' },
});
