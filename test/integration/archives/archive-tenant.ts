// A tenant built for the archive and Recoverable Items alerts: each kind has exactly one mailbox
// that trips it once its readings say so, and the others stay quiet.
import type { FixtureMailbox, TenantFixture } from '../../../src/simulator/tenant/fixture';
import { GB, mailboxUser } from '../../support/fixture-tenant';
import { alertTenant } from '../alerts/alert-tenant';
import { startStack, type Stack } from '../../support/stack';

export { GB };
export const NEAR_CAP = 'nearcap@contoso.example';
export const FAST = 'fast@contoso.example';
export const HELD = 'held@contoso.example';
export const CALM = 'calm@contoso.example';

const user = (id: string, upn: string, name: string, mailbox: Partial<FixtureMailbox>) =>
  mailboxUser(id, upn, name, { itemCount: 1000, totalItemSizeBytes: 2 * GB, ...mailbox });

export function archiveTenant(): TenantFixture {
  const base = alertTenant();
  return {
    ...base,
    users: [
      ...base.users,
      // 95 GB of its 100 GB archive: full within days once a second reading shows it growing.
      user('a7000000-0000-4000-8000-000000000001', NEAR_CAP, 'Nora Nearcap', {
        archiveStatus: 'Active',
        archive: { itemCount: 400_000, totalItemSizeBytes: 95 * GB },
      }),
      // Auto-expanding, far from 1.5 TB, but about to grow 3 GB in a day.
      user('a7000000-0000-4000-8000-000000000002', FAST, 'Felix Fast', {
        archiveStatus: 'Active',
        autoExpandingArchiveEnabled: true,
        archive: { itemCount: 900_000, totalItemSizeBytes: 200 * GB },
      }),
      // On Litigation Hold with 85 GB of Recoverable Items against the 100 GB quota on hold.
      user('a7000000-0000-4000-8000-000000000003', HELD, 'Hana Held', {
        litigationHoldEnabled: true,
        deletedItemCount: 300_000,
        totalDeletedItemSizeBytes: 85 * GB,
      }),
      user('a7000000-0000-4000-8000-000000000004', CALM, 'Cara Calm', {
        archiveStatus: 'Active',
        archive: { itemCount: 1_000, totalItemSizeBytes: 1 * GB },
      }),
    ],
  };
}

/** The stack on the usage-report path (threshold 1: every tenant takes it), with real names in the report and no alert timer. */
export function startUsagePathStack(tenant: TenantFixture): Promise<Stack> {
  tenant.reportSettings = { displayConcealedNames: false };
  return startStack({ tenant, env: { ALERT_INTERVAL_MINUTES: '0' }, usageReport: { threshold: 1, recheckMs: 0 } });
}

/** How many times the simulated Exchange ran each cmdlet. */
export async function exchangeCmdlets(stack: Stack): Promise<Record<string, number>> {
  return (await (await fetch(`${stack.sim.controlUrl}/_sim/requests`)).json()).apis.exchange?.cmdlets ?? {};
}
