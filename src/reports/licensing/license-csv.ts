// The `shared` and `licenses` reports as CSV tables (header + rows), for `export shared|licenses`.
import type { LicensePool } from './license-pools';
import type { LicenseWaste } from './license-waste';
import { REASON_TEXT, type SharedMailboxVerdict } from './shared-mailbox-verdict';

export interface CsvTable {
  header: string[];
  rows: (string | number)[][];
}

const VERDICT_WORDS: Record<SharedMailboxVerdict['kind'], string> = {
  'needs-licence': 'needs a licence now',
  soon: 'will need one soon',
  'licensed-without-need': 'licence not needed',
  ok: 'ok',
};

export function sharedMailboxesTable(verdicts: SharedMailboxVerdict[]): CsvTable {
  return {
    header: [
      'Display name',
      'User principal name',
      'Verdict',
      'Reasons',
      'Size (bytes)',
      'Archive size (bytes)',
      'Litigation hold',
      'Account can sign in',
      'Licences',
      'Fix',
      'Why',
    ],
    rows: verdicts.map((v) => [
      v.displayName,
      v.userPrincipalName,
      VERDICT_WORDS[v.kind],
      v.reasons.map((r) => REASON_TEXT[r]).join('; '),
      v.sizeBytes ?? '',
      v.archiveSizeBytes ?? '',
      v.litigationHold ? 'yes' : 'no',
      v.canSignIn === null ? 'unknown' : v.canSignIn ? 'yes' : 'no',
      v.licenses.map((l) => l.skuName).join('; '),
      v.fix?.text ?? '',
      v.why,
    ]),
  };
}

export function licensesTable(pools: LicensePool[], waste: LicenseWaste): CsvTable {
  const rows: (string | number)[][] = pools.map((p) => [
    'Subscription',
    p.name,
    p.partNumber,
    p.bought,
    p.assigned,
    p.free,
    `${p.status}${p.level !== 'ok' ? ` (${p.level})` : ''}`,
    '',
  ]);
  for (const w of waste.disabledAccounts)
    rows.push([
      'Waste: account disabled',
      w.displayName,
      w.userPrincipalName,
      '',
      '',
      '',
      'the account cannot sign in',
      w.licenses.join('; '),
    ]);
  for (const w of waste.inactiveMailboxes) {
    rows.push([
      `Waste: inactive over ${waste.inactiveDays} days`,
      w.displayName,
      w.userPrincipalName,
      '',
      '',
      '',
      w.signal,
      w.licenses.join('; '),
    ]);
  }
  for (const v of waste.sharedWithoutNeed) {
    rows.push([
      'Waste: shared mailbox without need',
      v.displayName,
      v.userPrincipalName,
      '',
      '',
      '',
      v.why,
      v.licenses.map((l) => l.skuName).join('; '),
    ]);
  }
  return {
    header: ['Row', 'Subscription or account', 'Part number or UPN', 'Bought', 'Assigned', 'Free', 'Status or reason', 'Licences'],
    rows,
  };
}
