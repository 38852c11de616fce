// Entra accounts by id, read in $batch calls of 20 or, for very many, by paging through every user.
// The licensing reports and the alert cycle both read the accounts behind shared mailboxes here.
import { GRAPH_BATCH_LIMIT, USER_FIELDS, type GraphClient } from './graph-client';
import { toDirectoryUser } from './graph-records';
import { odataQuery, pathSegment } from './odata';
import type { DirectoryUser } from '../model/tenant';

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
    await graph.listUsers(
      USER_FIELDS,
      (page) => {
        for (const u of page) if (want.has(u.id.toLowerCase())) found.set(u.id.toLowerCase(), u);
      },
      { signal },
    );
    return found;
  }
  const chunks: string[][] = [];
  for (let i = 0; i < wanted.length; i += GRAPH_BATCH_LIMIT) chunks.push(wanted.slice(i, i + GRAPH_BATCH_LIMIT));
  const select = odataQuery({ $select: USER_FIELDS.join(',') });
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) {
      const chunk = chunks[next++];
      const answers = await graph.batch(
        chunk.map((id) => ({ method: 'GET', url: `/users/${pathSegment(id)}${select}` })),
        { signal },
      );
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
