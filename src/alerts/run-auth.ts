// Who may call POST /api/alerts/run: a caller with an Entra ID access token of the tenant, issued
// for the bot (audience: its app id or api://{app id}), whose object id is in ALERT_RUNNERS — e.g.
// a Logic App or Function with a managed identity. The token's signature is checked against the
// tenant's published OpenID keys (a local key server in tests).
//
// The JWT work is jose's (createRemoteJWKSet + jwtVerify): algorithm allow-list, key rotation with a
// refetch cooldown, exp/nbf/iss/aud checks with clock tolerance, as the ecosystem expects. Only the
// OpenID discovery (metadata → jwks_uri) and the tenant/runner rules are ours.
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload } from 'jose';

export interface RunnerAuthSettings {
  tenantId: string;
  audiences: string[];
  /** Entra object ids (lower case) allowed to run a cycle. */
  runners: string[];
  metadataUrl?: string;
  issuers?: string[];
}

export type RunnerCheck = { ok: true; caller: string } | { ok: false; status: 401 | 403 | 503; reason: string };

const SKEW_S = 300;
const KEYS_FOR_MS = 3_600_000;
const REFETCH_UNKNOWN_KID_AFTER_MS = 300_000;
const FETCH_TIMEOUT_MS = 10_000;
const MAX_TOKEN_CHARS = 16_384;

export function defaultIssuers(tenantId: string): string[] {
  // Managed identity tokens are v1 (sts.windows.net) unless the resource asks for v2.
  return [`https://sts.windows.net/${tenantId}/`, `https://login.microsoftonline.com/${tenantId}/v2.0`];
}

type KeySet = ReturnType<typeof createRemoteJWKSet>;

/** Thrown when the tenant's metadata or keys cannot be read: the caller is not at fault (503). */
class KeysUnavailable extends Error {}

export class RunnerAuth {
  private keySet: Promise<KeySet> | undefined;

  constructor(
    private readonly settings: RunnerAuthSettings,
    private readonly options: { fetch?: typeof fetch; now?: () => number } = {},
  ) {}

  private get metadataUrl(): string {
    return this.settings.metadataUrl ?? `https://login.microsoftonline.com/${this.settings.tenantId}/v2.0/.well-known/openid-configuration`;
  }

  /** OpenID discovery once; jose then caches the keys and refetches them when an unknown kid appears. */
  private keys(): Promise<KeySet> {
    this.keySet ??= (async () => {
      const get = this.options.fetch ?? fetch;
      const metadata: any = await (await get(this.metadataUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })).json();
      if (typeof metadata?.jwks_uri !== 'string') throw new Error('OpenID metadata without jwks_uri');
      return createRemoteJWKSet(new URL(metadata.jwks_uri), {
        timeoutDuration: FETCH_TIMEOUT_MS,
        cacheMaxAge: KEYS_FOR_MS,
        // Entra rolls its keys; an unknown kid may be a new one, but not more often than this.
        cooldownDuration: REFETCH_UNKNOWN_KID_AFTER_MS,
      });
    })().catch((err) => {
      this.keySet = undefined;
      throw new KeysUnavailable((err as Error).message);
    });
    return this.keySet;
  }

  async check(authorization: string | undefined): Promise<RunnerCheck> {
    const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec((authorization ?? '').trim());
    if (!m || authorization!.length > MAX_TOKEN_CHARS) return { ok: false, status: 401, reason: 'no bearer token' };
    let claims: JWTPayload;
    try {
      const keys = await this.keys();
      const issuers = this.settings.issuers ?? defaultIssuers(this.settings.tenantId);
      const now = (this.options.now ?? Date.now)();
      ({ payload: claims } = await jwtVerify(m[1], keys, {
        algorithms: ['RS256'],
        issuer: issuers,
        audience: this.settings.audiences,
        clockTolerance: SKEW_S,
        currentDate: new Date(now),
        requiredClaims: ['exp'],
      }));
    } catch (err) {
      return refusal(err);
    }
    if (claims.tid !== undefined && String(claims.tid).toLowerCase() !== this.settings.tenantId.toLowerCase()) {
      return { ok: false, status: 401, reason: 'token of another tenant' };
    }
    const caller = typeof claims.oid === 'string' ? claims.oid.toLowerCase() : '';
    if (!caller) return { ok: false, status: 401, reason: 'token without an object id' };
    if (!this.settings.runners.includes(caller)) {
      return {
        ok: false,
        status: 403,
        reason: this.settings.runners.length === 0 ? 'ALERT_RUNNERS lists nobody' : 'caller not in ALERT_RUNNERS',
      };
    }
    return { ok: true, caller };
  }
}

/** jose's error classes, said in the words the log has always used. */
function refusal(err: unknown): RunnerCheck {
  const no = (reason: string): RunnerCheck => ({ ok: false, status: 401, reason });
  if (err instanceof KeysUnavailable || err instanceof errors.JWKSTimeout || err instanceof errors.JWKSInvalid) {
    return { ok: false, status: 503, reason: 'the signing keys could not be read' };
  }
  if (err instanceof errors.JOSEAlgNotAllowed || err instanceof errors.JOSENotSupported) return no('token not signed with RS256');
  if (err instanceof errors.JWKSNoMatchingKey || err instanceof errors.JWKSMultipleMatchingKeys)
    return no('token signed by an unknown key');
  if (err instanceof errors.JWSSignatureVerificationFailed) return no('bad signature');
  if (err instanceof errors.JWTExpired) return no('token expired');
  if (err instanceof errors.JWTClaimValidationFailed) {
    if (err.claim === 'nbf') return no('token not valid yet');
    if (err.claim === 'iss') return no('token from another issuer');
    if (err.claim === 'aud') return no('token for another audience');
    if (err.claim === 'exp') return no('token expired');
    return no('token not readable');
  }
  if (err instanceof errors.JWSInvalid || err instanceof errors.JWTInvalid) return no('token not readable');
  // A key server that answers with something that is not a JWKS, or a network failure mid-refetch.
  if (err instanceof Error && !(err instanceof errors.JOSEError))
    return { ok: false, status: 503, reason: 'the signing keys could not be read' };
  return no('token not readable');
}
