// Growth rates for the demo's tenant, so `npm start` has mailboxes that grow, one that shrinks and a
// few that fill up: stable per mailbox (a hash of its address), never configured from the bot.
import { createHash } from 'node:crypto';
import type { TenantFixture } from './fixture';

function unit(text: string): number {
  return createHash('md5').update(text).digest().readUInt32BE(0) / 2 ** 32;
}

/** The fixture with rates on user and shared mailboxes and their archives, unless it already carries some. */
export function withDemoGrowth(fixture: TenantFixture): TenantFixture {
  const mailboxes = fixture.users.flatMap((u) => (u.mailbox ? [{ upn: u.userPrincipalName, m: u.mailbox }] : []));
  if (mailboxes.some(({ m }) => m.growthBytesPerDay !== undefined || m.itemsPerDay !== undefined)) return fixture;
  for (const { upn, m } of mailboxes) {
    if (m.recipientTypeDetails !== 'UserMailbox' && m.recipientTypeDetails !== 'SharedMailbox') continue;
    const u = unit(upn);
    // Most grow 0.05–0.6% a day; one in twelve is being cleaned up (shrinks 0.3% a day).
    const share = u < 1 / 12 ? -0.003 : 0.0005 + 0.0055 * unit(`${upn}|rate`);
    m.growthBytesPerDay = Math.round(m.totalItemSizeBytes * share);
    m.itemsPerDay = Math.round((m.itemCount * share) / 2);
    // Archives fill more slowly (mail moves in by retention): 0.05–0.45% a day.
    if (m.archive) m.archive.growthBytesPerDay = Math.round(m.archive.totalItemSizeBytes * (0.0005 + 0.004 * unit(`${upn}|archive`)));
  }
  return fixture;
}
