// What a simulated service sees of a request and gives back, independent of the socket, so the
// same handler serves a plain HTTP request and one request inside a $batch.
import type { IncomingMessage, ServerResponse } from 'node:http';

export type Api = 'graph' | 'exchange' | 'identity';

export interface SimRequest {
  method: string;
  /** Path without the query, percent-decoded. */
  path: string;
  /** Path and query as the client sent them (what fault rules match). */
  rawPathAndQuery: string;
  query: URLSearchParams;
  /** Lower-case names. */
  headers: Record<string, string | undefined>;
  body: Buffer;
  /** Set by handlers for the request counters (e.g. the Exchange cmdlet). */
  note: { cmdlet?: string };
  /** True for a request inside a $batch. */
  inner?: boolean;
}

export interface SimResponse {
  status: number;
  headers?: Record<string, string>;
  /** An object is sent as JSON; a string or Buffer as is. */
  body?: unknown;
  /** Destroy the connection instead of answering. */
  reset?: boolean;
}

const MAX_BODY_BYTES = 4 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function toSimRequest(req: IncomingMessage, body: Buffer): SimRequest {
  const raw = req.url ?? '/';
  const url = new URL(raw, 'http://simulator.invalid');
  let path = url.pathname;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    // a malformed escape stays as sent; the router then answers 404
  }
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  return { method: (req.method ?? 'GET').toUpperCase(), path, rawPathAndQuery: raw, query: url.searchParams, headers, body, note: {} };
}

export function encodeBody(response: SimResponse): { bytes: Buffer; contentType?: string } {
  const body = response.body;
  if (body === undefined || body === null) return { bytes: Buffer.alloc(0) };
  if (Buffer.isBuffer(body)) return { bytes: body };
  if (typeof body === 'string') return { bytes: Buffer.from(body, 'utf8') };
  return {
    bytes: Buffer.from(JSON.stringify(body), 'utf8'),
    contentType: 'application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8',
  };
}

export function writeResponse(res: ServerResponse, response: SimResponse): void {
  if (response.reset) {
    res.socket?.destroy();
    return;
  }
  const { bytes, contentType } = encodeBody(response);
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  if (!hasType && contentType) headers['Content-Type'] = contentType;
  headers['Content-Length'] = String(bytes.length);
  res.writeHead(response.status, headers);
  res.end(bytes);
}

/** JSON.parse that says "no" instead of throwing. */
export function parseJson(body: Buffer): { ok: true; value: unknown } | { ok: false } {
  if (!body.length) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(body.toString('utf8')) };
  } catch {
    return { ok: false };
  }
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
