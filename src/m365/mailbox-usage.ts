// Microsoft 365's mailbox usage report (Graph getMailboxUsageDetail), downloaded once and kept per
// tenant: every report and every admin of this bot process reads the same copy until Microsoft
// publishes a newer one. Graph allows 14 CSV downloads per 10 minutes per app and tenant (40 for
// all apps), counted per report API — microsoftgraph/microsoft-graph-docs-contrib
// concepts/throttling-limits.md, "Microsoft Graph reports service limits" — so a download per
// command would lock out the 15th admin; the report changes once a day anyway (data 24–48 h old).
import { concealedForm, type ConcealedForm } from './graph-records';
import type { GraphClient } from './graph-client';
import type { MailboxUsageDetail } from '../model/tenant';
import { isServiceError } from './service-error';

export interface MailboxUsage {
  /** The day the data describes (the CSV's Report Refresh Date), YYYY-MM-DD; null if the report has none. */
  refreshDate: string | null;
  /** Mailboxes that exist (rows marked deleted are left out). */
  rows: MailboxUsageDetail[];
  deletedRows: number;
  /** Set when the tenant conceals names in reports: the rows cannot be joined to mailboxes. */
  concealed: ConcealedForm | null;
  /** When this copy was downloaded (ms since epoch). */
  downloadedAt: number;
  etag?: string;
}

export type MailboxUsageLookup =
  | { ok: true; usage: MailboxUsage; downloaded: boolean; throttled?: boolean }
  | { ok: false; reason: 'throttled' | 'forbidden' | 'failed' | 'not-in-this-cloud'; message: string };

/**
 * Graph's usage report exists in the global service only: learn.microsoft.com/graph/api/reportroot-getmailboxusagedetail,
 * "This API is available in the following national cloud deployments": Global service ✅, US
 * Government L4 ❌, US Government L5 (DOD) ❌, China operated by 21Vianet ❌. There the bot reads every
 * mailbox live, and the card says why.
 */
const CLOUDS_WITHOUT_USAGE_REPORTS: Record<string, string> = {
  'https://graph.microsoft.us': 'US Government',
  'https://dod-graph.microsoft.us': 'US Government (DoD)',
  'https://microsoftgraph.chinacloudapi.cn': 'Microsoft 365 operated by 21Vianet',
};

/**
 * Where a downloaded report is kept beyond this process (Blob Storage), so a card button made by
 * another instance, or before a restart, finds the copy its snapshot was built on.
 */
export interface UsageKeeper {
  save(tenantId: string, usage: MailboxUsage): Promise<void>;
  /** The copy downloaded at `downloadedAt`, if still kept. */
  load(tenantId: string, downloadedAt: number): Promise<MailboxUsage | undefined>;
}

export interface MailboxUsageCacheOptions {
  keeper?: UsageKeeper;
  /** Told when keeping a copy failed (the buttons of this copy then need a refresh elsewhere). */
  onKeepFailed?: (err: unknown) => void;
  /**
   * How long a copy is used without asking Graph whether a newer one exists (default 30 min). The
   * question is a conditional request (If-None-Match), answered 304 while the report is unchanged.
   */
  recheckMs?: number;
  now?: () => number;
}

interface Entry {
  usage?: MailboxUsage;
  checkedAt: number;
  /** After a 429: no request before this time. */
  quietUntil: number;
  inFlight?: Promise<MailboxUsageLookup>;
}

/** Graph's report limit is per 10 minutes; without a usable Retry-After, ask again after this. */
const THROTTLED_QUIET_MS = 60_000;
/** Share of rows with hashed names from which the report counts as concealed. */
const CONCEALED_SHARE = 0.5;

/** The usage report as the bot shares it: one cache for every report and admin, and when it is used. */
export interface UsageServices {
  reports: MailboxUsageCache;
  /** Mailboxes from which whole-tenant reports take their figures from the usage report. */
  threshold: number;
}

export class MailboxUsageCache {
  private readonly entries = new Map<string, Entry>();
  private downloads = 0;

  constructor(private readonly options: MailboxUsageCacheOptions = {}) {}

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** How many times a report was downloaded (not answered 304) by this process: for logs and tests. */
  get downloadCount(): number {
    return this.downloads;
  }

  /** The copy in hand, without asking Graph (card buttons, which must not call the tenant). */
  peek(tenantId: string): MailboxUsage | undefined {
    return this.entries.get(tenantId)?.usage;
  }

