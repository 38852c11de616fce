import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../../model/tenant';
import { exchangePlansOf, PLAN_LABEL, type ExchangePlans } from './exchange-plans';
import { chooseLicenseFix, meetsNeed, type LicenseFix, type LicenseNeed } from './license-fix';
import { skuName } from './sku-catalog';
import { formatBytes } from '../format';

const GB = 1024 ** 3;

/** A shared mailbox stores up to 50 GB without a licence; one byte more needs Plan 2. */
export const SHARED_MAILBOX_FREE_BYTES = 50 * GB;

/** A size from the usage report in this band may be on either side of the 50 GB line (or its 90% warning) by now. */
const NEAR_LINE = { from: 0.8 * SHARED_MAILBOX_FREE_BYTES, to: 1.25 * SHARED_MAILBOX_FREE_BYTES };

/** A shared mailbox whose verdict needs today's size: none known (not in the usage report), or near the 50 GB line. */
export function sizeDecidesVerdict(m: MailboxWithStatistics): boolean {
  const size = m.statistics?.totalItemSizeBytes ?? null;
  return size === null || (size >= NEAR_LINE.from && size <= NEAR_LINE.to);
}
const LEGACY_FREE_QUOTA_BYTES = 100 * GB;

export type LicenseReason = 'over-50-gb' | 'archive' | 'auto-expanding-archive' | 'litigation-hold';
export type VerdictKind = 'needs-licence' | 'soon' | 'licensed-without-need' | 'ok';
export type LicenseCheck = 'checked' | 'no-entra-account' | 'account-not-found';

export const REASON_TEXT: Record<LicenseReason, string> = {
  'over-50-gb': 'over 50 GB',
  archive: 'archive enabled',
  'auto-expanding-archive': 'auto-expanding archive',
  'litigation-hold': 'litigation hold',
};

export interface SharedMailboxVerdict {
  kind: VerdictKind;
  userPrincipalName: string;
  displayName: string;
  /** Entra user id; "" when Exchange links none. */
  userId: string;
  sizeBytes: number | null;
  archiveSizeBytes: number | null;
  archive: boolean;
  autoExpandingArchive: boolean;
  litigationHold: boolean;
  reasons: LicenseReason[];
  /** What the mailbox must have, or null when it needs no licence. */
  need: LicenseNeed | null;
  licenseCheck: LicenseCheck;
  /** Assigned licences by name (empty when they cannot be checked). */
  licenses: { skuId: string; skuName: string }[];
  exchange: ExchangePlans | null;
  /** A security finding of its own: a shared mailbox's account should not sign in. null = unknown. */
  canSignIn: boolean | null;
  /** How to put it right: for needs-licence and soon, when one can be worked out. */
  fix: LicenseFix | null;
  /** One line in plain words: what it has and why that matters. */
  why: string;
  notes: string[];
}

export interface VerdictOptions {
  /** Share of 50 GB from which an unlicensed mailbox "will need one soon". */
  soonRatio?: number;
}

export function sharedMailboxVerdict(
  input: { mailbox: MailboxWithStatistics; user: DirectoryUser | null; skus: SubscribedSku[] },
  options: VerdictOptions = {},
): SharedMailboxVerdict {
  const { mailbox, skus } = input;
  const soonRatio = options.soonRatio ?? 0.9;
  const sizeBytes = mailbox.statistics?.totalItemSizeBytes ?? null;
  const archive = mailbox.archiveStatus.toLowerCase() === 'active';
  const reasons: LicenseReason[] = [];
  if (sizeBytes !== null && sizeBytes > SHARED_MAILBOX_FREE_BYTES) reasons.push('over-50-gb');
  if (archive) reasons.push('archive');
  if (mailbox.autoExpandingArchiveEnabled) reasons.push('auto-expanding-archive');
  if (mailbox.litigationHoldEnabled) reasons.push('litigation-hold');
  const need: LicenseNeed | null = reasons.includes('over-50-gb') ? 'plan2' : reasons.length > 0 ? 'plan2-or-plan1-with-archiving' : null;
  const nearLimit = sizeBytes !== null && sizeBytes >= soonRatio * SHARED_MAILBOX_FREE_BYTES && sizeBytes <= SHARED_MAILBOX_FREE_BYTES;

  const user = mailbox.userId ? input.user : null;
  const licenseCheck: LicenseCheck = !mailbox.userId ? 'no-entra-account' : user ? 'checked' : 'account-not-found';
  const exchange = user ? exchangePlansOf(user, skus) : null;
  const skuById = new Map(skus.map((s) => [s.skuId.toLowerCase(), s]));
  const licenses = (user?.assignedLicenses ?? []).map((l) => {
    const sku = skuById.get(l.skuId.toLowerCase());
    return { skuId: l.skuId, skuName: skuName(sku ?? { skuId: l.skuId }) };
  });

  const notes: string[] = [];
  if (sizeBytes === null) notes.push(`Size unknown${mailbox.statisticsError ? `: ${mailbox.statisticsError}` : ''}.`);
  if (licenseCheck === 'no-entra-account') notes.push('No Entra account linked: cannot check licences.');
  if (licenseCheck === 'account-not-found') notes.push(`Its Entra account ${mailbox.userId} was not found: cannot check licences.`);

  let kind: VerdictKind;
  let fix: LicenseFix | null = null;
  if (!exchange || !user) {
    // Without an account Exchange's own facts still decide; a licence could not be assigned anyway.
    kind = need ? 'needs-licence' : nearLimit ? 'soon' : 'ok';
  } else if (need && !meetsNeed(exchange, need)) {
    kind = 'needs-licence';
    fix = chooseLicenseFix(user, exchange, need, skus, nearLimit);
  } else if (!need && nearLimit && exchange.plan !== 'plan2') {
    kind = 'soon';
    fix = chooseLicenseFix(user, exchange, 'plan2', skus);
  } else if (!need && exchange.sources.length > 0 && !(nearLimit && exchange.plan === 'plan2')) {
    kind = 'licensed-without-need';
  } else {
    kind = 'ok';
  }

  if (exchange) {
    for (const p of exchange.pending) notes.push(`${p.planLabel} from ${p.skuName} is not in effect yet (${p.status}).`);
    for (const p of exchange.disabled) notes.push(`${p.planLabel} is switched off in its ${p.skuName} licence.`);
    for (const id of exchange.unknownSkuIds) notes.push(`Assigned licence ${id} is not among the tenant's subscriptions.`);
  }
  const quota = mailbox.prohibitSendReceiveQuotaBytes;
  if ((quota === null || quota >= LEGACY_FREE_QUOTA_BYTES) && exchange?.plan !== 'plan2' && need) {
    notes.push(
      `Its ${quota === null ? 'unlimited' : formatBytes(quota)} quota is not a licence: shared mailboxes made before July 2018 got 100 GB free.`,
    );
  }

  return {
    kind,
    userPrincipalName: mailbox.userPrincipalName,
    displayName: mailbox.displayName,
    userId: mailbox.userId,
    sizeBytes,
    archiveSizeBytes: mailbox.archiveStatistics?.totalItemSizeBytes ?? null,
    archive,
    autoExpandingArchive: mailbox.autoExpandingArchiveEnabled,
    litigationHold: mailbox.litigationHoldEnabled,
    reasons,
    need,
    licenseCheck,
    licenses,
    exchange,
    canSignIn: user ? user.accountEnabled : null,
    fix,
    why: explain(kind, reasons, sizeBytes, soonRatio, need, exchange),
    notes,
  };
}

