// Access tokens as Entra ID issues them to a managed identity: RS256 JWTs whose claims the
// simulated Graph and Exchange read exactly as the real ones do (aud, tid, exp, roles, wids).
import { createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID, sign, verify } from 'node:crypto';

export const GRAPH_RESOURCE = 'https://graph.microsoft.com';
export const EXCHANGE_RESOURCE = 'https://outlook.office365.com';
export const STORAGE_RESOURCE = 'https://storage.azure.com';
export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

/** Entra role template ids (the `wids` claim), by the role's display name. */
export const DIRECTORY_ROLE_TEMPLATE_IDS: Record<string, string> = {
  'Global Administrator': '62e90394-69f5-4237-9190-012177145e10',
  'Global Reader': 'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'Exchange Administrator': '29232cdf-9323-42fd-ade2-1d097af3e4de',
  'Exchange Recipient Administrator': '31392ffb-586c-42d1-9346-e59415a2cc4e',
  'Compliance Administrator': '17315797-102d-40b4-93e0-432062caca18',
  'Helpdesk Administrator': '729827e3-9c14-49f7-bb1b-9608f156bbb8',
  'Security Administrator': '194ae4cb-b126-40b2-bd5b-6091b380977d',
  'Security Reader': '5d6b6bb7-de71-4623-b4af-96380a352509',
};

export interface AccessTokenClaims {
  aud: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  tid: string;
  oid: string;
  sub: string;
  appid: string;
  azp: string;
  appidacr: string;
  idtyp: 'app';
  ver: '1.0';
  uti: string;
  roles?: string[];
  wids?: string[];
}

export type TokenCheck =
  | { ok: true; claims: AccessTokenClaims }
  | { ok: false; reason: 'missing' | 'malformed' | 'signature' | 'audience' | 'expired' | 'tenant' };

let signingKey: { privateKey: KeyObject; publicKey: KeyObject } | undefined;

/**
 * One signing key per process: @azure/identity (MSAL) keeps its managed-identity token cache in a
 * static store, so a token fetched from one simulator may be replayed to the next one in the same
 * process. With a shared key such a token still verifies, as a cached token does against Entra.
 */
const SIGNING_KEY_ID = 'simulated-tenant';

function key(): { privateKey: KeyObject; publicKey: KeyObject } {
  if (!signingKey) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    signingKey = {
      privateKey: createPrivateKey(pair.privateKey.export({ type: 'pkcs8', format: 'pem' })),
      publicKey: createPublicKey(pair.publicKey.export({ type: 'spki', format: 'pem' })),
    };
  }
  return signingKey;
}

const b64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

export function issueToken(input: {
  resource: string;
  tenantId: string;
  principalId: string;
  clientId: string;
  roles: string[];
  directoryRoles: string[];
  lifetimeSeconds: number;
  now?: number;
}): { token: string; claims: AccessTokenClaims } {
  const now = Math.floor((input.now ?? Date.now()) / 1000);
  const wids = input.directoryRoles.map((name) => DIRECTORY_ROLE_TEMPLATE_IDS[name]).filter((id): id is string => !!id);
  const claims: AccessTokenClaims = {
    aud: input.resource,
    iss: `https://sts.windows.net/${input.tenantId}/`,
    iat: now,
    nbf: now,
    exp: now + input.lifetimeSeconds,
    tid: input.tenantId,
    oid: input.principalId,
    sub: input.principalId,
    appid: input.clientId,
    azp: input.clientId,
    appidacr: '2',
    idtyp: 'app',
    ver: '1.0',
    uti: randomUUID().replace(/-/g, '').slice(0, 22),
  };
  // Entra leaves the claims out altogether when nothing is granted.
  if (input.roles.length) claims.roles = [...input.roles];
  if (wids.length) claims.wids = wids;
  const head = b64url(JSON.stringify({ typ: 'JWT', alg: 'RS256', kid: SIGNING_KEY_ID }));
  const body = b64url(JSON.stringify(claims));
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${body}`), key().privateKey).toString('base64url');
  return { token: `${head}.${body}.${signature}`, claims };
}

export function checkToken(
  authorization: string | undefined,
  audiences: readonly string[],
  tenantId: string,
  now = Date.now(),
): TokenCheck {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!match) return { ok: false, reason: 'missing' };
  const parts = match[1].split('.');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  let claims: AccessTokenClaims;
  try {
    const header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as { alg?: string };
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as AccessTokenClaims;
    if (header.alg !== 'RS256' || typeof claims !== 'object' || claims === null) return { ok: false, reason: 'malformed' };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const signed = verify('RSA-SHA256', Buffer.from(`${parts[0]}.${parts[1]}`), key().publicKey, Buffer.from(parts[2], 'base64url'));
  if (!signed) return { ok: false, reason: 'signature' };
  if (!audiences.includes(claims.aud)) return { ok: false, reason: 'audience' };
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= seconds || (typeof claims.nbf === 'number' && claims.nbf > seconds + 300))
    return { ok: false, reason: 'expired' };
  if (claims.tid !== tenantId) return { ok: false, reason: 'tenant' };
  return { ok: true, claims };
}

export const GRAPH_AUDIENCES = [GRAPH_RESOURCE, `${GRAPH_RESOURCE}/`, GRAPH_APP_ID] as const;
export const EXCHANGE_AUDIENCES = [EXCHANGE_RESOURCE, `${EXCHANGE_RESOURCE}/`, EXCHANGE_APP_ID] as const;
/**
 * The bot's own app (a UserAssignedMSI bot's MicrosoftAppId is its identity's client id): what a
 * scheduler asks a token for to call POST /api/alerts/run. Entra knows it by id and by api:// URI.
 */
export function ownAppAudiences(clientId: string): string[] {
  return [clientId, `api://${clientId}`];
}

/** The signing key as a JWKS, for the OpenID metadata a token's reader fetches. */
export function signingKeys(): { keys: object[] } {
  const jwk = key().publicKey.export({ format: 'jwk' }) as { n: string; e: string };
  return { keys: [{ kty: 'RSA', use: 'sig', kid: SIGNING_KEY_ID, n: jwk.n, e: jwk.e }] };
}

export const KNOWN_RESOURCES = [...GRAPH_AUDIENCES, ...EXCHANGE_AUDIENCES, STORAGE_RESOURCE, `${STORAGE_RESOURCE}/`];
