// The `shared` and `licenses` reports as CSV tables (header + rows), for `export shared|licenses`.
import type { LicensePool } from './license-pools';
import type { LicenseWaste } from './license-waste';
import type { LicenseGroups } from './license-groups';
import type { LicenseCost } from './license-cost';
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

/**
 * The licence report: subscriptions, then every wasted seat with its category (the card's three
 * headings), its price per user per month, the currency and what it costs a month.
 */
export function licensesTable(pools: LicensePool[], waste: LicenseWaste, cost: LicenseCost): CsvTable {
  const priceBySku = new Map(cost.skus.map((s) => [s.skuId.toLowerCase(), s.price]));
  /** Price, currency and monthly cost of a set of licences: one figure when they share a currency. */
  const money = (skuIds: string[]): [string | number, string, string | number] => {
    const prices = skuIds.map((id) => priceBySku.get(id.toLowerCase()) ?? null);
    const known = prices.filter((p): p is NonNullable<typeof p> => p !== null);
    if (known.length === 0) return ['', '', ''];
    const currencies = [...new Set(known.map((p) => p.currency))];
    const each = prices.map((p) => (p ? String(p.monthly) : 'no price')).join('; ');
    if (currencies.length > 1) return [each, currencies.join('; '), ''];
    return [
      known.length === 1 && prices.length === 1 ? known[0].monthly : each,
      currencies[0],
      round(known.reduce((a, p) => a + p.monthly, 0)),
    ];
  };
  const rows: (string | number)[][] = pools.map((p) => {
    const price = priceBySku.get(p.skuId.toLowerCase()) ?? null;
    return [
      'Subscription',
      p.name,
      p.partNumber,
      p.bought,
      p.assigned,
      p.free,
      `${p.status}${p.level !== 'ok' ? ` (${p.level})` : ''}`,
      '',
      price?.monthly ?? '',
      price?.currency ?? '',
      price ? round(price.monthly * p.bought) : '',
      '',
    ];
  });
  for (const p of pools) {
    if (p.free <= 0 || p.status.toLowerCase() === 'suspended') continue;
    const [price, currency] = money([p.skuId]);
    rows.push([
      'Waste: unassigned seats',
      p.name,
      p.partNumber,
      '',
      '',
      p.free,
      'bought, assigned to nobody',
      p.name,
      price,
      currency,
      typeof price === 'number' ? round(price * p.free) : '',
      WASTE_CATEGORY.unassigned,
    ]);
  }
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
      ...money(w.skuIds),
      WASTE_CATEGORY.inactive,
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
      ...money(w.skuIds),
      WASTE_CATEGORY.inactive,
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
      ...money(v.licenses.map((l) => l.skuId)),
      WASTE_CATEGORY.shared,
    ]);
  }
  return {
    header: [
      'Row',
      'Subscription or account',
      'Part number or UPN',
      'Bought',
      'Assigned',
      'Free',
      'Status or reason',
      'Licences',
      'Price per user per month',
      'Currency',
      'Monthly cost',
      'Waste category',
    ],
    rows,
  };
}

/** The card's waste headings, as the CSV names them. */
const WASTE_CATEGORY = {
  unassigned: 'unassigned seats',
  inactive: 'disabled or inactive account',
  shared: 'shared mailbox that needs no licence',
} as const;

/** `licenses by …` as CSV: one row per group, money per currency in its own columns. */
export function licenseGroupsTable(groups: LicenseGroups): CsvTable {
  const currencies = [...new Set(groups.groups.flatMap((g) => [...Object.keys(g.monthly), ...Object.keys(g.wasteMonthly)]))].sort();
  const by = groups.by === 'companyName' ? 'Company' : groups.by === 'country' ? 'Country' : 'Department';
  return {
    header: [
      by,
      'Licensed accounts',
      'Seats',
      'Wasted seats',
      'Seats without a price',
      ...currencies.flatMap((c) => [`Monthly cost (${c})`, `Monthly waste (${c})`]),
    ],
    rows: groups.groups.map((g) => [
      g.name,
      g.people,
      g.seats,
      g.wastedSeats,
      g.unpricedSeats,
      ...currencies.flatMap((c) => [round(g.monthly[c] ?? 0), round(g.wasteMonthly[c] ?? 0)]),
    ]),
  };
}

const round = (n: number) => Math.round(n * 100) / 100;
