// What is wrong in the tenant right now, as alert findings. Pure: the tenant's records, the
// conversation's settings, the size history and `now` in; findings out. A finding's key is stable
// (kind + object id), so the ledger can tell a new finding from one already sent.
import type { DirectoryUser, MailboxWithStatistics, SubscribedSku } from '../../model/tenant';
import { sharedMailboxVerdict } from '../licensing/shared-mailbox-verdict';
import { licencePools } from '../licensing/licence-pools';
import { percentOf } from '../mailbox-report';
import { daysSince, formatBytes, formatCount, formatPercent } from '../format';
import { assignableFix, assignLicenceData, type AssignLicenceData } from '../licensing/license-assignment';
import type { AlertKind, AlertSettings } from './settings';
import { aboveSince, daysToFull, mailboxKey, type SizeHistory } from './history';

export type Severity = 'attention' | 'warning';

export interface Finding {
  /** kind:object — e.g. "quota:<entra id>", "licence-pool:<sku id>". */
  key: string;
  kind: AlertKind;
  title: string;
  why: string;
  /** ISO time the condition is known to have started, when the data shows it. */
  since?: string;
  severity: Severity;
  /** For Details. */
  upn?: string;
  /** For Assign licence: only when a licence with free units fixes it. */
  assign?: AssignLicenceData;
}

export interface TenantFacts {
  mailboxes: MailboxWithStatistics[];
  /** Entra accounts behind shared mailboxes, by lower-case id. */
  users: Map<string, DirectoryUser>;
  skus: SubscribedSku[];
}

export interface FindingsResult {
  findings: Finding[];
  /** Kinds the facts allowed to judge: an open alert of another kind is not "resolved". */
  judgedKinds: AlertKind[];
  /** Keys that could not be judged this time (statistics missing): not resolved either. */
  unknown: Set<string>;
}

const DAY_MS = 86_400_000;

export function findingKey(kind: AlertKind, id: string): string {
  return `${kind}:${id.toLowerCase()}`;
}

export const FINDING_KEY = /^(shared-licence|quota|licence-pool|inactive):[A-Za-z0-9@._'+-]{1,256}$/;

export function alertFindings(facts: TenantFacts, settings: AlertSettings, history: SizeHistory, now: Date): FindingsResult {
  const findings: Finding[] = [];
  const unknown = new Set<string>();
  const wants = (k: AlertKind) => settings.kinds.includes(k);

  for (const m of facts.mailboxes) {
    const id = mailboxKey(m);
    const name = m.displayName || m.userPrincipalName;
    const size = m.statistics?.totalItemSizeBytes ?? null;
    if (m.statistics === null) {
      for (const k of ['quota', 'inactive'] as const) unknown.add(findingKey(k, id));
    }

    if (wants('shared-licence') && m.recipientTypeDetails === 'SharedMailbox') {
      const verdict = sharedMailboxVerdict({ mailbox: m, user: facts.users.get(m.userId.toLowerCase()) ?? null, skus: facts.skus });
      const key = findingKey('shared-licence', id);
      if (verdict.kind === 'needs-licence') {
        const fix = assignableFix(verdict);
        findings.push({
          key,
          kind: 'shared-licence',
          title: `Shared mailbox ${name} needs a licence`,
          why: [verdict.why, verdict.fix?.text].filter(Boolean).join(' '),
          severity: 'attention',
          upn: m.userPrincipalName,
          ...(fix ? { assign: assignLicenceData(verdict, fix) } : {}),
        });
      } else if (size === null) {
        unknown.add(key);
      }
    }

    if (wants('quota') && size !== null) {
      const quota = m.prohibitSendReceiveQuotaBytes;
      const percent = percentOf(size, quota);
      if (percent !== null && percent >= settings.quotaPercent) {
        const points = history[id];
        const days = daysToFull(points, quota);
        const forecast = percent >= 100 ? ' It can no longer send or receive mail.' : days === null ? '' : ` At its pace of the last days it is full in about ${formatCount(days)} day${days === 1 ? '' : 's'}.`;
        findings.push({
          key: findingKey('quota', id),
          kind: 'quota',
          title: `${name} is at ${formatPercent(percent)} of its mailbox quota`,
          why: `${formatBytes(size)} of its ${formatBytes(quota)} prohibit send/receive quota (alerts from ${settings.quotaPercent}%).${forecast}`,
          since: aboveSince(points, quota, settings.quotaPercent),
          severity: percent >= 98 ? 'attention' : 'warning',
          upn: m.userPrincipalName,
        });
      }
    }

    if (wants('inactive') && m.statistics) {
      const last = m.statistics.lastInteractionTime;
      const days = daysSince(last, now);
      if (days === null || days > settings.inactiveDays) {
        findings.push({
          key: findingKey('inactive', id),
          kind: 'inactive',
          title: `${name} has been inactive for ${days === null ? 'ever' : `${formatCount(days)} days`}`,
          why: `No interaction ${last ? `since ${last.slice(0, 10)}` : 'ever recorded'} (alerts after ${settings.inactiveDays} days). An unused mailbox may hold a licence for nothing.`,
          since: last ? new Date(Date.parse(last) + settings.inactiveDays * DAY_MS).toISOString() : undefined,
          severity: 'warning',
          upn: m.userPrincipalName,
        });
      }
    }
  }

  if (wants('licence-pool')) {
    for (const pool of licencePools(facts.skus)) {
      // A pool nobody bought (an ended trial) or a deleted subscription is not news.
      if (pool.bought <= 0 || /^deleted$/i.test(pool.status)) continue;
      if (pool.free >= settings.poolFreeBelow && pool.free > 0) continue;
      const exhausted = pool.free <= 0;
      findings.push({
        key: findingKey('licence-pool', pool.skuId),
        kind: 'licence-pool',
        title: exhausted ? `No ${pool.name} licences left` : `Only ${formatCount(pool.free)} ${pool.name} licence${pool.free === 1 ? '' : 's'} left`,
        why: `${formatCount(pool.bought)} bought, ${formatCount(pool.assigned)} assigned${pool.free < 0 ? ` (${formatCount(-pool.free)} more than bought)` : ''}; alerts below ${settings.poolFreeBelow} free.${exhausted ? ' New users cannot get this licence until more are bought or some are freed.' : ''}`,
        severity: exhausted ? 'attention' : 'warning',
      });
    }
  }

  return { findings, judgedKinds: [...settings.kinds], unknown };
}
