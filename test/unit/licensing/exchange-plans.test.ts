import { exchangePlansOf } from '../../../src/reports/licensing/exchange-plans';
import { exchangePlan1, exchangePlan2, archivingAddOn, license, office365E3, PLAN, sku, SKU_ID, tenantSkus } from './licensing-fixtures';

describe('exchangePlansOf', () => {
  const skus = tenantSkus();

  test('the plans of each assigned SKU, best plan first, archiving beside it', () => {
    const plans = exchangePlansOf({ assignedLicenses: [license(SKU_ID.exchangePlan1), license(SKU_ID.archiving)] }, skus);
    expect(plans.plan).toBe('plan1');
    expect(plans.archiving).toBe(true);
    expect(plans.sources.map((s) => [s.skuName, s.planName, s.status])).toEqual([
      ['Exchange Online (Plan 1)', 'EXCHANGE_S_STANDARD', 'Success'],
      ['Exchange Online Archiving for Exchange Online', 'EXCHANGE_S_ARCHIVE_ADDON', 'Success'],
    ]);
  });

  test('minus disabledPlans: E3 with Exchange switched off gives no plan, and says so', () => {
    const plans = exchangePlansOf({ assignedLicenses: [license(SKU_ID.office365E3, [PLAN.plan2.toUpperCase()])] }, skus);
    expect(plans.plan).toBe('none');
    expect(plans.disabled.map((d) => [d.skuName, d.planLabel])).toEqual([['Office 365 E3', 'Exchange Online (Plan 2)']]);
  });

  test.each(['PendingProvisioning', 'PendingActivation', 'PendingInput', 'Disabled', 'Error'])(
    'a plan in %s does not count yet but is reported as pending',
    (status) => {
      const plans = exchangePlansOf({ assignedLicenses: [license(SKU_ID.exchangePlan2)] }, [exchangePlan2(10, 1, status)]);
      expect(plans.plan).toBe('none');
      expect(plans.pending.map((p) => p.status)).toEqual([status]);
    },
  );

  test('a suspended subscription serves nobody', () => {
    const suspended = { ...office365E3(), capabilityStatus: 'Suspended' };
    const plans = exchangePlansOf({ assignedLicenses: [license(SKU_ID.office365E3)] }, [suspended]);
    expect(plans.plan).toBe('none');
    expect(plans.pending[0].status).toBe('subscription Suspended');
  });

  test('a licence the tenant does not list is reported, not guessed', () => {
    const plans = exchangePlansOf({ assignedLicenses: [license('11111111-2222-3333-4444-555555555555')] }, skus);
    expect(plans.plan).toBe('none');
    expect(plans.unknownSkuIds).toEqual(['11111111-2222-3333-4444-555555555555']);
  });

  test('decides by service plan id: a SKU with an unknown name still gives Plan 2', () => {
    const custom = sku(
      '99999999-0000-0000-0000-000000000001',
      'CONTOSO_BUNDLE',
      [{ servicePlanId: PLAN.plan2, servicePlanName: 'WHATEVER' }],
      5,
      1,
    );
    expect(exchangePlansOf({ assignedLicenses: [license(custom.skuId)] }, [custom]).plan).toBe('plan2');
  });

  test('kiosk is below Plan 1, Plan 2 above both', () => {
    const kiosk = sku(
      SKU_ID.f3,
      'SPE_F1',
      [{ servicePlanId: PLAN.kiosk, servicePlanName: 'EXCHANGE_S_DESKLESS', provisioningStatus: 'Success' }],
      5,
      1,
    );
    const all = [kiosk, exchangePlan1(), exchangePlan2(), archivingAddOn()];
    expect(exchangePlansOf({ assignedLicenses: [license(SKU_ID.f3)] }, all).plan).toBe('kiosk');
    expect(exchangePlansOf({ assignedLicenses: [license(SKU_ID.f3), license(SKU_ID.exchangePlan1)] }, all).plan).toBe('plan1');
    expect(exchangePlansOf({ assignedLicenses: [license(SKU_ID.exchangePlan1), license(SKU_ID.exchangePlan2)] }, all).plan).toBe('plan2');
  });
});
