// The one error type every call to Microsoft ends in. It carries the HTTP status and the service's
// own words, dug out of Graph's or Exchange's error envelope, so callers can explain a failure to an
// admin without knowing either wire format.

export type ServiceName = 'graph' | 'exchange' | 'identity';

export interface ServiceErrorInit {
  service: ServiceName;
  /** HTTP status; 0 when no HTTP answer came (network error, timeout, token failure). */
  status: number;
  code: string;
  serviceMessage: string;
  requestId?: string;
  retryable?: boolean;
  /** Method and path (no query) of the call that failed: which API, for permission advice. */
  method?: string;
  path?: string;
  /** Exchange: the .NET exception type named in the error, e.g. ManagementObjectNotFoundException. */
  exceptionType?: string;
  /** Extra reason some services put in a header (Exchange x-ms-diagnostics). */
  diagnostics?: string;
}

export class ServiceError extends Error {
  readonly service: ServiceName;
  readonly status: number;
  readonly code: string;
  readonly serviceMessage: string;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly method?: string;
  readonly path?: string;
  readonly exceptionType?: string;
  readonly diagnostics?: string;

  constructor(init: ServiceErrorInit, options?: { cause?: unknown }) {
    const where = init.path ? ` (${init.method ?? 'GET'} ${init.path})` : '';
    const status = init.status ? ` ${init.status}` : '';
    super(`${serviceLabel(init.service)}${status} ${init.code}: ${init.serviceMessage || 'no message'}${where}`, options);
    this.name = 'ServiceError';
    this.service = init.service;
    this.status = init.status;
    this.code = init.code;
    this.serviceMessage = init.serviceMessage;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.method = init.method;
    this.path = init.path;
    this.exceptionType = init.exceptionType;
    this.diagnostics = init.diagnostics;
  }

  /** The object asked for does not exist (Exchange says so in the exception type, whatever the status). */
  get notFound(): boolean {
    if (this.service === 'exchange') {
      return this.code === 'ManagementObjectNotFoundException' || /couldn't be found|could not be found/i.test(this.serviceMessage);
    }
    return this.status === 404;
  }
}

export function serviceLabel(service: ServiceName): string {
  return service === 'graph' ? 'Microsoft Graph' : service === 'exchange' ? 'Exchange Online' : 'Managed identity';
}

/** A failed read in a few words for a report's row: the service's own message, else its code and status. */
export function reasonOf(e: unknown): string {
  if (e instanceof ServiceError) return e.serviceMessage || `${e.code} (HTTP ${e.status})`;
  return e instanceof Error ? e.message : String(e);
}

export function isServiceError(e: unknown): e is ServiceError {
  return e instanceof ServiceError;
}

interface ResponseLike {
  status: number;
  bodyText?: string | null;
  header(name: string): string | undefined;
}

export interface RequestLike {
  method?: string;
  url?: string;
}

// 408 Request Timeout: GreyCorbel/ExoHelper Invoke-ExoCommand.ps1 retries it by default
// ($RetryableStatusCodes = 'ServiceUnavailable', 'GatewayTimeout', 'RequestTimeout', 'TooManyRequests').
/** Status codes after which the same request may succeed if sent again later. */
export const RETRYABLE_STATUSES = new Set([408, 429, 502, 503, 504]);

/**
 * Server-side exceptions the ExchangeOnlineManagement module retries whatever the status: its
 * RetryableExceptions constant (DCOverloadedException, SuitabilityDirectoryException,
 * ServerInMMException, ADServerSettingsChangedException, StorageTransientException), beside
 * RetryableHTTPResponses 401/503/504, as public C# ports of the module script copy them.
 */
export const TRANSIENT_EXCHANGE_EXCEPTIONS = [
  'DCOverloadedException',
  'SuitabilityDirectoryException',
  'ServerInMMException',
  'ADServerSettingsChangedException',
  'StorageTransientException',
];
const TRANSIENT_EXCEPTION_TEXT = new RegExp(`\\b(${TRANSIENT_EXCHANGE_EXCEPTIONS.join('|')})\\b`);

/** Too many requests: a 429, or Exchange's "maximum number of concurrent requests" text whatever its status (GreyCorbel/ExoHelper). */
export function isThrottlingAnswer(status: number, bodyText: string | null | undefined): boolean {
  return status === 429 || (status >= 400 && /maximum number of concurrent requests/i.test(bodyText ?? ''));
}

/** An answer after which the same request may succeed if sent again later. */
export function isTransientAnswer(status: number, bodyText: string | null | undefined): boolean {
  if (RETRYABLE_STATUSES.has(status) || isThrottlingAnswer(status, bodyText)) return true;
  return status >= 400 && TRANSIENT_EXCEPTION_TEXT.test(bodyText ?? '');
}

