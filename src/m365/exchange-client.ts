// Exchange Online's admin REST gateway (what the ExchangeOnlineManagement module speaks): any cmdlet
// via POST …/adminapi/beta/{tenant}/InvokeCommand, pages via @odata.nextLink (POSTed again with the
// same body), and up to 10 cmdlets per $batch. A tenant served from its own host redirects there;
// the client then stays on the host that answered, for later pages and calls.
import { randomUUID } from 'node:crypto';
import { sendWithInnerRetries, type BatchItemAnswer } from './batch-retry';
import { ConcurrencyCap } from './concurrency-cap';
import { DEFAULT_EXCHANGE_CEILING, exchangeConcurrencyFor } from './adaptive-concurrency';
import { exchangePaceFor } from './rate-limit-pace';
import { exchangeHomeOf } from './exchange-home';
import { isExchangeHost } from './exchange-hosts';
import {
  MAILBOX_PROPERTIES,
  NEVER_USED_MAILBOX,
  toMailbox,
  toMailboxStatistics,
  withoutODataKeys,
  type ExchangeRecord,
} from './exchange-records';
import { readJson, type ServicePipeline } from './pipeline';
import type { Mailbox, MailboxStatistics } from '../model/tenant';
import { parseJsonLoosely, ServiceError, serviceErrorFromBatchItem } from './service-error';

export { exchangeFilterValue, exchangeFilterPrefix } from './exchange-filter';
export type { ExchangeRecord } from './exchange-records';

/** The system mailbox app-only callers anchor on; keeps every page of a query on one backend. */
const SYSTEM_MAILBOX = 'SystemMailbox{bb558c35-97f1-4cb9-8ff7-d53741dc928c}';
export const EXCHANGE_BATCH_LIMIT = 10;

/**
 * How long one Exchange attempt may take, answer included. The module's own HTTP timeout is 960 s
 * ("1 minute more than server timeout"; Microsoft: "Cmdlets backed by the REST API have a 15-minute
 * timeout"), sized for any cmdlet with every property. The bot asks for a dozen properties of 1,000
 * records a page, or 10 statistics a $batch, and an admin is waiting: 2 minutes is many times what
 * such a page is assumed to cost, and a timed-out attempt is sent once more (retry-policy.ts).
 */
export const EXCHANGE_ATTEMPT_TIMEOUT_MS = 120_000;

/**
 * The module's patience with a throttled or overloaded Exchange: DefaultMaxRetryTimes 5,
 * DefaultRetryIntervalInMilliSeconds 2000, DefaultRetryIntervalExponentBase 2 — waits of 2, 4, 8,
 * 16 and 32 s, about a minute in all (exo.md §1.9). The budget is time without progress
 * (retry-policy.ts), so a report keeps going while the tenant answers anyone; a report runs after
 * the chat turn has been answered (runner/), so this patience never holds a turn.
 */
export const EXCHANGE_PATIENCE = { budgetMs: 62_000, baseDelayMs: 2_000, maxDelayMs: 32_000, maxRetries: 12 } as const;

/**
 * What every Exchange pipeline of the bot gets beside its credential: the tenant's one adaptive
 * limit on requests in flight under `ceiling` (adaptive-concurrency.ts), pacing on Exchange's
 * Rate-Limit headers (rate-limit-pace.ts), redirects followed within Exchange's hosts
 * (exchange-hosts.ts), 401 sent again with a fresh token as often as the module does, the module's
 * patience, and the attempt deadline above.
 */
export function exchangePipelineOptions(endpoint: string, tenantId: string, ceiling: number = DEFAULT_EXCHANGE_CEILING) {
  const configured = new URL(endpoint);
  const concurrency = exchangeConcurrencyFor(endpoint, tenantId, ceiling);
  return {
    maxInFlight: concurrency.max,
    concurrency,
    pace: exchangePaceFor(endpoint, tenantId),
    followRedirectsTo: (url: URL) => isExchangeHost(url, configured),
    retryUnauthorizedOnce: true,
    unauthorizedRetries: 2,
    timeoutMs: EXCHANGE_ATTEMPT_TIMEOUT_MS,
    retryBudgetMs: EXCHANGE_PATIENCE.budgetMs,
    baseDelayMs: EXCHANGE_PATIENCE.baseDelayMs,
    maxDelayMs: EXCHANGE_PATIENCE.maxDelayMs,
    maxRetries: EXCHANGE_PATIENCE.maxRetries,
  };
}

