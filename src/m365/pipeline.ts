// One HTTP pipeline per Microsoft service, shared by the Graph and Exchange clients: bearer token
// from the managed identity, our retry policy (and no other), a deadline per attempt, and a cap on
// requests in flight (fixed, or adaptive per tenant for Exchange). Redirects are followed only to
// hosts the caller allows (Exchange's own); otherwise a caller decides, and never with the token.
import * as https from 'node:https';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import type { TokenCredential } from '@azure/identity';
import {
  bearerTokenAuthenticationPolicy,
  createDefaultHttpClient,
  createEmptyPipeline,
  createHttpHeaders,
  createPipelineRequest,
  type HttpClient,
  type HttpHeaders,
  type Pipeline,
  type PipelinePolicy,
} from '@azure/core-rest-pipeline';
import { adaptiveConcurrencyPolicy, type AdaptiveConcurrency } from './adaptive-concurrency';
import { attemptTimeoutPolicy } from './attempt-timeout';
import { ConcurrencyCap, concurrencyCapPolicy } from './concurrency-cap';
import { rateLimitPacePolicy, type RateLimitPace } from './rate-limit-pace';
import { allowedHostRedirectPolicy } from './redirect-policy';
import { DEFAULT_RETRY, serviceRetryPolicy, type RetryInfo, type RetrySettings } from './retry-policy';
import { ServiceError, serviceErrorFromResponse, type ServiceName } from './service-error';

export interface ServicePipelineOptions {
  service: 'graph' | 'exchange';
  credential: TokenCredential;
  /** e.g. https://graph.microsoft.com/.default */
  scope: string;
  /** A fixed cap on requests in flight; ignored when `concurrency` is given. */
  maxInFlight: number;
  /** Requests in flight found at run time, shared by every pipeline of the same tenant (Exchange). */
  concurrency?: AdaptiveConcurrency;
  /** Waits on the budget the service's Rate-Limit headers announce (Exchange). */
  pace?: RateLimitPace;
  /** Redirects are followed to hosts this allows (same method and body, token re-signed); absent = none followed. */
  followRedirectsTo?: (url: URL) => boolean;
  /**
   * A 401 that names a challenge (WWW-Authenticate) is sent once more with a token asked of the
   * credential again, as the ExchangeOnlineManagement module does (401 is in its
   * RetryableHTTPResponses); a second 401 is the answer.
   */
  retryUnauthorizedOnce?: boolean;
  /**
   * Beyond that resend, how many more times the retry policy sends a request that got 401, each
   * after a backoff and with its own fresh-token resend (Exchange: 2, so 6 sends in all, the
   * module's 1 + DefaultMaxRetryTimes 5 with 401 in RetryableHTTPResponses).
   */
  unauthorizedRetries?: number;
  /** Deadline for each attempt, answer included. */
  timeoutMs: number;
  maxRetries: number;
  /** Total time one call may spend, retries and waits included (default 120 s). */
  retryBudgetMs?: number;
  /** First backoff step and the longest backoff step (defaults 1 s and 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** PEM to trust instead of the system store (the simulated tenant's certificate). */
  tlsCa?: string;
  onRetry?: (info: RetryInfo) => void;
  /** Tests only: the transport. */
  httpClient?: HttpClient;
}

export interface ServiceRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  /** Sent as JSON unless it is already a string. */
  body?: unknown;
  signal?: AbortSignal;
}

export interface ServiceResponse {
  status: number;
  headers: HttpHeaders;
  bodyText: string;
  url: string;
}

/** A 2xx answer whose body is read as it arrives (large downloads), not buffered. */
export interface ServiceDownload {
  status: number;
  headers: HttpHeaders;
  body: NodeJS.ReadableStream;
  url: string;
}

