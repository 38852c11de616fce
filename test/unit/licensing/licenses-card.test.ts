import { CARD_BYTE_LIMIT } from '../../../src/cards/render';
import { licensesCard } from '../../../src/cards/licensing/licenses-card';
import { userLicensesCard } from '../../../src/cards/licensing/user-licenses-card';
import { licensePools } from '../../../src/reports/licensing/license-pools';
import { licenseWaste } from '../../../src/reports/licensing/license-waste';
import { userLicenses } from '../../../src/reports/licensing/user-licenses';
import { cardProblems, findAll, visibleTexts } from './card-checks';
import { directoryUser, exchangePlan2, GB, license, office365E3, sharedMailbox, sku, SKU_ID, tenantSkus } from './licensing-fixtures';

const asOf = '2025-06-01T09:00:00Z';
const now = new Date(asOf);

describe('licenses card', () => {
  const skus = [office365E3(50, 50), exchangePlan2(10, 9), ...tenantSkus().slice(0, 1)];
  const users = [
    directoryUser({
      id: 'gone',
      userPrincipalName: 'gone@x',
      displayName: 'Gone Person',
      accountEnabled: false,
      assignedLicenses: [license(SKU_ID.office365E3)],
    }),
    directoryUser({ id: 'paid-shared', accountEnabled: false, assignedLicenses: [license(SKU_ID.exchangePlan2)] }),
  ];
  const mailboxes = [sharedMailbox({ userId: 'paid-shared', displayName: 'Paid Shared', sizeBytes: GB })];
  const input = () => ({ pools: licensePools(skus), waste: licenseWaste({ users, mailboxes, skus, now }), asOf });

  test('calls out exhausted and nearly exhausted pools first, with a bar per pool and the numbers', () => {
    const { card } = licensesCard(input());
    expect(cardProblems(card)).toEqual([]);
    const text = visibleTexts(card);
    expect(text).toMatch(/Exhausted: \nOffice 365 E3 \(50 of 50 assigned\)/);
    expect(text).toMatch(/Nearly exhausted: \nExchange Online \(Plan 2\) \(9 of 10 assigned\)/);
    const [chart] = findAll(card, 'Chart.HorizontalBar.Stacked') as {
      data: { title: string; data: { legend: string; value: number }[] }[];
      fallback: object;
    }[];
    expect(chart.data.map((d) => [d.title, d.data.map((s) => s.value)])).toEqual([
      ['Office 365 E3', [50, 0]],
      ['Exchange Online (Plan 2)', [9, 1]],
      ['Exchange Online (Plan 1)', [5, 5]],
    ]);
    expect(visibleTexts(chart.fallback)).toMatch(/██████████ \n50\/50 \nOffice 365 E3/);
  });

  test("each row names the SKU and the Exchange plan it gives, without repeating the product's name", () => {
    const pools = licensePools(skus);
    const text = visibleTexts(licensesCard(input()).card);
    const e3 = pools.find((p) => p.name === 'Office 365 E3')!;
    const plan2 = pools.find((p) => p.name === 'Exchange Online (Plan 2)')!;
    expect(plan2.exchangePlan).toBe('Exchange Online (Plan 2)');
    expect(text).toContain(`${e3.partNumber} · Exchange Online (Plan 2)`);
    expect(text).toContain(`Exchange Online (Plan 2)\n${plan2.partNumber}\n`);
  });

  test('waste: counts and the first examples', () => {
    const card = licensesCard(input()).card;
    const text = visibleTexts(card);
    expect(JSON.stringify(card)).toContain('{"title":"Accounts that cannot sign in","value":"1 account"}');
    const groups = findAll(card, 'Container')
      .map((c) => visibleTexts(c))
      .filter((t) => t.startsWith('On accounts') || t.startsWith('Shared mailboxes licensed'));
    expect(groups).toEqual([
      'On accounts that cannot sign in\nGone Person\n · Office 365 E3',
      'Shared mailboxes licensed without need\nPaid Shared\n · Exchange Online (Plan 2)',
    ]);
    expect(text).not.toContain('Mailboxes idle');
  });

  test('hundreds of subscriptions still fit, saying how many are shown', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      sku(`${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`, `CONTOSO_PRODUCT_WITH_A_LONG_NAME_${i}`, [], 100, i % 101),
    );
    const fitted = licensesCard({ pools: licensePools(many), waste: licenseWaste({ users: [], mailboxes: [], skus: many, now }), asOf });
    expect(fitted.bytes).toBeLessThanOrEqual(CARD_BYTE_LIMIT);
    expect(fitted.rows).toBe(10);
    expect(cardProblems(fitted.card)).toEqual([]);
    expect(visibleTexts(fitted.card)).toContain('10 of 400 subscriptions shown. Get them all with: export licenses');
  });
});

describe('licenses <upn> card', () => {
  test('SKUs by name, the Exchange plan, switched-off plans, and the mailbox against its quota', () => {
    const skus = tenantSkus();
    const user = directoryUser({
      displayName: 'Ann Example',
      userPrincipalName: 'ann@x',
      accountEnabled: true,
      assignedLicenses: [license(SKU_ID.office365E3, ['cccc0001-0000-4000-8000-000000000000'])],
    });
    const card = userLicensesCard(
      userLicenses(user, skus, { ...sharedMailbox({ sizeBytes: 95 * GB }), recipientTypeDetails: 'UserMailbox' }),
    );
    expect(cardProblems(card)).toEqual([]);
    const text = JSON.stringify(card);
    expect(text).toContain('"title":"Exchange plan","value":"Exchange Online (Plan 2)"');
    expect(visibleTexts(card)).toContain('Switched off: CCCC_PLAN_1');
    expect(visibleTexts(card)).toMatch(/fits its plan \(95% of 100 GB\)/);
    const [gauge] = findAll(card, 'Chart.Gauge');
    expect(gauge).toMatchObject({ value: 95, max: 100 });
  });

  test('a Plan 1 mailbox over 50 GB is called out, and a pending plan is explained', () => {
    const skus = [...tenantSkus().filter((s) => s.skuId !== SKU_ID.exchangePlan2), exchangePlan2(5, 1, 'PendingProvisioning')];
    const user = directoryUser({ assignedLicenses: [license(SKU_ID.exchangePlan1), license(SKU_ID.exchangePlan2)] });
    const card = userLicensesCard(
      userLicenses(user, skus, { ...sharedMailbox({ sizeBytes: 55 * GB }), recipientTypeDetails: 'UserMailbox' }),
    );
    expect(cardProblems(card)).toEqual([]);
    const text = visibleTexts(card);
    expect(text).toMatch(/larger than its plan allows \(55 GB of 50 GB\)/);
    expect(text).toContain('Exchange Online (Plan 2) from Exchange Online (Plan 2) is not in effect yet (PendingProvisioning).');
  });

  test('no licences, no mailbox', () => {
    const card = userLicensesCard(userLicenses(directoryUser({ usageLocation: null }), tenantSkus()));
    expect(cardProblems(card)).toEqual([]);
    expect(visibleTexts(card)).toContain('No licences assigned.');
    expect(JSON.stringify(card)).toContain('not set (licences cannot be assigned)');
  });
});
