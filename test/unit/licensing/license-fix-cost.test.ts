// Which licence the fix proposes when the cheap pair is not available: a standalone Exchange SKU,
// never a whole suite for a shared mailbox.
import { chooseLicenseFix } from '../../../src/reports/licensing/license-fix';
import { exchangePlansOf } from '../../../src/reports/licensing/exchange-plans';
import { archivingAddOn, businessPremium, exchangePlan1, exchangePlan2, SKU_ID } from './licensing-fixtures';

const user = { assignedLicenses: [], usageLocation: 'US' };

test('archive need with the Archiving add-on pool exhausted: Plan 2, not Business Premium', () => {
  const skus = [exchangePlan1(), exchangePlan2(), archivingAddOn(10, 10), businessPremium()];
  const fix = chooseLicenseFix(user, exchangePlansOf(user, skus), 'plan2-or-plan1-with-archiving', skus);
  expect(fix.kind).toBe('assign');
  expect(fix.kind === 'assign' && fix.skus.map((s) => s.skuId)).toEqual([SKU_ID.exchangePlan2]);
});

test('archive need with everything free: Plan 1 plus Archiving, the cheapest', () => {
  const skus = [exchangePlan1(), exchangePlan2(), archivingAddOn(), businessPremium()];
  const fix = chooseLicenseFix(user, exchangePlansOf(user, skus), 'plan2-or-plan1-with-archiving', skus);
  expect(fix.kind === 'assign' && fix.skus.map((s) => s.skuId).sort()).toEqual([SKU_ID.exchangePlan1, SKU_ID.archiving].sort());
});
