// The admins' PowerShell runbook, as the baseline the bot must beat:
//   Get-Mailbox -RecipientTypeDetails X -ResultSize Unlimited | ForEach-Object { Get-MailboxStatistics $_ }
// one Get-Mailbox (every page), then one Get-MailboxStatistics per mailbox, one at a time, over the
// same Exchange REST gateway and the same client the bot uses. Reading every mailbox this way takes
// minutes to hours, so only the first `sample` statistics calls are made and the rest extrapolated.
import type { ExchangeClient } from '../src/m365/exchange-client';
import { statisticsIdentity, toMailbox } from '../src/m365/exchange-records';

export interface RunbookTiming {
  mailboxes: number;
  getMailboxMs: number;
  getMailboxPages: number;
  sampled: number;
  sampleMs: number;
  perMailboxMs: number;
  /** Get-Mailbox as measured + every mailbox at the sampled rate. */
  extrapolatedMs: number;
}

export async function timeRunbook(exchange: ExchangeClient, types: string[], sample: number): Promise<RunbookTiming> {
  const start = performance.now();
  const identities: string[] = [];
  let pages = 0;
  for await (const page of exchange.invokeCommand('Get-Mailbox', { ResultSize: 'Unlimited', RecipientTypeDetails: types })) {
    pages++;
    for (const record of page) identities.push(statisticsIdentity(toMailbox(record)));
  }
  const getMailboxMs = performance.now() - start;
  const sampled = Math.min(sample, identities.length);
  const sampleStart = performance.now();
  for (const identity of identities.slice(0, sampled)) {
    await exchange.invokeCommandAll('Get-MailboxStatistics', { Identity: identity });
  }
  const sampleMs = performance.now() - sampleStart;
  const perMailboxMs = sampled > 0 ? sampleMs / sampled : 0;
  return {
    mailboxes: identities.length,
    getMailboxMs,
    getMailboxPages: pages,
    sampled,
    sampleMs,
    perMailboxMs,
    extrapolatedMs: getMailboxMs + perMailboxMs * identities.length,
  };
}

export function describeRunbook(t: RunbookTiming, label: string): string[] {
  return [
    `${label}: runbook Get-Mailbox: ${t.getMailboxPages} pages, ${t.mailboxes.toLocaleString('en-US')} mailboxes in ${(t.getMailboxMs / 1000).toFixed(2)} s (measured)`,
    `${label}: runbook Get-MailboxStatistics one at a time: ${t.sampled} mailboxes measured in ${(t.sampleMs / 1000).toFixed(2)} s = ${t.perMailboxMs.toFixed(1)} ms each`,
    `${label}: runbook total EXTRAPOLATED linearly to all ${t.mailboxes.toLocaleString('en-US')} mailboxes: ${(t.getMailboxMs / 1000).toFixed(2)} s + ${t.mailboxes.toLocaleString('en-US')} x ${t.perMailboxMs.toFixed(1)} ms = ${(t.extrapolatedMs / 1000).toFixed(1)} s (${(t.extrapolatedMs / 60000).toFixed(1)} min)`,
  ];
}
