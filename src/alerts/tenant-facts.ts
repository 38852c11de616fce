// What a check cycle reads from the tenant: only what the subscribed kinds need (each kind's spec
// says what it reads), once per cycle for every conversation. Mailbox statistics that fail stay
// unknown (never "resolved"); anything else that fails ends the cycle before a single alert goes out.
import { readMailboxes } from '../m365/mailbox-inventory';
import { usersById } from '../m365/directory-users';
import type { TenantClients } from '../m365/tenant-clients';
import type { RecipientTypeDetails } from '../model/tenant';
import type { TenantFacts } from '../reports/alerts/findings';
import { ALERT_KIND_SPECS, type AlertKind } from '../reports/alerts/kinds';

export async function readAlertFacts(tenant: TenantClients, kinds: AlertKind[]): Promise<TenantFacts> {
  const reads = ALERT_KIND_SPECS.filter((s) => kinds.includes(s.kind)).map((s) => s.reads);
  const allMailboxes = reads.some((r) => r.mailboxes === 'all');
  const types: RecipientTypeDetails[] | 'all' | null = allMailboxes ? 'all' : reads.some((r) => r.mailboxes === 'SharedMailbox') ? ['SharedMailbox'] : null;
  const accounts = reads.some((r) => r.sharedMailboxAccounts);
  const skusRead = reads.some((r) => r.skus) ? tenant.graph.listSubscribedSkus() : Promise.resolve([]);
  skusRead.catch(() => undefined);
  const mailboxes = types ? (await readMailboxes(tenant, { types })).mailboxes : [];
  const shared = accounts ? mailboxes.filter((m) => m.recipientTypeDetails === 'SharedMailbox') : [];
  const [users, skus] = await Promise.all([usersById(tenant.graph, shared.map((m) => m.userId)), skusRead]);
  return { mailboxes, users, skus };
}