export interface ServicePipeline {
  readonly service: 'graph' | 'exchange';
  /** The most requests this pipeline ever has in flight: callers may queue that much work. */
  readonly maxInFlight: number;
  readonly retry: RetrySettings;
  readonly onRetry?: (info: RetryInfo) => void;
  /** When the service last answered cleanly (adaptive pipelines; 0 = unknown): for retries that wait on progress. */
  readonly progress?: () => number;
  /** Sends with the bearer token. Resolves for 1xx–3xx; a 4xx/5xx (after retries) rejects with ServiceError. */
  send(request: ServiceRequest): Promise<ServiceResponse>;
  /** One attempt, no retry; a 3xx is handed back as it came (its Location read by the caller), not followed. */
  sendKeepingRedirect(request: ServiceRequest): Promise<ServiceResponse>;
  /** Same retry, timeout and cap, but no token: for pre-signed download links on other hosts. */
  sendWithoutToken(request: ServiceRequest): Promise<ServiceResponse>;
  /** Like sendWithoutToken, but a 2xx body is streamed to the caller instead of held as one string. */
  downloadWithoutToken(request: ServiceRequest): Promise<ServiceDownload>;
  /** Closes idle keep-alive connections. */
  close(): void;
}

export function createServicePipeline(options: ServicePipelineOptions): ServicePipeline {
  const retry: RetrySettings = {
    maxRetries: options.maxRetries,
    budgetMs: options.retryBudgetMs ?? DEFAULT_RETRY.budgetMs,
    baseDelayMs: options.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
  };
  const adaptive = options.concurrency;
  const progress = adaptive ? () => adaptive.lastProgressAt : undefined;
  const cap = new ConcurrencyCap(options.maxInFlight);
  // One agent per pipeline so connections are reused; the CA replaces the system store only when given.
  const agent = new https.Agent({ keepAlive: true, ...(options.tlsCa ? { ca: options.tlsCa } : {}) });
  const httpClient = options.httpClient ?? createDefaultHttpClient();

  /** `once`: a single attempt, no retry and no challenge resend (a probe the caller can do without). */
  const build = (withToken: boolean, followRedirects = true, once = false): Pipeline => {
    const pipeline = createEmptyPipeline();
    pipeline.addPolicy(agentAndRequestIdPolicy(agent));
    pipeline.addPolicy(
      serviceRetryPolicy({
        ...retry,
        ...(once ? { maxRetries: 0, budgetMs: 0 } : {}),
        service: options.service,
        onRetry: options.onRetry,
        progress,
        unauthorizedRetries: withToken && !once ? options.unauthorizedRetries : 0,
      }),
      { phase: 'Retry' },
    );
    if (options.followRedirectsTo && followRedirects)
      pipeline.addPolicy(allowedHostRedirectPolicy(options.service, options.followRedirectsTo), { afterPhase: 'Retry' });
    pipeline.addPolicy(adaptive ? adaptiveConcurrencyPolicy(adaptive) : concurrencyCapPolicy(cap), { afterPhase: 'Retry' });
    if (options.pace) pipeline.addPolicy(rateLimitPacePolicy(options.pace), { afterPhase: 'Retry' });
    pipeline.addPolicy(attemptTimeoutPolicy(options.timeoutMs), { afterPhase: 'Retry' });
    if (withToken) {
      const challengeCallbacks =
        options.retryUnauthorizedOnce && !once ? { authorizeRequestOnChallenge: freshTokenOnce(options.credential) } : undefined;
      pipeline.addPolicy(bearerTokenAuthenticationPolicy({ credential: options.credential, scopes: options.scope, challengeCallbacks }), {
        phase: 'Sign',
      });
    }
    return pipeline;
  };
  const signed = build(true);
  const unsigned = build(false);
  let unfollowed: Pipeline | undefined;

  const sendWith = async (pipeline: Pipeline, req: ServiceRequest, keepRedirect = false): Promise<ServiceResponse> => {
    const headers = createHttpHeaders({ Accept: 'application/json', ...req.headers });
    let body: string | undefined;
    if (req.body !== undefined) {
      body = typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
      if (!headers.has('Content-Type')) headers.set('Content-Type', 'application/json');
    }
    const request = createPipelineRequest({
      url: req.url,
      method: req.method,
      headers,
      body,
      abortSignal: req.signal,
    });
    const response = await pipeline.sendRequest(httpClient, request);
    // A redirect left unfollowed would be read as an empty success; for Exchange it is an error.
    if (response.status >= 400 || (options.followRedirectsTo && !keepRedirect && response.status >= 300)) {
      throw serviceErrorFromResponse(
        options.service,
        { status: response.status, bodyText: response.bodyAsText, header: (n) => response.headers.get(n) },
        request,
      );
    }
    // The URL that answered, after any redirect: the client pages on that host.
    return { status: response.status, headers: response.headers, bodyText: response.bodyAsText ?? '', url: response.request.url };
  };

  const download = async (req: ServiceRequest): Promise<ServiceDownload> => {
    const request = createPipelineRequest({
      url: req.url,
      method: req.method,
      headers: createHttpHeaders({ Accept: '*/*', ...req.headers }),
      abortSignal: req.signal,
      // Only a success is streamed; an error answer is short and read as text for its message.
      streamResponseStatusCodes: new Set([200, 203, 206]),
    });
    const response = await unsigned.sendRequest(httpClient, request);
    // A transport that buffers anyway (tests' fakes) still gives its text as a one-chunk stream.
    if (response.status < 400 && !response.readableStreamBody && typeof response.bodyAsText === 'string') {
      return { status: response.status, headers: response.headers, body: Readable.from([response.bodyAsText]), url: req.url };
    }
    if (response.status >= 400 || !response.readableStreamBody) {
      throw serviceErrorFromResponse(
        options.service,
        {
          status: response.status >= 400 ? response.status : 502,
          bodyText: response.bodyAsText ?? 'the download had no body',
          header: (n) => response.headers.get(n),
        },
        request,
      );
    }
    return { status: response.status, headers: response.headers, body: response.readableStreamBody, url: req.url };
  };

  return {
    service: options.service,
    maxInFlight: adaptive ? adaptive.max : options.maxInFlight,
    retry,
    onRetry: options.onRetry,
    progress,
    send: (req) => sendWith(signed, req),
    sendKeepingRedirect: (req) => sendWith((unfollowed ??= build(true, false, true)), req, true),
    sendWithoutToken: (req) => sendWith(unsigned, req),
    downloadWithoutToken: download,
    close: () => agent.destroy(),
  };
}

