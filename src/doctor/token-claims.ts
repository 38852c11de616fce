// What an access token says about the identity, read from its payload. Nothing is verified here:
// the services verify the signature; `doctor` only wants to know what they will see. The token
// itself never leaves this function.

export interface TokenClaims {
  /** The identity's service principal object id. */
  oid?: string;
  /** Client (application) id. */
  appid?: string;
  tid?: string;
  aud?: string;
  /** Application permissions (app roles) granted on the token's resource. */
  roles: string[];
  /** Entra directory role template ids. */
  wids: string[];
  /** Expiry, seconds since the epoch. */
  exp?: number;
}

export function readTokenClaims(token: string): TokenClaims | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!payload || typeof payload !== 'object') return null;
  const p = payload as Record<string, unknown>;
  const text = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  return {
    oid: text(p.oid),
    appid: text(p.appid) ?? text(p.azp),
    tid: text(p.tid),
    aud: text(p.aud),
    roles: list(p.roles),
    wids: list(p.wids),
    exp: typeof p.exp === 'number' ? p.exp : undefined,
  };
}
