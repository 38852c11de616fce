// A tenant where nothing is wrong, so each alert test causes exactly what it checks.
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { E3, EXO_P2, exchangeSku, fixtureTenant, GB, mailboxUser } from '../../support/fixture-tenant';

export { E3, EXO_P2, GB };

export const ALICE = 'a1111111-0000-4000-8000-000000000001';
export const SHARED = [
  '5a000000-0000-4000-8000-000000000001',
  '5a000000-0000-4000-8000-000000000002',
  '5a000000-0000-4000-8000-000000000003',
  '5a000000-0000-4000-8000-000000000004',
];

export const sharedUpn = (i: number) => `shared${i + 1}@contoso.example`;

export function alertTenant(): TenantFixture {
  return fixtureTenant({
    reportRefreshDate: new Date().toISOString().slice(0, 10),
    subscribedSkus: [exchangeSku(E3, { enabled: 50 }), exchangeSku(EXO_P2, { enabled: 50 })],
    users: [
      mailboxUser(
        ALICE,
        'alice@contoso.example',
        'Alice Adams',
        { itemCount: 1000, totalItemSizeBytes: 2 * GB },
        { assignedLicenses: [{ skuId: E3, disabledPlans: [] }] },
      ),
      // Shared mailboxes made before 2018 kept 100 GB quotas: over 50 GB they need a licence, not space.
      ...SHARED.map((id, i) =>
        mailboxUser(
          id,
          sharedUpn(i),
          `Shared Desk ${i + 1}`,
          { recipientTypeDetails: 'SharedMailbox', itemCount: 1000, totalItemSizeBytes: 20 * GB },
          { accountEnabled: false },
        ),
      ),
    ],
  });
}
