// Structured JSON logs, one object a line. Anything that looks like a credential is masked here, in
// one place, so no caller can leak a token, the identity header or an export signature by accident.

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export type LogFields = Record<string, unknown>;
export type LogSink = (line: string) => void;

const secrets = new Set<string>();

/** Registers a value (e.g. IDENTITY_HEADER) that must never appear in a log line. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 8) secrets.add(value);
}

const PATTERNS: [RegExp, string][] = [
  [/\bBearer\s+[A-Za-z0-9._~+/=-]+/gi, 'Bearer [redacted]'],
  // JWTs (header.payload.signature, base64url) wherever they appear.
  // A cut one too (a pasted token shortened to a word): its claims are no business of the logs either.
  [/\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]*)?/g, '[redacted-jwt]'],
  [/([?&](?:sig|signature|se|skoid|sktid|skt|ske|sks|skv|token|code|client_secret)=)[^&\s"']+/gi, '$1[redacted]'],
  // Quotes may come escaped (\"): a service's JSON answer logged as a string inside the record.
  [
    /((?:\\?")?(?:access_token|refresh_token|id_token|client_secret|password|MicrosoftAppPassword|x-identity-header|identityHeader|AccountKey)(?:\\?")?\s*[:=]\s*(?:\\?")?)[^",;\s}\\]+/gi,
    '$1[redacted]',
  ],
];

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = maskSecret(out, s);
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}

/**
 * Masks a registered secret, and also any start of it of 12 characters or more: callers cut long
 * text (a pasted header becomes a 40-character word), and a cut secret is still most of a secret.
 */
function maskSecret(text: string, secret: string): string {
  const head = secret.slice(0, 12);
  let out = '';
  let from = 0;
  for (;;) {
    const at = text.indexOf(head, from);
    if (at < 0) return out + text.slice(from);
    let end = at + head.length;
    while (end < text.length && end - at < secret.length && text[end] === secret[end - at]) end++;
    out += text.slice(from, at) + '[redacted]';
    from = end;
  }
}

export class Logger {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly base: LogFields = {},
    private readonly sink: LogSink = (line) => process.stdout.write(line + '\n'),
  ) {}

  child(fields: LogFields): Logger {
    return new Logger(this.level, { ...this.base, ...fields }, this.sink);
  }

  debug(msg: string, fields?: LogFields): void {
    this.write('debug', msg, fields);
  }
  info(msg: string, fields?: LogFields): void {
    this.write('info', msg, fields);
  }
  warn(msg: string, fields?: LogFields): void {
    this.write('warn', msg, fields);
  }
  error(msg: string, fields?: LogFields): void {
    this.write('error', msg, fields);
  }

  private write(level: LogLevel, msg: string, fields?: LogFields): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const record = { time: new Date().toISOString(), level, msg, ...this.base, ...normalise(fields) };
    let line: string;
    try {
      line = JSON.stringify(record);
    } catch {
      line = JSON.stringify({ time: record.time, level, msg, note: 'fields could not be serialised' });
    }
    this.sink(redact(line));
  }
}

function normalise(fields?: LogFields): LogFields {
  if (!fields) return {};
  const out: LogFields = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] =
      v instanceof Error
        ? { name: v.name, message: v.message, ...((v as any).status !== undefined ? { status: (v as any).status } : {}) }
        : v;
  }
  return out;
}

export const silentLogger = new Logger('error', {}, () => undefined);
