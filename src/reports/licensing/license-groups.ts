// `licenses by department|country|company`: what each group's licences cost a month and how much of
// it is waste (seats on disabled or inactive accounts, licences on shared mailboxes that need none),
// grouped by the account's directory property as Tony Redmond's licence cost report does. Seats
// bought but assigned to nobody belong to no group: their cost is given apart.
import type { DirectoryUser } from '../../model/tenant';
import type { LicenseCost } from './license-cost';
import type { LicenseWaste } from './license-waste';
import { addMoney, type Money, type PriceBook } from './prices';
import type { LicensePool } from './license-pools';

export type GroupProperty = 'department' | 'country' | 'companyName';

export const GROUP_WORDS: Record<string, GroupProperty> = {
  department: 'department',
  departments: 'department',
  country: 'country',
  countries: 'country',
  company: 'companyName',
  companies: 'companyName',
};

export interface LicenseGroup {
  /** The property's value; '' for accounts without one. */
  name: string;
  /** Licensed accounts. */
  people: number;
  seats: number;
  monthly: Money;
  wastedSeats: number;
  wasteMonthly: Money;
  /** Seats whose SKU has no price. */
  unpricedSeats: number;
}

export interface LicenseGroups {
  by: GroupProperty;
  groups: LicenseGroup[];
  /** Seats bought and assigned to nobody, and what they cost: no group's. */
  unassigned: { seats: number; monthly: Money };
}

export function licenseGroups(
  by: GroupProperty,
  users: DirectoryUser[],
  pools: LicensePool[],
  waste: LicenseWaste,
  cost: LicenseCost,
  prices: PriceBook,
): LicenseGroups {
  const partNumbers = new Map(pools.map((p) => [p.skuId.toLowerCase(), p.partNumber]));
  const priceOf = (skuId: string) => prices.priceOf(partNumbers.get(skuId.toLowerCase()) ?? '');
  const wasted = new Set(
    [...waste.disabledAccounts, ...waste.inactiveMailboxes, ...waste.sharedWithoutNeed].map((w) => w.userPrincipalName.toLowerCase()),
  );
  const groups = new Map<string, LicenseGroup>();
  for (const user of users) {
    if (user.assignedLicenses.length === 0) continue;
    const name = (user[by] ?? '').trim();
    const group = groups.get(name.toLowerCase()) ?? {
      name,
      people: 0,
      seats: 0,
      monthly: {},
      wastedSeats: 0,
      wasteMonthly: {},
      unpricedSeats: 0,
    };
    groups.set(name.toLowerCase(), group);
    group.people++;
    const isWaste = wasted.has(user.userPrincipalName.toLowerCase());
    for (const license of user.assignedLicenses) {
      group.seats++;
      if (isWaste) group.wastedSeats++;
      const price = priceOf(license.skuId);
      if (!price) {
        group.unpricedSeats++;
        continue;
      }
      addMoney(group.monthly, price.currency, price.monthly);
      if (isWaste) addMoney(group.wasteMonthly, price.currency, price.monthly);
    }
  }
  const unassigned = cost.headings.find((h) => h.key === 'unassigned');
  const total = (m: Money) => Object.values(m).reduce((a, b) => a + b, 0);
  return {
    by,
    groups: [...groups.values()].sort((a, b) => total(b.monthly) - total(a.monthly) || b.seats - a.seats || a.name.localeCompare(b.name)),
    unassigned: { seats: unassigned?.seats ?? 0, monthly: unassigned?.monthly ?? {} },
  };
}