export interface ExchangeClientOptions {
  /** https://outlook.office365.com */
  endpoint: string;
  tenantId: string;
  pipeline: ServicePipeline;
  /** Records per page (Prefer: odata.maxpagesize); 1000, the most Exchange gives, unless told. */
  pageSize?: number;
  /** Find the tenant's own host before the first cmdlet (exchange-home.ts); connectTenant sets it. */
  findHome?: boolean;
}

export interface ExchangeCommand {
  cmdlet: string;
  parameters?: Record<string, unknown>;
}

export type ExchangeCommandResult = { ok: true; records: ExchangeRecord[] } | { ok: false; error: ServiceError };

/** Which mailboxes Get-Mailbox lists (the mailbox report's own query is reports/mailbox-report.ts MailboxQuery). */
export interface GetMailboxFilter {
  recipientTypeDetails?: string[];
  identity?: string;
  /** An OPATH filter; build values with exchangeFilterValue. */
  filter?: string;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface InvokeOptions extends CallOptions {
  /**
   * Only these properties of each record ($select on InvokeCommand, as CIPP-API's New-ExoRequest.ps1
   * -Select and GreyCorbel/ExoHelper's -PropertiesToLoad send it). Get-Mailbox has no -PropertySets:
   * that is the client-side Get-EXOMailbox's. Exchange may ignore it; records are read by name either way.
   */
  select?: readonly string[];
}

export class ExchangeClient {
  readonly pipeline: ServicePipeline;
  /** Where calls go: the configured endpoint, or the tenant's own host once Exchange redirected there. */
  private root: string;
  private origin: string;
  private readonly configured: URL;
  private readonly basePath: string;
  private readonly anchor: string;
  private readonly connectionId = randomUUID();
  private readonly pageSize: number;
  private readonly tenantId: string;
  private homed: boolean;

  constructor(options: ExchangeClientOptions) {
    this.pageSize = Math.max(1, Math.min(1000, Math.floor(options.pageSize ?? 1000)));
    const endpoint = new URL(options.endpoint);
    this.pipeline = options.pipeline;
    this.configured = endpoint;
    this.origin = endpoint.origin;
    this.basePath = `/adminapi/beta/${encodeURIComponent(options.tenantId)}`;
    this.root = `${endpoint.origin}${endpoint.pathname.replace(/\/+$/, '')}${this.basePath}`;
    this.anchor = `APP:${SYSTEM_MAILBOX}@${options.tenantId}`;
    this.tenantId = options.tenantId;
    this.homed = !options.findHome;
  }

  /** Before the first cmdlet: the tenant's own host, found once per tenant (exchange-home.ts). */
  private async goHome(): Promise<void> {
    if (this.homed) return;
    const origin = await exchangeHomeOf(this.pipeline, this.configured, this.tenantId);
    this.answeredBy(`${origin}/`, this.root);
    this.homed = true;
  }

