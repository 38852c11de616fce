import type { DirectoryUser, LatestActivity, M365Service, MailboxWithStatistics, SubscribedSku } from '../../model/tenant';
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
  /** ISO time (or day) of the last activity the signal saw, null when never. */
  lastInteractionTime: string | null;
  /** Whole days since then, null when never. */
  idleDays: number | null;
  /** What made the account inactive, in words: "no activity in any Microsoft 365 service for 120 days". */
  signal: string;
  /** Which evidence judged it: every service of the active-user report, or the mailbox alone. */
  signalSource: 'all-services' | 'mailbox';
}

/** Microsoft 365's active-user report, joined by UPN (lower case). */
export interface ActivityEvidence {
  /** Latest activity by lower-case UPN; null: in the report, never active. */
  byUpn: Map<string, LatestActivity | null>;
  refreshDate: string | null;
}

export type ActivitySource = { kind: 'all-services'; refreshDate: string | null } | { kind: 'mailbox'; why: string };

export const SERVICE_NAMES: Record<M365Service, string> = {
  exchange: 'Exchange',
  oneDrive: 'OneDrive',
  sharePoint: 'SharePoint',
  skypeForBusiness: 'Skype for Business',
  yammer: 'Viva Engage',
  teams: 'Teams',
};

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
  /** Whether "inactive" looked at every Microsoft 365 service or at the mailbox only, and why. */
  activitySource: ActivitySource;
}

export interface WasteInput {
  users: DirectoryUser[];
  mailboxes: MailboxWithStatistics[];
  skus: SubscribedSku[];
  now: Date;
  inactiveDays?: number;
  /** Verdicts on the shared mailboxes when they were judged already (read at scale); else judged from `mailboxes`. */
  sharedVerdicts?: SharedMailboxVerdict[];
  /**
   * The active-user report: every licensed, enabled account in it is judged by it (a mailbox is not
   * needed). Absent or null: inactive means no mailbox interaction (`activityUnavailable` says why).
   */
  activity?: ActivityEvidence | null;
  activityUnavailable?: string;
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
  const verdicts =
    input.sharedVerdicts ?? shared.map((mailbox) => sharedMailboxVerdict({ mailbox, user: userOf(mailbox), skus: input.skus }));
  // A shared mailbox's account is disabled by design: its licence is waste only if nothing needs it.
  const sharedUserIds = new Set(
    [...shared.map((m) => m.userId), ...verdicts.map((v) => v.userId)].map((id) => id.toLowerCase()).filter(Boolean),
  );

  const disabledAccounts = input.users
    .filter((u) => !u.accountEnabled && u.assignedLicenses.length > 0 && !sharedUserIds.has(u.id.toLowerCase()))
    .map((u) => ({ userPrincipalName: u.userPrincipalName, displayName: u.displayName, licenses: names(u), skuIds: skuIdsOf(u) }));
  const disabledIds = new Set(input.users.filter((u) => !u.accountEnabled).map((u) => u.id.toLowerCase()));

  const cutoff = input.now.getTime() - inactiveDays * DAY_MS;
  const inactiveMailboxes: InactiveLicensedMailbox[] = [];
  const judge = (user: DirectoryUser, upn: string, displayName: string, mailboxLast: string | null) => {
    const byUpn = input.activity?.byUpn;
    const key = byUpn?.has(upn.toLowerCase()) ? upn.toLowerCase() : user.userPrincipalName.toLowerCase();
    const row = byUpn?.has(key) ?? false;
    const seen = byUpn?.get(key) ?? null;
    const seenMs = seen ? Date.parse(`${seen.day}T23:59:59Z`) : NaN;
    const mailboxMs = mailboxLast ? Date.parse(mailboxLast) : NaN;
    // The report lags a day or two; a newer live mailbox interaction counts too.
    const lastMs = Math.max(Number.isNaN(seenMs) ? -Infinity : seenMs, Number.isNaN(mailboxMs) ? -Infinity : mailboxMs);
    if (lastMs >= cutoff) return;
    const known = Number.isFinite(lastMs);
    const idleDays = known ? Math.floor((input.now.getTime() - lastMs) / DAY_MS) : null;
    let signal: string;
    if (row) {
      signal = !known
        ? 'never active in any Microsoft 365 service'
        : `no activity in any Microsoft 365 service for ${idleDays} days (last: ${seen && !(mailboxMs > seenMs) ? SERVICE_NAMES[seen.service] : 'Exchange'})`;
    } else {
      signal = known ? `no mailbox interaction for ${idleDays} days` : 'mailbox never used';
    }
    inactiveMailboxes.push({
      userPrincipalName: upn,
      displayName,
      licenses: names(user),
      skuIds: skuIdsOf(user),
      lastInteractionTime: known ? new Date(lastMs).toISOString() : null,
      idleDays,
      signal,
      signalSource: row ? 'all-services' : 'mailbox',
    });
  };
  if (input.activity) {
    // Every licensed account that can sign in and the report knows; one it does not know yet (made
    // since its day) is not judged.
    for (const user of input.users) {
      if (!user.accountEnabled || user.assignedLicenses.length === 0 || sharedUserIds.has(user.id.toLowerCase())) continue;
      if (!input.activity.byUpn.has(user.userPrincipalName.toLowerCase())) continue;
      judge(user, user.userPrincipalName, user.displayName, null);
    }
  } else {
    for (const m of input.mailboxes) {
      if (m.recipientTypeDetails === 'SharedMailbox' || !m.statistics) continue;
      const user = userOf(m);
      if (!user || user.assignedLicenses.length === 0 || disabledIds.has(user.id.toLowerCase())) continue;
      judge(user, m.userPrincipalName, m.displayName, m.statistics.lastInteractionTime);
    }
  }
  // Never used first, then the longest idle.
  inactiveMailboxes.sort(
    (a, b) => (b.idleDays ?? Infinity) - (a.idleDays ?? Infinity) || a.userPrincipalName.localeCompare(b.userPrincipalName),
  );

  const sharedWithoutNeed = verdicts.filter((v) => v.kind === 'licensed-without-need');
  const sharedNeedingSeats = verdicts.filter((v) => v.kind === 'needs-licence' && (v.fix?.kind === 'buy' || v.fix?.kind === 'assign'));

  const licenseCount =
    disabledAccounts.reduce((n, w) => n + w.licenses.length, 0) +
    inactiveMailboxes.reduce((n, w) => n + w.licenses.length, 0) +
    sharedWithoutNeed.reduce((n, v) => n + v.licenses.length, 0);
  const activitySource: ActivitySource = input.activity
    ? { kind: 'all-services', refreshDate: input.activity.refreshDate }
    : { kind: 'mailbox', why: input.activityUnavailable ?? 'the active-user report was not read' };
  return { inactiveDays, disabledAccounts, inactiveMailboxes, sharedWithoutNeed, sharedNeedingSeats, licenseCount, activitySource };
}