/**
 * The bearer policy calls this on a 401 with WWW-Authenticate: ask the credential itself (not the
 * policy's cached token) and send once more. A managed identity's token source may hand back the
 * token it has cached; the retry still rides out a 401 that was the service's passing fault.
 */
function freshTokenOnce(credential: TokenCredential) {
  return async (options: { scopes: string[]; request: { headers: HttpHeaders; abortSignal?: unknown } }): Promise<boolean> => {
    const token = await credential.getToken(options.scopes, { abortSignal: options.request.abortSignal as AbortSignal | undefined });
    if (!token) return false;
    options.request.headers.set('Authorization', `Bearer ${token.token}`);
    return true;
  };
}

function agentAndRequestIdPolicy(agent: https.Agent): PipelinePolicy {
  return {
    name: 'agentAndRequestIdPolicy',
    sendRequest(request, next) {
      if (request.url.startsWith('https:')) request.agent = agent;
      if (!request.headers.has('client-request-id')) request.headers.set('client-request-id', randomUUID());
      return next(request);
    },
  };
}

/** Parses a JSON answer, naming the service when it is not JSON. */
export function readJson<T = unknown>(service: ServiceName, response: ServiceResponse): T {
  try {
    return JSON.parse(response.bodyText.replace(/^\uFEFF/, '')) as T;
  } catch {
    throw new ServiceError({
      service,
      status: response.status,
      code: 'InvalidResponse',
      serviceMessage: `the answer is not JSON (${response.bodyText.slice(0, 80)})`,
      path: new URL(response.url).pathname,
    });
  }
}