/** Builds the ServiceError for a non-success answer of Graph or Exchange. */
export function serviceErrorFromResponse(service: ServiceName, response: ResponseLike, request?: RequestLike): ServiceError {
  const body = parseJsonLoosely(response.bodyText);
  const requestId = response.header('request-id') ?? response.header('x-ms-request-id') ?? response.header('client-request-id');
  const base = {
    service,
    status: response.status,
    requestId: requestId ?? undefined,
    retryable: RETRYABLE_STATUSES.has(response.status),
    ...requestPlace(request),
  };
  const parsed = service === 'exchange' ? exchangeErrorParts(body) : graphErrorParts(body);
  const diagnostics = response.header('x-ms-diagnostics') || undefined;
  const fallbackText = readableText(response.bodyText) || diagnostics || '';
  const concurrency = /maximum number of concurrent requests/i.test(parsed.message || fallbackText);
  return new ServiceError({
    ...base,
    retryable: base.retryable || concurrency || (service === 'exchange' && isTransientAnswer(response.status, response.bodyText)),
    code: parsed.code || statusCode(response.status),
    serviceMessage: parsed.message || fallbackText,
    exceptionType: parsed.exceptionType,
    requestId: base.requestId ?? parsed.requestId,
    diagnostics,
  });
}

/** Builds the ServiceError for an inner answer of a $batch (status, headers and body as JSON values). */
export function serviceErrorFromBatchItem(
  service: ServiceName,
  item: { status: number; headers?: Record<string, string>; body?: unknown },
  request?: RequestLike,
): ServiceError {
  const headers = lowerKeys(item.headers);
  const bodyText = typeof item.body === 'string' ? item.body : item.body == null ? '' : JSON.stringify(item.body);
  return serviceErrorFromResponse(service, { status: item.status, bodyText, header: (n) => headers[n.toLowerCase()] }, request);
}

export function lowerKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) out[k.toLowerCase()] = String(v);
  return out;
}

function requestPlace(request?: RequestLike): { method?: string; path?: string } {
  if (!request?.url) return { method: request?.method };
  try {
    return { method: request.method, path: new URL(request.url, 'https://relative.invalid').pathname };
  } catch {
    return { method: request.method };
  }
}

interface ErrorParts {
  code?: string;
  message?: string;
  exceptionType?: string;
  requestId?: string;
}

/** Exchange hides the real text in details[0].message as "ErrorId|ExceptionType|text". */
export function exchangeErrorParts(body: unknown): ErrorParts {
  const error = errorObject(body);
  if (!error) return {};
  const detail = Array.isArray(error.details) ? error.details[0] : undefined;
  const detailMessage = typeof detail?.message === 'string' ? detail.message : undefined;
  const internal = error.innererror?.internalexception ?? error.innererror?.internalException;
  let exceptionType: string | undefined;
  let text: string | undefined;
  if (detailMessage) {
    const parts = detailMessage.split('|');
    if (parts.length >= 3) {
      exceptionType = parts[1].trim() || undefined;
      text = parts.slice(2).join('|').trim();
    } else {
      text = detailMessage.trim();
    }
  }
  if (!text && typeof internal?.message === 'string') text = internal.message.trim();
  if (!exceptionType && typeof internal?.type === 'string') exceptionType = internal.type;
  if (!text && typeof error.message === 'string') text = error.message;
  const shortType = exceptionType ? exceptionType.split('.').pop() : undefined;
  return { code: shortType || stringOr(error.code), message: text, exceptionType };
}

export function graphErrorParts(body: unknown): ErrorParts {
  const error = errorObject(body);
  if (!error) return {};
  const inner = error.innerError ?? error.innererror;
  return {
    code: stringOr(error.code),
    message: stringOr(error.message),
    requestId: stringOr(inner?.['request-id']) ?? stringOr(inner?.requestId),
  };
}

function errorObject(body: unknown): any {
  if (!body || typeof body !== 'object') return undefined;
  const e = (body as { error?: unknown }).error;
  if (e && typeof e === 'object') return e;
  // Some Exchange bodies are the bare error (code/message/details without the envelope).
  const b = body as Record<string, unknown>;
  return 'code' in b && 'message' in b ? b : undefined;
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

export function parseJsonLoosely(text: string | null | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

/** A body worth quoting: not JSON we failed to read, not a run of NUL bytes (Exchange's bodyless 403). */
function readableText(text: string | null | undefined): string {
  if (!text) return '';
  const clean = text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '').trim();
  if (!clean || clean.startsWith('{') || clean.startsWith('<')) return '';
  return clean.length > 300 ? clean.slice(0, 300) + '…' : clean;
}

function statusCode(status: number): string {
  const names: Record<number, string> = {
    400: 'BadRequest',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'NotFound',
    409: 'Conflict',
    429: 'TooManyRequests',
    500: 'InternalServerError',
    502: 'BadGateway',
    503: 'ServiceUnavailable',
    504: 'GatewayTimeout',
  };
  return names[status] ?? `Http${status}`;
}
