// What the bot's HTTP endpoints read from a request body, and how much. restify's own bodyParser is
// not used: it inflates `Content-Encoding: gzip` bodies before any check, without a bound on the
// inflated size, and an invalid gzip stream ends the process with an unhandled Gunzip `error`
// event (restify 11 lib/plugins/bodyReader.js; restify#1975, restify#1785). The Bot Framework
// connector never compresses what it posts to a bot, and a scheduler has no reason to, so:
//  - any Content-Encoding but identity is refused (415) before routing, before a byte is read;
//  - a body is read raw, counted, and refused (413) past the limit, then parsed with JSON.parse;
//  - a body must be application/json (415 otherwise): no form post can drive the bot cross-site.
import type { Request, Response, Next } from 'restify';
import type { Logger } from '../log';

export const MAX_BODY_BYTES = 256 * 1024;
/**
 * How deep objects and lists may nest. An activity is a few levels deep (value.action.data.…); code
 * that walks a value recursively (botbuilder's clones, JSON.stringify, ours) overflows the stack near
 * 10,000 levels, so a body is refused long before, without walking it.
 */
export const MAX_JSON_DEPTH = 64;
/** A body must arrive within this long once its headers have (as Node's headersTimeout does for headers). */
export const BODY_TIMEOUT_MS = 30_000;

/** The deepest nesting of `{` and `[` in JSON text, counted without recursion (strings skipped). */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) max = Math.max(max, ++depth);
    else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

function refuse(res: Response, next: Next, status: number, error: string): void {
  // The unread body stays unread: the connection closes after this answer.
  res.setHeader('connection', 'close');
  res.send(status, { error });
  next(false);
}

export function isJsonContentType(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const type = value.split(';')[0].trim().toLowerCase();
  return type === 'application/json';
}

/** `server.pre`: encoded bodies are refused on every route, matched or not. */
export function refuseEncodedBodies(log: Logger) {
  return (req: Request, res: Response, next: Next): void => {
    const encoding = req.headers['content-encoding'];
    if (encoding !== undefined && String(encoding).trim().toLowerCase() !== 'identity') {
      log.warn('request refused', { path: req.path?.(), status: 415, problem: 'content-encoding' });
      return refuse(res, next, 415, 'Compressed request bodies are not accepted.');
    }
    next();
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
}

/** `server.use`: reads at most `maxBytes` of a JSON body into `req.body`; nothing else is read. */
export function readJsonBody(log: Logger, maxBytes = MAX_BODY_BYTES, timeoutMs = BODY_TIMEOUT_MS) {
  return (req: Request, res: Response, next: Next): void => {
    if (!hasBody(req)) return next();
    const path = req.path?.();
    if (!isJsonContentType(req.headers['content-type'])) {
      log.warn('request refused', { path, status: 415, problem: 'content-type' });
      return refuse(res, next, 415, 'The body must be application/json.');
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      log.warn('request refused', { path, status: 413, problem: 'body too large' });
      return refuse(res, next, 413, `The body must be at most ${maxBytes} bytes.`);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    // A client that sends its body a byte a minute must not hold the connection (and its buffers).
    const timer = setTimeout(
      () =>
        finish(() => {
          log.warn('request refused', { path, status: 408, problem: 'body too slow' });
          refuse(res, next, 408, `The body must arrive within ${Math.round(timeoutMs / 1000)} seconds.`);
        }),
      timeoutMs,
    );
    timer.unref();
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.removeListener('data', onData);
      fn();
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        req.pause();
        finish(() => {
          log.warn('request refused', { path, status: 413, problem: 'body too large' });
          refuse(res, next, 413, `The body must be at most ${maxBytes} bytes.`);
        });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () =>
      finish(() => {
        const text = Buffer.concat(chunks).toString('utf8');
        if (jsonDepth(text) > MAX_JSON_DEPTH) {
          log.warn('request refused', { path, status: 400, problem: 'body nested too deeply' });
          return refuse(res, next, 400, `The body nests deeper than ${MAX_JSON_DEPTH} levels.`);
        }
        try {
          (req as any).body = JSON.parse(text);
        } catch {
          log.warn('request refused', { path, status: 400, problem: 'body is not JSON' });
          return refuse(res, next, 400, 'The body is not valid JSON.');
        }
        next();
      }),
    );
    // A client that goes away mid-body: nothing to answer, nothing kept.
    req.once('error', () => finish(() => next(false)));
    req.once('aborted', () => finish(() => next(false)));
  };
}