  /**
   * The copy downloaded at `downloadedAt` (a snapshot's), from memory or else from where copies
   * are kept (another instance's download, or this one's before a restart); never from Graph.
   */
  async find(tenantId: string, downloadedAt: number): Promise<MailboxUsage | undefined> {
    const entry = this.entries.get(tenantId);
    if (entry?.usage?.downloadedAt === downloadedAt) return entry.usage;
    const kept = await this.options.keeper?.load(tenantId, downloadedAt);
    if (!kept) return undefined;
    // A newer copy than the one in hand (or none): the next report uses it too, after a 304.
    const current = this.entries.get(tenantId) ?? { checkedAt: 0, quietUntil: 0 };
    if (!current.usage || current.usage.downloadedAt < kept.downloadedAt) {
      current.usage = kept;
      current.checkedAt = 0;
      this.entries.set(tenantId, current);
    }
    return kept;
  }

  /**
   * The report for `tenantId`: the kept copy while it is recent, else Graph is asked (once, however
   * many callers wait). A throttled or failed request falls back on the kept copy when there is one.
   */
  async get(tenantId: string, graph: GraphClient, options: { signal?: AbortSignal; recheck?: boolean } = {}): Promise<MailboxUsageLookup> {
    const cloud = CLOUDS_WITHOUT_USAGE_REPORTS[String(graph.origin).toLowerCase()];
    if (cloud) {
      return {
        ok: false,
        reason: 'not-in-this-cloud',
        message: `Microsoft publishes no usage reports in the ${cloud} cloud, only in the global one`,
      };
    }
    const entry = this.entries.get(tenantId) ?? { checkedAt: 0, quietUntil: 0 };
    this.entries.set(tenantId, entry);
    const now = this.now();
    if (entry.inFlight) return entry.inFlight;
    // `recheck` (a history collection asked for now): a conditional request, 304 while unchanged.
    if (entry.usage && !options.recheck && now - entry.checkedAt < (this.options.recheckMs ?? 30 * 60_000))
      return { ok: true, usage: entry.usage, downloaded: false };
    if (now < entry.quietUntil) {
      return entry.usage
        ? { ok: true, usage: entry.usage, downloaded: false, throttled: true }
        : { ok: false, reason: 'throttled', message: throttledMessage() };
    }
    const run = this.fetch(tenantId, entry, graph, options.signal).finally(() => (entry.inFlight = undefined));
    entry.inFlight = run;
    return run;
  }

  private async fetch(tenantId: string, entry: Entry, graph: GraphClient, signal?: AbortSignal): Promise<MailboxUsageLookup> {
    const rows: MailboxUsageDetail[] = [];
    let deleted = 0;
    let hashed = 0;
    let hashedForm: ConcealedForm | null = null;
    let refreshDate: string | null = null;
    // Dates repeat across 100,000 rows (one refresh date, a few hundred activity days): one string each.
    const dates = new Map<string, string>();
    const same = (d: string | null): string | null => {
      if (d === null) return null;
      const known = dates.get(d);
      if (known !== undefined) return known;
      dates.set(d, d);
      return d;
    };
    try {
      const answer = await graph.streamMailboxUsageReport(
        'D7',
        (row) => {
          row.reportRefreshDate = same(row.reportRefreshDate);
          row.lastActivityDate = same(row.lastActivityDate);
          const form = concealedForm(row.userPrincipalName);
          if (form) {
            hashed++;
            hashedForm ??= form;
          }
          if (row.reportRefreshDate && (!refreshDate || row.reportRefreshDate > refreshDate)) refreshDate = row.reportRefreshDate;
          if (row.isDeleted) deleted++;
          else rows.push(row);
        },
        { etag: entry.usage?.etag, signal },
      );
      entry.checkedAt = this.now();
      if (answer.notModified && entry.usage) return { ok: true, usage: entry.usage, downloaded: false };
      this.downloads++;
      const total = rows.length + deleted;
      const usage: MailboxUsage = {
        refreshDate,
        rows,
        deletedRows: deleted,
        concealed: total > 0 && hashed / total >= CONCEALED_SHARE ? hashedForm : null,
        downloadedAt: this.now(),
        etag: answer.etag,
      };
      entry.usage = usage;
      if (this.options.keeper) await this.options.keeper.save(tenantId, usage).catch((err) => this.options.onKeepFailed?.(err));
      return { ok: true, usage, downloaded: true };
    } catch (err) {
      if (signal?.aborted) throw err;
      const status = isServiceError(err) ? err.status : 0;
      if (status === 429) entry.quietUntil = this.now() + THROTTLED_QUIET_MS;
      if (entry.usage) return { ok: true, usage: entry.usage, downloaded: false, throttled: status === 429 };
      if (status === 429) return { ok: false, reason: 'throttled', message: throttledMessage() };
      if (status === 401 || status === 403) {
        return {
          ok: false,
          reason: 'forbidden',
          message: "the bot's identity may not read Microsoft 365 usage reports (Graph application permission Reports.Read.All)",
        };
      }
      return { ok: false, reason: 'failed', message: err instanceof Error ? err.message : String(err) };
    }
  }
}

function throttledMessage(): string {
  return 'Microsoft Graph is throttling usage report downloads (14 per 10 minutes per app)';
}
