// What the licensing commands and buttons read from the tenant: shared mailboxes with their
// statistics, the Entra accounts behind them, and the subscriptions. Only reading happens here.
import { GRAPH_BATCH_LIMIT, USER_FIELDS, type GraphClient } from '../m365/graph-client';
import { toDirectoryUser } from '../m365/graph-records';
import { readMailboxes, type MailboxInventory } from '../m365/mailbox-inventory';
import { statisticsIdentity } from '../m365/exchange-records';
import { odataQuery, pathSegment } from '../m365/odata';
import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../m365/records';
import { ServiceError } from '../m365/service-error';
import { sharedMailboxVerdict, type SharedMailboxVerdict } from '../reports/licensing/shared-mailbox-verdict';
import type { TenantClients } from '../m365/tenant-clients';
import { explainFailure } from './failures';

/**
 * Up to this many accounts are fetched one by one in $batch calls of 20 (250 calls at most); past
 * it, paging through every user (999 a page) is fewer calls unless the tenant has over 50 users per
 * shared mailbox, and a tenant with that many shared mailboxes rarely does.
 */
export const BATCH_USERS_UP_TO = 5_000;
/** Batches in flight at once: the Graph pipeline caps requests anyway; this bounds the promises held. */
const BATCHES_AT_ONCE = 4;

/** Entra accounts by id (lower case); an id Graph does not know is simply absent. */
export async function usersById(graph: GraphClient, ids: string[], signal?: AbortSignal): Promise<Map<string, DirectoryUser>> {
  const wanted = [...new Set(ids.filter(Boolean).map((id) => id.toLowerCase()))];
  const found = new Map<string, DirectoryUser>();
  if (wanted.length === 0) return found;
  if (wanted.length > BATCH_USERS_UP_TO) {
    const want = new Set(wanted);
    await graph.listUsers(USER_FIELDS, (page) => {
      for (const u of page) if (want.has(u.id.toLowerCase())) found.set(u.id.toLowerCase(), u);
    }, { signal });
    return found;
  }
  const chunks: string[][] = [];
  for (let i = 0; i < wanted.length; i += GRAPH_BATCH_LIMIT) chunks.push(wanted.slice(i, i + GRAPH_BATCH_LIMIT));
  const select = odataQuery({ $select: USER_FIELDS.join(',') });
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const answers = await graph.batch(chunk.map((id) => ({ method: 'GET', url: `/users/${pathSegment(id)}${select}` })), { signal });
      for (const a of answers) {
        if (a.status === 404) continue;
        if (a.error) throw a.error;
        const user = toDirectoryUser(a.body);
        found.set(user.id.toLowerCase(), user);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(BATCHES_AT_ONCE, chunks.length) }, worker));
  return found;
}

export interface SharedMailboxData {
  inventory: MailboxInventory;
  verdicts: SharedMailboxVerdict[];
}

/** Every shared mailbox (with archive statistics), its account and the subscriptions, as verdicts. */
export async function readSharedMailboxData(
  tenant: TenantClients,
  onProgress?: (done: number, total: number) => void,
): Promise<SharedMailboxData> {
  const skusRead = tenant.graph.listSubscribedSkus();
  // Read beside the mailboxes; a failure is raised after them, so nothing is left unobserved.
  skusRead.catch(() => undefined);
  const inventory = await readMailboxes(tenant, { types: ['SharedMailbox'], withArchiveStatistics: true, onProgress });
  const [users, skus] = await Promise.all([usersById(tenant.graph, inventory.mailboxes.map((m) => m.userId)), skusRead]);
  const verdicts = inventory.mailboxes.map((mailbox) =>
    sharedMailboxVerdict({ mailbox, user: users.get(mailbox.userId.toLowerCase()) ?? null, skus }),
  );
  return { inventory, verdicts };
}

export type SharedMailboxCheck =
  | { kind: 'checked'; verdict: SharedMailboxVerdict; user: DirectoryUser; skus: SubscribedSku[] }
  | { kind: 'refused'; status: 404 | 400 | 500; message: string };

/**
 * One shared mailbox read afresh for a licence button: the button's own data is never trusted for
 * what to assign. Fails rather than judge a mailbox whose size could not be read.
 */
export async function checkSharedMailbox(tenant: TenantClients, upn: string): Promise<SharedMailboxCheck> {
  try {
    const mailbox = await tenant.exchange.getMailbox(upn);
    if (!mailbox) return { kind: 'refused', status: 404, message: `No mailbox ${upn} any more.` };
    if (mailbox.recipientTypeDetails !== 'SharedMailbox') {
      return { kind: 'refused', status: 400, message: 'Licences are assigned from here only to shared mailboxes.' };
    }
    if (!mailbox.userId) return { kind: 'refused', status: 400, message: 'Exchange links no Entra account to this mailbox, so no licence can be assigned to it.' };
    const identity = statisticsIdentity(mailbox);
    const [stats, user, skus] = await Promise.all([
      tenant.exchange.getMailboxStatistics([identity]).then((m) => m.get(identity)),
      tenant.graph.getUser(mailbox.userId),
      tenant.graph.listSubscribedSkus(),
    ]);
    if (!stats || stats instanceof ServiceError) {
      return { kind: 'refused', status: 500, message: `I couldn't read the mailbox's size, so I can't tell which licence it needs. ${stats ? explainFailure(stats).message : ''}`.trim() };
    }
    if (!user) return { kind: 'refused', status: 404, message: 'Its Entra account was not found: it may have been deleted.' };
    const full: MailboxWithStatistics = { ...mailbox, statistics: stats };
    return { kind: 'checked', verdict: sharedMailboxVerdict({ mailbox: full, user, skus }), user, skus };
  } catch (err) {
    return { kind: 'refused', status: 500, message: `I couldn't read the mailbox: ${explainFailure(err).message}` };
  }
}
