// What an alert kind is: its words in `alerts on`, its labels, its threshold, what it reads from the
// tenant, how it judges, and what its card's Details button opens. One spec per kind, in kinds/;
// the list of kinds is kinds/index.ts. Pure: facts, settings and `now` in, findings out.
import type {
  ArchiveFigures,
  HeldMailbox,
  CompanySubscription,
  DirectoryUser,
  MailboxWithStatistics,
  RecipientTypeDetails,
  SubscribedSku,
} from '../../model/tenant';
import type { AssignLicenseData } from '../licensing/license-assignment';
import type { SizeHistory } from './history';
import type { GrowthTable } from '../growth';

export type Severity = 'attention' | 'warning';

export interface Finding {
  /** kind:object — e.g. "quota:<entra id>", "licence-pool:<sku id>". */
  key: string;
  kind: string;
  title: string;
  why: string;
  /** ISO time the condition is known to have started, when the data shows it. */
  since?: string;
  severity: Severity;
  /** For Details. */
  upn?: string;
  /** For Assign licence: only when a licence with free units fixes it. */
  assign?: AssignLicenseData;
  /**
   * The day it is projected to be full (YYYY-MM-DD). A finding with one is not reminded daily: it is
   * alerted again only when this moves notably closer than when it was last sent.
   */
  projectedFull?: string;
  /** Sent once and never reminded while it stays open. */
  once?: true;
}

export interface TenantFacts {
  mailboxes: MailboxWithStatistics[];
  /** Entra accounts behind shared mailboxes, by lower-case id. */
  users: Map<string, DirectoryUser>;
  skus: SubscribedSku[];
  /** The tenant's commercial subscriptions with their next lifecycle dates, when a kind reads them. */
  subscriptions?: CompanySubscription[];
  /** Set when sizes come from Microsoft 365's usage report (a large tenant): its day, YYYY-MM-DD. */
  usageDate?: string | null;
  /** Every mailbox's growth from the stored history (kinds that read `growth`). */
  growth?: GrowthTable;
  /** The archives' stored readings, when a kind reads them. */
  archives?: ArchiveFigures[];
  /** The mailboxes on Litigation Hold the archive refresh last listed, when a kind reads them. */
  heldMailboxes?: HeldMailbox[];
}

/** What a kind needs read from the tenant; a cycle reads the union for every subscribed kind. */
export interface AlertReads {
  /** Which mailboxes, with statistics: every one, or only the shared ones. */
  mailboxes?: 'all' | Extract<RecipientTypeDetails, 'SharedMailbox'>;
  /** The tenant's subscriptions (GET /subscribedSkus). */
  skus?: boolean;
  /** The Entra accounts behind the shared mailboxes. */
  sharedMailboxAccounts?: boolean;
  /** Every mailbox's growth from the history store. */
  growth?: boolean;
  /** The commercial subscriptions and their renewal dates (GET /directory/subscriptions). */
  subscriptions?: boolean;
  /** The archives' stored readings (kept by the background archive refresh). */
  archives?: boolean;
  /** The mailboxes on Litigation Hold the archive refresh lists (Get-Mailbox -Filter), archive or not. */
  heldMailboxes?: boolean;
}

export interface AlertThreshold<S extends string> {
  /** Its field in the stored settings, e.g. quotaPercent. */
  setting: S;
  default: number;
  /** For `alerts on` help: the number's name, e.g. PERCENT. */
  usage: string;
  /** Why a number is refused, or null when it is fine. */
  refuse(n: number): string | null;
  /** How `alerts` shows the setting, e.g. "from 90%". */
  describe(n: number): string;
}

export interface Judging {
  /** This conversation's threshold of the kind (NaN for a kind without one). */
  threshold: number;
  facts: TenantFacts;
  history: SizeHistory;
  now: Date;
  key(id: string): string;
}

export interface AlertKindSpec<K extends string = string, S extends string = string> {
  kind: K;
  /** Words that choose it in `alerts on`; the first is the one help and errors show. */
  words: readonly string[];
  /** In `alerts`: "mailboxes near their quota". */
  label: string;
  /** On its card, upper case: "QUOTA ALERT". */
  cardLabel: string;
  /** Chosen when `alerts on` names no kind. */
  byDefault: boolean;
  threshold?: AlertThreshold<S>;
  reads: AlertReads;
  /** One mailbox: a finding, 'unknown' (its data is missing: an open alert is not resolved), or nothing. */
  judgeMailbox?(mailbox: MailboxWithStatistics, j: Judging): Finding | 'unknown' | null;
  /** The tenant as a whole (licence pools). */
  judgeTenant?(j: Judging): Finding[];
  /** What Details opens on its card: the mailbox (findings with a upn) or a chat command. */
  details: { mailbox: true } | { command: string };
  /** The rule behind the alert, as Microsoft publishes it: its card links the page. */
  rule?: { title: string; url: string };
}

/** Keeps the kind's and its setting's names as literal types, so the registry can derive its unions. */
export function defineAlertKind<const K extends string, const S extends string = never>(spec: AlertKindSpec<K, S>): AlertKindSpec<K, S> {
  return spec;
}

export function findingKey(kind: string, id: string): string {
  return `${kind}:${id.toLowerCase()}`;
}
