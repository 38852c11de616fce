// Who may call POST /api/alerts/run: a caller with an Entra ID access token of the tenant, issued
// for the bot (audience: its app id or api://{app id}), whose object id is in ALERT_RUNNERS — e.g.
// a Logic App or Function with a managed identity. The token's signature is checked against the
// tenant's published OpenID keys (a local key server in tests).
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

export interface RunnerAuthSettings {
  tenantId: string;
  audiences: string[];
  /** Entra object ids (lower case) allowed to run a cycle. */
  runners: string[];
  metadataUrl?: string;
  issuers?: string[];
}

export type RunnerCheck =
  | { ok: true; caller: string }
  | { ok: false; status: 401 | 403 | 503; reason: string };

const SKEW_S = 300;
const KEYS_FOR_MS = 3_600_000;
const REFETCH_UNKNOWN_KID_AFTER_MS = 300_000;
const MAX_TOKEN_CHARS = 16_384;

export function defaultIssuers(tenantId: string): string[] {
  // Managed identity tokens are v1 (sts.windows.net) unless the resource asks for v2.
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

function b64json(part: string): any {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

export class RunnerAuth {
  private keys: Map<string, KeyObject> | undefined;
  private keysAt = 0;
  private refetchedAt = 0;

  constructor(
    private readonly settings: RunnerAuthSettings,
    private readonly options: { fetch?: typeof fetch; now?: () => number } = {},
  ) {}

  private get metadataUrl(): string {
    return this.settings.metadataUrl ?? `https://login.microsoftonline.com/${this.settings.tenantId}/v2.0/.well-known/openid-configuration`;
  }

  private async loadKeys(): Promise<Map<string, KeyObject>> {
    const get = this.options.fetch ?? fetch;
    const metadata: any = await (await get(this.metadataUrl, { signal: AbortSignal.timeout(10_000) })).json();
    if (typeof metadata?.jwks_uri !== 'string') throw new Error('OpenID metadata without jwks_uri');
    const jwks: any = await (await get(metadata.jwks_uri, { signal: AbortSignal.timeout(10_000) })).json();
    const keys = new Map<string, KeyObject>();
    for (const k of Array.isArray(jwks?.keys) ? jwks.keys : []) {
      if (k?.kty !== 'RSA' || typeof k.kid !== 'string') continue;
      try {
        keys.set(k.kid, createPublicKey({ key: { kty: 'RSA', n: k.n, e: k.e }, format: 'jwk' }));
      } catch {
        // A key this runtime cannot read is not one a token can be checked against.
      }
    }
    return keys;
  }

  private async keyFor(kid: string): Promise<KeyObject | undefined> {
    const now = Date.now();
    if (!this.keys || now - this.keysAt > KEYS_FOR_MS) {
      this.keys = await this.loadKeys();
      this.keysAt = now;
    }
    if (!this.keys.has(kid) && now - this.refetchedAt > REFETCH_UNKNOWN_KID_AFTER_MS) {
      // Entra rolls its keys; an unknown kid may be a new one.
      this.refetchedAt = now;
      this.keys = await this.loadKeys();
      this.keysAt = now;
    }
    return this.keys.get(kid);
  }

  async check(authorization: string | undefined): Promise<RunnerCheck> {
    const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec((authorization ?? '').trim());
    if (!m || authorization!.length > MAX_TOKEN_CHARS) return { ok: false, status: 401, reason: 'no bearer token' };
    let header: any;
    let claims: any;
    try {
      header = b64json(m[1]);
      claims = b64json(m[2]);
    } catch {
      return { ok: false, status: 401, reason: 'token not readable' };
    }
    if (header?.alg !== 'RS256' || typeof header.kid !== 'string') return { ok: false, status: 401, reason: 'token not signed with RS256' };
    let key: KeyObject | undefined;
    try {
      key = await this.keyFor(header.kid);
    } catch {
      return { ok: false, status: 503, reason: 'the signing keys could not be read' };
    }
    if (!key) return { ok: false, status: 401, reason: 'token signed by an unknown key' };
    if (!verify('RSA-SHA256', Buffer.from(`${m[1]}.${m[2]}`), key, Buffer.from(m[3], 'base64url'))) {
      return { ok: false, status: 401, reason: 'bad signature' };
    }
    const now = Math.floor((this.options.now ?? Date.now)() / 1000);
    if (typeof claims.exp !== 'number' || claims.exp < now - SKEW_S) return { ok: false, status: 401, reason: 'token expired' };
    if (typeof claims.nbf === 'number' && claims.nbf > now + SKEW_S) return { ok: false, status: 401, reason: 'token not valid yet' };
    const issuers = this.settings.issuers ?? defaultIssuers(this.settings.tenantId);
    if (!issuers.includes(claims.iss)) return { ok: false, status: 401, reason: 'token from another issuer' };
    const audiences: unknown[] = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.some((a) => typeof a === 'string' && this.settings.audiences.includes(a))) return { ok: false, status: 401, reason: 'token for another audience' };
    if (claims.tid !== undefined && String(claims.tid).toLowerCase() !== this.settings.tenantId.toLowerCase()) {
      return { ok: false, status: 401, reason: 'token of another tenant' };
    }
    const caller = typeof claims.oid === 'string' ? claims.oid.toLowerCase() : '';
    if (!caller) return { ok: false, status: 401, reason: 'token without an object id' };
    if (!this.settings.runners.includes(caller)) {
      return { ok: false, status: 403, reason: this.settings.runners.length === 0 ? 'ALERT_RUNNERS lists nobody' : 'caller not in ALERT_RUNNERS' };
    }
    return { ok: true, caller };
  }
}