function explain(
  kind: VerdictKind,
  reasons: LicenseReason[],
  sizeBytes: number | null,
  soonRatio: number,
  need: LicenseNeed | null,
  exchange: ExchangePlans | null,
): string {
  const has = exchange ? describePlans(exchange) : 'licences unknown';
  const size = sizeBytes === null ? 'size unknown' : formatBytes(sizeBytes);
  switch (kind) {
    case 'needs-licence': {
      const wants = need === 'plan2' ? 'Exchange Online (Plan 2)' : 'Plan 2, or Plan 1 with Exchange Online Archiving';
      return `${reasons.map((r) => REASON_TEXT[r]).join(', ')} (${size}): needs ${wants}; has ${has}.`;
    }
    case 'soon':
      return `${size}, ${Math.floor(((sizeBytes ?? 0) / SHARED_MAILBOX_FREE_BYTES) * 100)}% of the 50 GB a shared mailbox gets without Plan 2 (warning from ${Math.round(soonRatio * 100)}%); has ${has}.`;
    case 'licensed-without-need':
      return `${size}, no archive and no hold: nothing needs its ${has}.`;
    default:
      return reasons.length > 0 ? `${reasons.map((r) => REASON_TEXT[r]).join(', ')}: covered by ${has}.` : `${size}: needs no licence.`;
  }
}

function describePlans(exchange: ExchangePlans): string {
  if (exchange.sources.length === 0) return 'no Exchange licence';
  const plan = exchange.plan === 'none' ? '' : PLAN_LABEL[exchange.plan];
  const archiving = exchange.archiving ? 'Exchange Online Archiving' : '';
  return [plan, archiving].filter(Boolean).join(' with ');
}

/** Risk group of a verdict: needs a licence, then soon, then can sign in, then money to save, then fine. */
function riskGroup(v: SharedMailboxVerdict): number {
  if (v.kind === 'needs-licence') return 0;
  if (v.kind === 'soon') return 1;
  if (v.canSignIn) return 2;
  if (v.kind === 'licensed-without-need') return 3;
  return 4;
}

/** Mailboxes most at risk first; within a group the largest first. */
export function rankByRisk(verdicts: SharedMailboxVerdict[]): SharedMailboxVerdict[] {
  return [...verdicts].sort(
    (a, b) =>
      riskGroup(a) - riskGroup(b) || (b.sizeBytes ?? -1) - (a.sizeBytes ?? -1) || a.userPrincipalName.localeCompare(b.userPrincipalName),
  );
}

export interface VerdictCounts {
  needsLicense: number;
  soon: number;
  canSignIn: number;
  licenseNotNeeded: number;
  ok: number;
  total: number;
}

export function countVerdicts(verdicts: SharedMailboxVerdict[]): VerdictCounts {
  const counts: VerdictCounts = { needsLicense: 0, soon: 0, canSignIn: 0, licenseNotNeeded: 0, ok: 0, total: verdicts.length };
  for (const v of verdicts) {
    if (v.kind === 'needs-licence') counts.needsLicense++;
    else if (v.kind === 'soon') counts.soon++;
    else if (v.kind === 'licensed-without-need') counts.licenseNotNeeded++;
    else counts.ok++;
    if (v.canSignIn) counts.canSignIn++;
  }
  return counts;
}