  /** Runs one cmdlet and yields its records page by page (OData side keys dropped). */
  async *invokeCommand(
    cmdlet: string,
    parameters: Record<string, unknown> = {},
    options: InvokeOptions = {},
  ): AsyncGenerator<ExchangeRecord[]> {
    await this.goHome();
    const query = options.select?.length ? `?$select=${options.select.join(',')}` : '';
    let firstUrl = `${this.root}/InvokeCommand${query}`;
    const headers = this.headers(cmdlet, randomUUID(), parameters.Identity);
    const body = commandBody({ cmdlet, parameters });
    let url: string | null = firstUrl;
    let page = 0;
    let delivered = 0;
    let skip = 0;
    let restarted = false;
    while (url) {
      let json: InvokeCommandAnswer;
      try {
        const response = await this.pipeline.send({ method: 'POST', url, headers, body, signal: options.signal });
        if (page === 0) firstUrl = this.answeredBy(response.url, firstUrl);
        json = readJson<InvokeCommandAnswer>('exchange', response);
      } catch (e) {
        // A page link can expire or land on another backend; the advice is to start again. Exchange
        // returns records in the same order, so the ones already handed out are skipped.
        if (page > 0 && !restarted && isExpiredPage(e)) {
          restarted = true;
          skip = delivered;
          url = firstUrl;
          continue;
        }
        throw e;
      }
      let records = (Array.isArray(json.value) ? json.value : []).map(withoutODataKeys);
      if (skip > 0) {
        const dropped = Math.min(skip, records.length);
        records = records.slice(dropped);
        skip -= dropped;
      }
      page++;
      delivered += records.length;
      if (records.length > 0) yield records;
      url = this.nextLink(json, firstUrl);
    }
  }

  /** All records of one cmdlet. */
  async invokeCommandAll(cmdlet: string, parameters: Record<string, unknown> = {}, options: InvokeOptions = {}): Promise<ExchangeRecord[]> {
    const all: ExchangeRecord[] = [];
    for await (const page of this.invokeCommand(cmdlet, parameters, options)) all.push(...page);
    return all;
  }

  /** Up to 10 cmdlets in one $batch; throttled ones inside it are sent again. One result per command, in order. */
  async batch(commands: ExchangeCommand[], options: CallOptions = {}): Promise<ExchangeCommandResult[]> {
    if (commands.length > EXCHANGE_BATCH_LIMIT)
      throw new Error(`an Exchange $batch holds at most ${EXCHANGE_BATCH_LIMIT} commands, got ${commands.length}`);
    if (commands.length === 0) return [];
    const answers = await sendWithInnerRetries(commands, (some) => this.sendBatch(some, options), {
      service: 'exchange',
      retry: this.pipeline.retry,
      onRetry: this.pipeline.onRetry,
      progress: this.pipeline.progress,
      signal: options.signal,
      path: `${this.basePath}/$batch`,
    });
    const invokePath = `${this.basePath}/InvokeCommand`;
    return answers.map((answer): ExchangeCommandResult => {
      if (answer.status >= 200 && answer.status < 300) {
        const body = (typeof answer.body === 'string' ? parseJsonLoosely(answer.body) : answer.body) as InvokeCommandAnswer | undefined;
        return { ok: true, records: (Array.isArray(body?.value) ? body!.value : []).map(withoutODataKeys) };
      }
      return { ok: false, error: serviceErrorFromBatchItem('exchange', answer, { method: 'POST', url: invokePath }) };
    });
  }

  /** Get-Mailbox, page by page, as Mailbox records. RecipientTypeDetails is filtered by Exchange. */
  async *mailboxPages(query: GetMailboxFilter = {}, options: CallOptions = {}): AsyncGenerator<Mailbox[]> {
    for await (const page of this.invokeCommand('Get-Mailbox', mailboxParameters(query), { ...options, select: MAILBOX_PROPERTIES }))
      yield page.map(toMailbox);
  }

  async getMailboxes(query: GetMailboxFilter = {}, onPage?: (page: Mailbox[]) => void, options: CallOptions = {}): Promise<Mailbox[]> {
    const all: Mailbox[] = [];
    for await (const page of this.mailboxPages(query, options)) {
      all.push(...page);
      onPage?.(page);
    }
    return all;
  }

  /** One mailbox by UPN, address, alias or id; null when Exchange has none. */
  async getMailbox(identity: string, options: CallOptions = {}): Promise<Mailbox | null> {
    try {
      const found = await this.getMailboxes({ identity }, undefined, options);
      return found[0] ?? null;
    } catch (e) {
      if (e instanceof ServiceError && e.notFound) return null;
      throw e;
    }
  }

