// The only tokens /api/messages lets botbuilder see outside demo mode: Bot Framework channel tokens.
//
// botframework-connector 4.23.3 picks a validation path from the unverified token and activity
// (lib/auth/parameterizedBotFrameworkAuthentication.js, JwtTokenValidation_authenticateToken; the
// same order as lib/auth/jwtTokenValidation.js validateAuthHeader):
//   1. channelId "AseChannel"      → aseChannelValidation.js (App Service Environment tokens)
//   2. SkillValidation.isSkillToken → skillValidation.js (bot-to-bot: Entra tokens with ver/appid)
//   3. EmulatorValidation.isTokenFromEmulator → emulatorValidation.js, which, for any token with a
//      `tid` claim, pushes four issuer strings built from that unverified `tid` onto a module-global
//      array, forever (a memory leak one unauthenticated request at a time)
//   4. otherwise channelValidation.js: issuer https://api.botframework.com, audience = app id,
//      signing key endorsed for the channel, serviceurl claim = activity.serviceUrl.
// A Teams bot needs only path 4. Paths 1–3 accept Entra tokens (e.g. a managed-identity token whose
// audience is the bot's app id) that are not bound to a serviceUrl, so they are refused here, from
// the decoded but unverified token, before botbuilder reads it; botbuilder then verifies the
// signature, endorsements, audience, lifetime and serviceUrl of what is left.
// Sources: https://learn.microsoft.com/azure/bot-service/rest-api/bot-framework-rest-connector-authentication
// ("Authenticate requests from the Bot Connector service to your bot").
import { decodeJwt, decodeProtectedHeader } from 'jose';

/** Real channel tokens are ~1–2 KB; anything far larger is not one. */
export const MAX_AUTH_HEADER_CHARS = 8 * 1024;
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';
/** The longest a channel token may live (from its nbf/iat, and from now). */
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;
const ASE_CHANNEL = 'AseChannel';

export interface ChannelTokenRules {
  /** Off in demo mode: botbuilder then ignores the header altogether (no app id, no validation). */
  enforce: boolean;
  issuer?: string;
  /**
   * Channel tokens carry no `tid`; should one ever appear, only the bot's own tenant is tolerated, so
   * botbuilder's emulator check can add at most one tenant's issuers to its global list.
   */
  tenantId?: string;
  /** The clock the expiry is checked against (ms). */
  now?: () => number;
}

/** Why this Authorization header must not reach botbuilder, or undefined when it may. */
export function channelTokenProblem(authHeader: string, activity: { channelId?: unknown }, rules: ChannelTokenRules): string | undefined {
  if (authHeader.length > MAX_AUTH_HEADER_CHARS) return 'authorization header too long';
  if (!rules.enforce) return undefined;
  if (activity.channelId === ASE_CHANNEL) return 'App Service Environment channel refused';
  const m = /^Bearer ([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(authHeader.trim());
  if (!m) return 'not a bearer JWT';
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(m[1]) as Record<string, unknown>;
    claims = decodeJwt(m[1]) as Record<string, unknown>;
  } catch {
    return 'token not readable';
  }
  if (header.alg !== 'RS256') return 'token not signed with RS256';
  if (claims.iss !== (rules.issuer ?? CHANNEL_TOKEN_ISSUER)) return 'not a Bot Framework channel token (issuer)';
  if (
    claims.tid !== undefined &&
    (typeof claims.tid !== 'string' || !rules.tenantId || claims.tid.toLowerCase() !== rules.tenantId.toLowerCase())
  ) {
    return 'not a Bot Framework channel token (tenant claim)';
  }
  // Skill tokens carry a version and the calling app's id (skillValidation.js isSkillClaim).
  if (claims.ver !== undefined || claims.appid !== undefined || claims.azp !== undefined)
    return 'not a Bot Framework channel token (skill claims)';
  if (typeof claims.serviceurl !== 'string') return 'channel token without a serviceurl claim';
  // botbuilder (jsonwebtoken) accepts a token without `exp`, or with an `exp` ages away: one leaked
  // token would then open the endpoint forever. Real channel tokens are short-lived access tokens
  // (Entra's default lifetime is 60–90 minutes: learn.microsoft.com/entra/identity-platform/access-tokens,
  // "Token lifetime"); a day is far past any of them.
  const exp = claims.exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp)) return 'channel token without an expiry';
  const nowSeconds = (rules.now?.() ?? Date.now()) / 1000;
  if (exp - nowSeconds > MAX_TOKEN_LIFETIME_SECONDS) return 'channel token expiry too far away';
  const from = typeof claims.nbf === 'number' ? claims.nbf : typeof claims.iat === 'number' ? claims.iat : undefined;
  if (from !== undefined && exp - from > MAX_TOKEN_LIFETIME_SECONDS) return 'channel token lifetime too long';
  return undefined;
}
