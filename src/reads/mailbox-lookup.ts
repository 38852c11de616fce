// Finds the mailbox an admin means by "mailbox <upn or name>": an exact identity first (UPN, address,
// alias, name or id, as Exchange resolves them), then display names that start with the text.
import type { MailboxArgument } from '../arguments/mailbox';
import { exchangeFilterPrefix } from '../m365/exchange-client';
import type { ExchangeClient } from '../m365/exchange-client';
import type { Mailbox } from '../model/tenant';
import { isServiceError } from '../m365/service-error';

export type Lookup = { kind: 'found'; mailbox: Mailbox } | { kind: 'none' } | { kind: 'several'; mailboxes: Mailbox[]; more: boolean };

const MAX_CANDIDATES = 5;

export async function lookUpMailbox(exchange: ExchangeClient, arg: Extract<MailboxArgument, { ok: true }>): Promise<Lookup> {
  let exact: Mailbox | null = null;
  try {
    exact = await exchange.getMailbox(arg.identity);
  } catch (err) {
    // "matches multiple entries": fall through to the name search, which lists them.
    if (!(isServiceError(err) && /multiple|ambiguous/i.test(err.serviceMessage + err.code))) throw err;
  }
  if (exact) return { kind: 'found', mailbox: exact };
  if (arg.kind !== 'name') return { kind: 'none' };
  const found: Mailbox[] = [];
  let more = false;
  for await (const page of exchange.mailboxPages({ filter: `DisplayName -like ${exchangeFilterPrefix(arg.identity)}` })) {
    for (const m of page) {
      if (found.length < MAX_CANDIDATES) found.push(m);
      else more = true;
    }
    if (more) break;
  }
  if (found.length === 0) return { kind: 'none' };
  if (found.length === 1) return { kind: 'found', mailbox: found[0] };
  return { kind: 'several', mailboxes: found, more };
}
