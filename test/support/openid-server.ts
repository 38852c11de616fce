// A stand-in for login.botframework.com: OpenID metadata and a JWKS on loopback, plus a signer for
// channel tokens, so the bot's real botbuilder JWT validation can be tested offline.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, KeyObject, sign } from 'node:crypto';

export const CHANNEL_ISSUER = 'https://api.botframework.com';

export interface TokenOptions {
  /** Claims to add or replace (aud, serviceurl, iss, exp…); undefined values remove the claim. */
  claims?: Record<string, unknown>;
  /** Sign with this key instead of the published one (a forged token). */
  key?: KeyObject;
  kid?: string;
}

export interface OpenIdServer {
  url: string;
  metadataUrl: string;
  /** Every botbuilder endpoint setting, pointed here (set together: botbuilder takes none of its defaults once one is set). */
  authOverrides(): Record<string, string>;
  /** A channel token for `appId` and `serviceUrl`, valid for an hour unless claims say otherwise. */
  token(appId: string, serviceUrl: string, options?: TokenOptions): string;
  /** How many times the metadata and the keys were fetched. */
  fetches: { metadata: number; keys: number };
  stop(): Promise<void>;
}

const KID = 'test-signing-key';

export function base64url(data: Buffer | string): string {
  return Buffer.from(data).toString('base64url');
}

export function signJwt(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
  return `${input}.${base64url(sign('RSA-SHA256', Buffer.from(input), key))}`;
}

export function newSigningKey(): KeyObject {
  return generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
}

export async function startOpenIdServer(): Promise<OpenIdServer> {
  const key = newSigningKey();
  const jwk = key.export({ format: 'jwk' });
  const fetches = { metadata: 0, keys: 0 };
  let base = '';
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const json = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (path === '/v1/.well-known/openidconfiguration') {
      fetches.metadata++;
      return json({
        issuer: CHANNEL_ISSUER,
        authorization_endpoint: `${base}/v1/authorize`,
        jwks_uri: `${base}/v1/.well-known/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        token_endpoint_auth_methods_supported: ['private_key_jwt'],
      });
    }
    if (path === '/v1/.well-known/keys') {
      fetches.keys++;
      return json({ keys: [{ kty: 'RSA', use: 'sig', kid: KID, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const metadataUrl = `${base}/v1/.well-known/openidconfiguration`;

  return {
    url: base,
    metadataUrl,
    fetches,
    authOverrides: () => ({
      ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: metadataUrl,
      ToBotFromChannelTokenIssuer: CHANNEL_ISSUER,
      // Outbound settings: never reached by an inbound-only test, but botbuilder wants them all set.
      ToChannelFromBotLoginUrl: `${base}/botframework.com`,
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: `${base}/oauth`,
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'true',
    }),
    token: (appId, serviceUrl, options = {}) => {
      const now = Math.floor(Date.now() / 1000);
      const payload: Record<string, unknown> = {
        iss: CHANNEL_ISSUER,
        aud: appId,
        serviceurl: serviceUrl,
        nbf: now - 60,
        iat: now - 60,
        exp: now + 3600,
      };
      for (const [k, v] of Object.entries(options.claims ?? {})) {
        if (v === undefined) delete payload[k];
        else payload[k] = v;
      }
      return signJwt({ alg: 'RS256', typ: 'JWT', kid: options.kid ?? KID }, payload, options.key ?? key);
    },
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections();
      }),
  };
}
