import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../../model/tenant';
import { skuName } from './sku-catalog';
import { sharedMailboxVerdict, type SharedMailboxVerdict } from './shared-mailbox-verdict';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface WastedLicenses {
  userPrincipalName: string;
  displayName: string;
  licenses: string[];
  /** The same licences by skuId, in the same order. */
  skuIds: string[];
}

export interface InactiveLicensedMailbox extends WastedLicenses {
  /** ISO time of the last interaction, null when never. */
  lastInteractionTime: string | null;
  /** Whole days since then, null when never. */
  idleDays: number | null;
}

export interface LicenseWaste {
  inactiveDays: number;
  /** Licences on accounts that cannot sign in (shared mailboxes are judged by their own rules). */
  disabledAccounts: WastedLicenses[];
  /** Licensed user mailboxes with no interaction for inactiveDays, or never. */
  inactiveMailboxes: InactiveLicensedMailbox[];
  /** Shared mailboxes holding an Exchange licence nothing requires. */
  sharedWithoutNeed: SharedMailboxVerdict[];
  /** Shared mailboxes that need a licence now and whose fix takes a seat (a free one, or one to buy): who a wasted seat could go to. */
  sharedNeedingSeats: SharedMailboxVerdict[];
  /** Licences across the three lists. */
  licenseCount: number;
}

export interface WasteInput {
  users: DirectoryUser[];
  mailboxes: MailboxWithStatistics[];
  skus: SubscribedSku[];
  now: Date;
  inactiveDays?: number;
}

export function licenseWaste(input: WasteInput): LicenseWaste {
  const inactiveDays = input.inactiveDays ?? 90;
  const skuById = new Map(input.skus.map((s) => [s.skuId.toLowerCase(), s]));
  const names = (user: DirectoryUser): string[] =>
    user.assignedLicenses.map((l) => skuName(skuById.get(l.skuId.toLowerCase()) ?? { skuId: l.skuId }));
  const skuIdsOf = (user: DirectoryUser): string[] => user.assignedLicenses.map((l) => l.skuId);
  const usersById = new Map(input.users.map((u) => [u.id.toLowerCase(), u]));
  const userOf = (m: MailboxWithStatistics): DirectoryUser | null => (m.userId ? (usersById.get(m.userId.toLowerCase()) ?? null) : null);

  const shared = input.mailboxes.filter((m) => m.recipientTypeDetails === 'SharedMailbox');
  // A shared mailbox's account is disabled by design: its licence is waste only if nothing needs it.
  const sharedUserIds = new Set(shared.map((m) => m.userId.toLowerCase()).filter(Boolean));

  const disabledAccounts = input.users
    .filter((u) => !u.accountEnabled && u.assignedLicenses.length > 0 && !sharedUserIds.has(u.id.toLowerCase()))
    .map((u) => ({ userPrincipalName: u.userPrincipalName, displayName: u.displayName, licenses: names(u), skuIds: skuIdsOf(u) }));
  const disabledIds = new Set(input.users.filter((u) => !u.accountEnabled).map((u) => u.id.toLowerCase()));

  const cutoff = input.now.getTime() - inactiveDays * DAY_MS;
  const inactiveMailboxes: InactiveLicensedMailbox[] = [];
  for (const m of input.mailboxes) {
    if (m.recipientTypeDetails === 'SharedMailbox' || !m.statistics) continue;
    const user = userOf(m);
    if (!user || user.assignedLicenses.length === 0 || disabledIds.has(user.id.toLowerCase())) continue;
    const last = m.statistics.lastInteractionTime;
    const lastMs = last ? Date.parse(last) : NaN;
    if (last && !(lastMs < cutoff)) continue;
    inactiveMailboxes.push({
      userPrincipalName: m.userPrincipalName,
      displayName: m.displayName,
      licenses: names(user),
      skuIds: skuIdsOf(user),
      lastInteractionTime: last,
      idleDays: Number.isNaN(lastMs) ? null : Math.floor((input.now.getTime() - lastMs) / DAY_MS),
    });
  }
  // Never used first, then the longest idle.
  inactiveMailboxes.sort(
    (a, b) => (b.idleDays ?? Infinity) - (a.idleDays ?? Infinity) || a.userPrincipalName.localeCompare(b.userPrincipalName),
  );

  const verdicts = shared.map((mailbox) => sharedMailboxVerdict({ mailbox, user: userOf(mailbox), skus: input.skus }));
  const sharedWithoutNeed = verdicts.filter((v) => v.kind === 'licensed-without-need');
  const sharedNeedingSeats = verdicts.filter((v) => v.kind === 'needs-licence' && (v.fix?.kind === 'buy' || v.fix?.kind === 'assign'));

  const licenseCount =
    disabledAccounts.reduce((n, w) => n + w.licenses.length, 0) +
    inactiveMailboxes.reduce((n, w) => n + w.licenses.length, 0) +
    sharedWithoutNeed.reduce((n, v) => n + v.licenses.length, 0);
  return { inactiveDays, disabledAccounts, inactiveMailboxes, sharedWithoutNeed, sharedNeedingSeats, licenseCount };
}
