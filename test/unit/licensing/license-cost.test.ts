// The waste in money: which seats go to someone who needs one now and which wait for the renewal,
// per SKU, in the order free seats, seats taken back from idle accounts, seats taken from shared mailboxes.
import { licenseCost } from '../../../src/reports/licensing/license-cost';
import { licensePools } from '../../../src/reports/licensing/license-pools';
import type { LicenseWaste } from '../../../src/reports/licensing/license-waste';
import { priceBook } from '../../../src/reports/licensing/prices';
import { microsoft365E5, office365E3, SKU_ID } from './licensing-fixtures';

const wasted = (upn: string, skuId: string) => ({ userPrincipalName: upn, displayName: upn, licenses: ['x'], skuIds: [skuId] });

function waste(over: Partial<LicenseWaste> = {}): LicenseWaste {
  return {
    inactiveDays: 90,
    disabledAccounts: [],
    inactiveMailboxes: [],
    sharedWithoutNeed: [],
    sharedNeedingSeats: [],
    licenseCount: 0,
    activitySource: { kind: 'mailbox', why: 'test' },
    ...over,
  };
}

test('an over-assigned SKU takes back seats from idle accounts first; the rest wait for the renewal', () => {
  // E5: 20 bought, 22 assigned (2 over); 3 on disabled or idle accounts. E3: 10 free, nobody needs them.
  const pools = licensePools([microsoft365E5(20, 22), office365E3(50, 40)]);
  const cost = licenseCost(
    pools,
    waste({
      disabledAccounts: [wasted('a@x', SKU_ID.microsoft365E5)],
      inactiveMailboxes: [
        { ...wasted('b@x', SKU_ID.microsoft365E5), lastInteractionTime: null, idleDays: null, signal: 's', signalSource: 'mailbox' },
        { ...wasted('c@x', SKU_ID.microsoft365E5), lastInteractionTime: null, idleDays: null, signal: 's', signalSource: 'mailbox' },
      ],
    }),
    priceBook({}, '2026-12-06'),
  );
  const [unassigned, inactive, shared] = cost.headings;
  expect(unassigned).toMatchObject({ seats: 10, reassignNow: { seats: 0 }, cutAtRenewal: { seats: 10, monthly: { USD: 260 } } });
  expect(inactive).toMatchObject({
    people: 3,
    seats: 3,
    monthly: { USD: 180 },
    yearly: { USD: 2160 },
    reassignNow: { seats: 2, monthly: { USD: 120 } },
    cutAtRenewal: { seats: 1, monthly: { USD: 60 } },
  });
  expect(shared.seats).toBe(0);
  expect(cost.wasteMonthly).toEqual({ USD: 440 });
  expect(cost.skus.find((s) => s.partNumber === 'SPE_E5')).toMatchObject({ boughtMonthly: 1200, demand: 2, wastedSeats: 3 });
});

test('a SKU without a price is left out of the money and named', () => {
  const pools = licensePools([{ ...office365E3(5, 3), skuPartNumber: 'CONTOSO_SPECIAL' }]);
  const cost = licenseCost(pools, waste(), priceBook({}, '2026-12-06'));
  expect(cost.unpriced).toEqual(['CONTOSO_SPECIAL']);
  expect(cost.headings[0]).toMatchObject({ seats: 2, unpricedSeats: 2, monthly: {} });
});
