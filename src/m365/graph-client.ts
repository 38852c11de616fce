// Microsoft Graph v1.0, only the calls the bot makes, over the shared service pipeline. Paging links
// are followed only to the configured Graph origin, and the usage report's pre-signed download
// link is fetched without the token: the bearer token never leaves for another host.
import { nextLinkOnOrigin } from './next-link';
import { sendWithInnerRetries, type BatchItemAnswer } from './batch-retry';
import { toDirectoryUser, toGroupActivityDetail, toMailboxUsageDetail, toSubscribedSku } from './graph-records';
import { odataQuery, pathSegment } from './odata';
import { readJson, type ServicePipeline } from './pipeline';
import type { DirectoryUser, GroupActivityDetail, MailboxUsageDetail, SubscribedSku } from '../model/tenant';
import { readCsvStream } from './report-csv';
import { ServiceError, serviceErrorFromBatchItem } from './service-error';

export { odataString } from './odata';

export const GRAPH_BATCH_LIMIT = 20;
export const USER_FIELDS = [
  'id',
  'displayName',
  'userPrincipalName',
  'mail',
  'accountEnabled',
  'userType',
  'usageLocation',
  'assignedLicenses',
];

export interface GraphClientOptions {
  /** https://graph.microsoft.com */
  endpoint: string;
  pipeline: ServicePipeline;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface GraphBatchRequest {
  id?: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the version root: "/users/{id}". */
  url: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface GraphBatchResponse {
  id: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set when status ≥ 400. */
  error?: ServiceError;
}

export type MailboxUsagePeriod = 'D7' | 'D30' | 'D90' | 'D180';

type Json = any;

export class GraphClient {
  readonly pipeline: ServicePipeline;
  /** Where Graph is reached (its cloud: graph.microsoft.com, .us, chinacloudapi.cn, or the simulated tenant). */
  readonly origin: string;
  private readonly base: string;

  constructor(options: GraphClientOptions) {
    const endpoint = new URL(options.endpoint);
    this.pipeline = options.pipeline;
    this.origin = endpoint.origin;
    this.base = `${endpoint.origin}${endpoint.pathname.replace(/\/+$/, '')}/v1.0`;
  }

  /** GET one resource; `pathAndQuery` is relative to /v1.0. */
  async get<T = Json>(pathAndQuery: string, options: CallOptions & { headers?: Record<string, string> } = {}): Promise<T> {
    const response = await this.pipeline.send({
      method: 'GET',
      url: this.base + pathAndQuery,
      headers: options.headers,
      signal: options.signal,
    });
    return readJson<T>('graph', response);
  }

  /** Pages of a collection, following @odata.nextLink (headers such as ConsistencyLevel are re-sent). */
  async *pages<T = Json>(pathAndQuery: string, options: CallOptions & { headers?: Record<string, string> } = {}): AsyncGenerator<T[]> {
    let url: string | null = this.base + pathAndQuery;
    while (url) {
      const response = await this.pipeline.send({ method: 'GET', url, headers: options.headers, signal: options.signal });
      const json = readJson<{ value?: T[]; '@odata.nextLink'?: string }>('graph', response);
      yield Array.isArray(json.value) ? json.value : [];
      url = this.sameOrigin(json['@odata.nextLink'], url);
    }
  }

  async listUsers(
    select: string[] = USER_FIELDS,
    onPage?: (page: DirectoryUser[]) => void,
    options: CallOptions = {},
  ): Promise<DirectoryUser[]> {
    const all: DirectoryUser[] = [];
    for await (const page of this.pages(`/users${odataQuery({ $select: select.join(','), $top: 999 })}`, options)) {
      const users = page.map(toDirectoryUser);
      all.push(...users);
      onPage?.(users);
    }
    return all;
  }

  /** One user by id or UPN; null when Graph has none. */
  async getUser(idOrUpn: string, select: string[] = USER_FIELDS, options: CallOptions = {}): Promise<DirectoryUser | null> {
    try {
      return toDirectoryUser(await this.get(`/users/${pathSegment(idOrUpn)}${odataQuery({ $select: select.join(',') })}`, options));
    } catch (e) {
      if (e instanceof ServiceError && e.status === 404) return null;
      throw e;
    }
  }

  /**
   * Users matching an OData filter; build literals with odataString. `advanced` sends
   * ConsistencyLevel: eventual and $count=true, which endsWith, ne and NOT need.
   */
  async findUsers(filter: string, options: CallOptions & { select?: string[]; advanced?: boolean } = {}): Promise<DirectoryUser[]> {
    const query = odataQuery({
      $filter: filter,
      $select: (options.select ?? USER_FIELDS).join(','),
      $top: 999,
      $count: options.advanced ? 'true' : undefined,
    });
    const headers = options.advanced ? { ConsistencyLevel: 'eventual' } : undefined;
    const all: DirectoryUser[] = [];
    for await (const page of this.pages(`/users${query}`, { headers, signal: options.signal })) all.push(...page.map(toDirectoryUser));
    return all;
  }

  async listSubscribedSkus(options: CallOptions = {}): Promise<SubscribedSku[]> {
    const all: SubscribedSku[] = [];
    for await (const page of this.pages('/subscribedSkus', options)) all.push(...page.map(toSubscribedSku));
    return all;
  }

  /** Whether reports hide user names (the documented example wraps the answer in "value"; both are read). */
  async getReportSettings(options: CallOptions = {}): Promise<{ displayConcealedNames: boolean }> {
    const json = await this.get('/admin/reportSettings', options);
    const settings = json && typeof json.value === 'object' && json.value !== null ? json.value : json;
    return { displayConcealedNames: settings?.displayConcealedNames === true };
  }

  /** The mailbox usage report as one array (small tenants, tests); streamMailboxUsageReport for large ones. */
  async getMailboxUsageReport(period: MailboxUsagePeriod = 'D7', options: CallOptions = {}): Promise<MailboxUsageDetail[]> {
    const rows: MailboxUsageDetail[] = [];
    await this.streamMailboxUsageReport(period, (row) => rows.push(row), options);
    return rows;
  }

  /**
   * The mailbox usage report, row by row while the CSV downloads. Graph answers 302 with a
   * pre-authenticated link in Location, valid a few minutes and fetched without the token; with
   * `etag` (If-None-Match) an unchanged report answers 304 and this resolves with `notModified`.
   * Source: microsoftgraph/microsoft-graph-docs-contrib api-reference/v1.0/api/reportroot-getmailboxusagedetail.md
   * (commit 09455a65): "302 Found … Location header", "If-None-Match … 304 Not Modified",
   * "Content-Type: application/octet-stream". The CSV starts with a BOM (graph notes §1.2).
   */
  async streamMailboxUsageReport(
    period: MailboxUsagePeriod,
    onRow: (row: MailboxUsageDetail) => void,
    options: CallOptions & { etag?: string } = {},
  ): Promise<{ notModified: boolean; etag?: string; rows: number }> {
    return this.streamReport(`getMailboxUsageDetail(period='${period}')`, (r) => onRow(toMailboxUsageDetail(r)), options);
  }

  /**
   * The Microsoft 365 groups activity report: each group's mailbox items, storage and last activity
   * (no quota). Same 302 download as the mailbox usage report. Source: microsoft-graph-docs-contrib
   * api-reference/v1.0/api/reportroot-getoffice365groupsactivitydetail.md (Reports.Read.All).
   */
  async getGroupsActivityReport(period: MailboxUsagePeriod = 'D7', options: CallOptions = {}): Promise<GroupActivityDetail[]> {
    const rows: GroupActivityDetail[] = [];
    await this.streamReport(`getOffice365GroupsActivityDetail(period='${period}')`, (r) => rows.push(toGroupActivityDetail(r)), options);
    return rows;
  }

  /**
   * A usage report's CSV (`reports/<function>`), row by row as named cells, with the download and
   * If-None-Match handling of streamMailboxUsageReport; every report function documents the same
   * 302-to-a-pre-authenticated-link answer.
   */
  async streamReport(
    reportFunction: string,
    onRow: (row: Record<string, string>) => void,
    options: CallOptions & { etag?: string } = {},
  ): Promise<{ notModified: boolean; etag?: string; rows: number }> {
    const url = `${this.base}/reports/${reportFunction}`;
    const headers: Record<string, string> = { Accept: 'text/csv, application/octet-stream, */*' };
    if (options.etag) headers['If-None-Match'] = options.etag;
    const first = await this.pipeline.send({ method: 'GET', url, headers, signal: options.signal });
    if (first.status === 304) return { notModified: true, etag: options.etag, rows: 0 };
    if (first.status >= 200 && first.status < 300) {
      // Tolerated: a direct CSV answer (some proxies follow the redirect themselves).
      const rows = await readCsvStream([first.bodyText], onRow);
      return { notModified: false, etag: first.headers.get('etag') ?? undefined, rows };
    }
    const path = new URL(url).pathname;
    const location = first.headers.get('location');
    if (!location) throw reportError(first.status, 'the report answered with a redirect but no Location', path);
    const download = new URL(location, url);
    if (download.protocol !== 'https:')
      throw reportError(first.status, `the report's download link is not https (${download.origin})`, path);
    const answer = await this.pipeline.downloadWithoutToken({ method: 'GET', url: download.toString(), signal: options.signal });
    const rows = await readCsvStream(answer.body as AsyncIterable<Buffer>, onRow);
    return { notModified: false, etag: answer.headers.get('etag') ?? first.headers.get('etag') ?? undefined, rows };
  }

  /**
   * The tenant's mailbox storage on each day of the period (getMailboxUsageStorage), oldest first.
   * Same 302-to-download form as the detail report; columns Report Refresh Date, Storage Used (Byte),
   * Report Date, Report Period — microsoftgraph/microsoft-graph-docs-contrib
   * api-reference/v1.0/api/reportroot-getmailboxusagestorage.md and the mailboxUsageStorage resource.
   */
  async getMailboxUsageStorage(
    period: 'D7' | 'D30' | 'D90' | 'D180',
    options: CallOptions = {},
  ): Promise<{ date: string; bytes: number }[]> {
    const out: { date: string; bytes: number }[] = [];
    await this.streamReport(
      `getMailboxUsageStorage(period='${period}')`,
      (r) => {
        const date = (r['Report Date'] ?? '').trim();
        const bytes = Number((r['Storage Used (Byte)'] ?? '').trim());
        if (/^\d{4}-\d{2}-\d{2}$/.test(date) && Number.isFinite(bytes)) out.push({ date, bytes });
      },
      options,
    );
    return out.sort((a, b) => a.date.localeCompare(b.date));
  }

  /** Which of `groupIds` the user is a member of (transitively); 20 ids per call. */
  async checkMemberGroups(userId: string, groupIds: string[], options: CallOptions = {}): Promise<string[]> {
    const member: string[] = [];
    for (let i = 0; i < groupIds.length; i += 20) {
      const response = await this.pipeline.send({
        method: 'POST',
        url: `${this.base}/users/${pathSegment(userId)}/checkMemberGroups`,
        body: { groupIds: groupIds.slice(i, i + 20) },
        signal: options.signal,
      });
      const json = readJson<{ value?: string[] }>('graph', response);
      member.push(...(json.value ?? []));
    }
    return member;
  }

  /**
   * Adds one licence, or several, and removes `removeSkuIds` in the same all-or-nothing call (a
   * usageLocation must be set on the user first). `disabledPlans` applies to every licence added.
   */
  async assignLicense(
    userId: string,
    skuId: string | string[],
    disabledPlans: string[] = [],
    options: CallOptions & { removeSkuIds?: string[] } = {},
  ): Promise<void> {
    const add = Array.isArray(skuId) ? skuId : [skuId];
    await this.pipeline.send({
      method: 'POST',
      url: `${this.base}/users/${pathSegment(userId)}/assignLicense`,
      body: { addLicenses: add.map((id) => ({ skuId: id, disabledPlans })), removeLicenses: options.removeSkuIds ?? [] },
      signal: options.signal,
    });
  }

  /** Up to 20 requests in one $batch; throttled ones inside it are sent again. Answers in request order. */
  async batch(requests: GraphBatchRequest[], options: CallOptions = {}): Promise<GraphBatchResponse[]> {
    if (requests.length > GRAPH_BATCH_LIMIT)
      throw new Error(`a Graph $batch holds at most ${GRAPH_BATCH_LIMIT} requests, got ${requests.length}`);
    if (requests.length === 0) return [];
    const ids = requests.map((r, i) => r.id ?? String(i + 1));
    if (new Set(ids.map((id) => id.toLowerCase())).size !== ids.length) throw new Error('Graph $batch request ids must be unique');
    const items = requests.map((r, i) => ({ ...r, id: ids[i], url: relativeUrl(r.url) }));
    const batchUrl = `${this.base}/$batch`;
    const answers = await sendWithInnerRetries(items, (some) => this.sendBatch(batchUrl, some, options), {
      service: 'graph',
      retry: this.pipeline.retry,
      onRetry: this.pipeline.onRetry,
      signal: options.signal,
      path: new URL(batchUrl).pathname,
    });
    return answers.map((a, i) => ({
      id: ids[i],
      status: a.status,
      headers: a.headers,
      body: a.body,
      error: a.status >= 400 ? serviceErrorFromBatchItem('graph', a, { method: items[i].method, url: `/v1.0${items[i].url}` }) : undefined,
    }));
  }

  private async sendBatch(
    batchUrl: string,
    items: (GraphBatchRequest & { id: string })[],
    options: CallOptions,
  ): Promise<BatchItemAnswer[]> {
    const requests = items.map((r) => ({
      id: r.id,
      method: r.method,
      url: r.url,
      ...(r.body !== undefined
        ? { body: r.body, headers: { 'Content-Type': 'application/json', ...r.headers } }
        : r.headers
          ? { headers: r.headers }
          : {}),
    }));
    const response = await this.pipeline.send({ method: 'POST', url: batchUrl, body: { requests }, signal: options.signal });
    const json = readJson<{ responses?: { id: string; status: number; headers?: Record<string, string>; body?: unknown }[] }>(
      'graph',
      response,
    );
    const byId = new Map((json.responses ?? []).map((r) => [String(r.id).toLowerCase(), r]));
    return items.map((r) => {
      const a = byId.get(r.id.toLowerCase());
      if (!a)
        return {
          status: 502,
          headers: {},
          body: { error: { code: 'MissingBatchResponse', message: `the $batch answer has no response for request ${r.id}` } },
        };
      return { status: Number(a.status), headers: a.headers ?? {}, body: a.body };
    });
  }

  private sameOrigin(link: string | undefined, current: string): string | null {
    if (!link) return null;
    return nextLinkOnOrigin('graph', link, current, this.origin);
  }
}

function relativeUrl(url: string): string {
  const path = url.replace(/^https?:\/\/[^/]+/i, '').replace(/^\/(v1\.0|beta)(?=\/)/, '');
  return path.startsWith('/') ? path : `/${path}`;
}

function reportError(status: number, message: string, path: string): ServiceError {
  return new ServiceError({ service: 'graph', status, code: 'ReportDownloadFailed', serviceMessage: message, path });
}
