// What a check cycle reads from the tenant: only what the subscribed kinds need, once per cycle for
// every conversation. Mailbox statistics that fail stay unknown (never "resolved"); anything else
// that fails ends the cycle before a single alert goes out.
import { readMailboxes } from '../m365/mailbox-inventory';
import type { RecipientTypeDetails } from '../model/tenant';
import { usersById } from '../m365/directory-users';
import type { TenantClients } from '../m365/tenant-clients';
import type { TenantFacts } from '../reports/alerts/findings';
import type { AlertKind } from '../reports/alerts/settings';

export async function readAlertFacts(tenant: TenantClients, kinds: AlertKind[]): Promise<TenantFacts> {
  const wants = (k: AlertKind) => kinds.includes(k);
  const types: RecipientTypeDetails[] | 'all' | null = wants('quota') || wants('inactive') ? 'all' : wants('shared-licence') ? ['SharedMailbox'] : null;
  const skusRead = wants('shared-licence') || wants('licence-pool') ? tenant.graph.listSubscribedSkus() : Promise.resolve([]);
  skusRead.catch(() => undefined);
  const mailboxes = types ? (await readMailboxes(tenant, { types })).mailboxes : [];
  const shared = wants('shared-licence') ? mailboxes.filter((m) => m.recipientTypeDetails === 'SharedMailbox') : [];
  const [users, skus] = await Promise.all([usersById(tenant.graph, shared.map((m) => m.userId)), skusRead]);
  return { mailboxes, users, skus };
}