  /**
   * Get-MailboxStatistics for each identity, 10 per $batch, with no more batches in flight than the
   * pipeline's cap. A failure stays with its identity instead of failing the whole call.
   */
  async getMailboxStatistics(
    identities: string[],
    options: CallOptions & { archive?: boolean; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<Map<string, MailboxStatistics | ServiceError>> {
    const results = new Map<string, MailboxStatistics | ServiceError>();
    const unique = [...new Set(identities)];
    const cap = new ConcurrencyCap(this.pipeline.maxInFlight);
    let done = 0;
    const chunks: string[][] = [];
    for (let i = 0; i < unique.length; i += EXCHANGE_BATCH_LIMIT) chunks.push(unique.slice(i, i + EXCHANGE_BATCH_LIMIT));
    await Promise.all(
      chunks.map((chunk) =>
        cap.run(async () => {
          const answers = await this.batch(
            chunk.map((id) => statisticsCommand(id, options.archive)),
            options,
          );
          chunk.forEach((id, i) => results.set(id, statisticsFrom(answers[i])));
          done += chunk.length;
          options.onProgress?.(done, unique.length);
        }, options.signal),
      ),
    );
    return results;
  }

  private async sendBatch(commands: ExchangeCommand[], options: CallOptions): Promise<BatchItemAnswer[]> {
    await this.goHome();
    const batchUrl = `${this.root}/$batch`;
    const requestHeaders = (c: ExchangeCommand) => {
      const { 'connection-id': _c, ...h } = this.headers(c.cmdlet, randomUUID(), c.parameters?.Identity);
      void _c;
      return h;
    };
    // Each item names the absolute InvokeCommand URL, as every client found does: CIPP-API
    // New-ExoBulkRequest.ps1 puts "https://outlook.office365.com/adminapi/beta/{tenant}/InvokeCommand"
    // in each request; the ExchangeOnlineManagement module batches the same $Uri it would POST to.
    const requests = commands.map((c, i) => ({
      id: String(i + 1),
      method: 'POST',
      url: `${this.root}/InvokeCommand`,
      headers: requestHeaders(c),
      body: commandBody(c),
    }));
    const response = await this.pipeline.send({
      method: 'POST',
      url: batchUrl,
      headers: {
        'X-AnchorMailbox': this.anchor,
        'X-ResponseFormat': 'json',
        // Without continue-on-error an OData batch may stop at its first failed request.
        Prefer: 'odata.continue-on-error',
        'connection-id': this.connectionId,
      },
      body: { requests },
      signal: options.signal,
    });
    this.answeredBy(response.url, batchUrl);
    const json = readJson<{ responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[] }>(
      'exchange',
      response,
    );
    const byId = new Map((json.responses ?? []).map((r) => [String(r.id), r]));
    return requests.map((r) => {
      const answer = byId.get(r.id);
      if (!answer)
        return {
          status: 502,
          headers: {},
          body: { error: { code: 'MissingBatchResponse', message: `the $batch answer has no response for request ${r.id}` } },
        };
      return { status: Number(answer.status), headers: answer.headers ?? {}, body: answer.body };
    });
  }

  private headers(cmdlet: string, requestId: string, identity?: unknown): Record<string, string> {
    const hint = routingHint(identity, this.tenantId);
    return {
      'Content-Type': 'application/json',
      'X-AnchorMailbox': hint ?? this.anchor,
      ...(hint ? { 'parameter-based-routing': 'true' } : {}),
      Prefer: `odata.maxpagesize=${this.pageSize}`,
      'X-ResponseFormat': 'json',
      'X-CmdletName': cmdlet,
      'client-request-id': requestId,
      'connection-id': this.connectionId,
    };
  }

  /**
   * After a redirect, later calls go straight to the host that answered (ScubaGear resolves the
   * tenant's host once and uses it for every call). Returns `url` moved to that host.
   */
  private answeredBy(answered: string, url: string): string {
    const origin = new URL(answered).origin;
    if (origin === this.origin) return url;
    this.origin = origin;
    this.root = `${origin}${this.configured.pathname.replace(/\/+$/, '')}${this.basePath}`;
    const moved = new URL(url);
    return `${origin}${moved.pathname}${moved.search}`;
  }

  /**
   * Absolute or relative links are both seen, resolved against the page that answered. Only links to
   * Exchange's hosts are followed (exchange-hosts.ts), so no answer can send the token elsewhere.
   */
  private nextLink(json: InvokeCommandAnswer, answered: string): string | null {
    const link = json['@odata.nextLink'] ?? json['odata.nextLink'];
    if (typeof link !== 'string' || link === '') return null;
    const url = new URL(link, answered);
    if (!isExchangeHost(url, this.configured)) {
      throw new ServiceError({
        service: 'exchange',
        status: 0,
        code: 'ForeignNextLink',
        serviceMessage: `Exchange Online pointed the next page at ${url.origin}, which is not one of its hosts; the bot does not send its token there`,
      });
    }
    return url.toString();
  }
}

interface InvokeCommandAnswer {
  value?: ExchangeRecord[] | null;
  '@odata.nextLink'?: string;
  'odata.nextLink'?: string;
}

export function commandBody(c: ExchangeCommand): { CmdletInput: { CmdletName: string; Parameters: Record<string, unknown> } } {
  return { CmdletInput: { CmdletName: c.cmdlet, Parameters: c.parameters ?? {} } };
}

export function mailboxParameters(query: GetMailboxFilter): Record<string, unknown> {
  const p: Record<string, unknown> = {};
  if (query.identity) p.Identity = query.identity;
  else p.ResultSize = 'Unlimited';
  if (query.recipientTypeDetails?.length) p.RecipientTypeDetails = query.recipientTypeDetails;
  // Microsoft Learn, Get-Mailbox: "The GroupMailbox switch is required to return Microsoft 365
  // Groups in the results"; a RecipientTypeDetails filter alone does not find them.
  if (query.recipientTypeDetails?.includes('GroupMailbox')) p.GroupMailbox = true;
  if (query.filter) p.Filter = query.filter;
  return p;
}

export function statisticsCommand(identity: string, archive?: boolean): ExchangeCommand {
  return { cmdlet: 'Get-MailboxStatistics', parameters: archive ? { Identity: identity, Archive: true } : { Identity: identity } };
}

/** Statistics from one command's result; a never-used mailbox counts as empty, not as a failure. */
export function statisticsFrom(result: ExchangeCommandResult): MailboxStatistics | ServiceError {
  if (!result.ok) {
    if (/hasn't logged on|has not logged on|never logged on/i.test(result.error.serviceMessage)) return { ...NEVER_USED_MAILBOX };
    return result.error;
  }
  const record = result.records[0];
  if (!record) return { ...NEVER_USED_MAILBOX };
  try {
    return toMailboxStatistics(record);
  } catch (e) {
    return new ServiceError({ service: 'exchange', status: 200, code: 'UnreadableStatistics', serviceMessage: (e as Error).message });
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A cmdlet about one mailbox is routed to that mailbox's backend, as the module does: its
 * Get-MailboxIDBasedRoutingHint turns an address into `SMTP:<address>` and a GUID into
 * `MBX:<guid>@<organization>`, sent with `parameter-based-routing: true` (exo.md §1.3); CIPP-API
 * New-ExoBulkRequest.ps1 anchors each $batch item on its Identity the same way. Anything else (an
 * alias, a display name) keeps the system-mailbox anchor.
 */
export function routingHint(identity: unknown, organization: string): string | null {
  if (typeof identity !== 'string') return null;
  const id = identity.trim();
  if (GUID.test(id)) return `MBX:${id}@${organization}`;
  if (/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(id)) return `SMTP:${id}`;
  return null;
}

function isExpiredPage(e: unknown): boolean {
  return e instanceof ServiceError && e.status === 400 && /pagination|skiptoken|expired/i.test(e.serviceMessage);
}
