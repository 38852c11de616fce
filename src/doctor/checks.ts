// `doctor`: whether the bot's managed identity can do its job, checked in the order things break
// (identity source, tokens, the permissions inside them, one cheap call to each service), with the
// exact fix for each failure. Shared by the chat command and `npm run doctor`; no Teams types here.
import type { TokenCredential } from '@azure/identity';
import { describeIdentitySource } from '../m365/credential';
import type { ExchangeClient } from '../m365/exchange-client';
import type { GraphClient } from '../m365/graph-client';
import { EXCHANGE_CMDLETS, explainServiceError, type TokenGrants } from '../m365/permissions';
import { identityError } from '../m365/retry-policy';
import { ServiceError } from '../m365/service-error';
import { tenantScopes, type TenantScopes } from '../m365/tenant-clients';
import { redact } from '../log';
import {
  bicepRedeploy,
  directoryRoleCommand,
  exchangeRoleGroupCommands,
  grantCommand,
  PRINCIPAL_ID_HINT,
  removeDirectoryRoleCommand,
  TOKEN_CACHE_NOTE,
  withPrincipal,
} from './fixes';
import {
  DEFAULT_EXCHANGE_ROLE,
  EXCHANGE_READER_ROLES,
  EXCHANGE_ROLE,
  graphPermissionsToCheck,
  OTHER_EXCHANGE_ROLES,
  WRITE_CAPABLE_ROLES,
} from './required-permissions';
import { readTokenClaims, type TokenClaims } from './token-claims';
import { nodeRuntimeCheck } from './node-runtime';

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface DoctorCheck {
  id: string;
  title: string;
  status: CheckStatus;
  /** What was found; may quote a service's words (show as plain text). */
  detail: string;
  /** For a failure (or a warning): exactly what to run or change. */
  fix?: string;
}

export interface DoctorReport {
  checks: DoctorCheck[];
  /** No check failed (warnings allowed). */
  ok: boolean;
  /** The identity's object id, from its token, when one came. */
  principalId?: string;
}

export interface DoctorDeps {
  env: NodeJS.ProcessEnv;
  credential: TokenCredential;
  graph: GraphClient;
  exchange: ExchangeClient;
  /** The scopes the clients' pipelines ask for (m365/tenant-clients.ts); default: the commercial cloud's. */
  scopes?: TenantScopes;
  config: { adminGroupId?: string; remediation: boolean; managedIdentityClientId?: string };
  /** How long to wait for the identity endpoint (default 20 s; IMDS off Azure never answers). */
  tokenTimeoutMs?: number;
}

const COMMERCIAL_SCOPES = tenantScopes({ graphEndpoint: 'https://graph.microsoft.com', exchangeEndpoint: 'https://outlook.office365.com' });

/** docs/deploy.md, Troubleshooting: the settings no longer match the attached identity. */
const ATTACHED_IDENTITY =
  '`az webapp identity show -g <resource group> -n <web app>` lists the attached identities; deploying infra/main.bicep again (docs/deploy.md step 3) puts the matching client id back in AZURE_CLIENT_ID and MicrosoftAppId.';

type TokenAttempt = { ok: true; claims: TokenClaims } | { ok: false; error: ServiceError };

export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const add = (check: DoctorCheck): DoctorCheck => {
    checks.push(check);
    return check;
  };
  const timeoutMs = deps.tokenTimeoutMs ?? 20_000;
  const remediation = deps.config.remediation;

  // 1. Which managed identity source, and whether it answers.
  const source = describeIdentitySource(deps.env);
  let graphToken: TokenAttempt | undefined;
  if (source.kind === 'none') {
    add({ id: 'identity', title: 'Managed identity', status: 'fail', detail: source.summary, fix: noSourceFix(source.endpoint) });
  } else {
    graphToken = await fetchToken(deps.credential, (deps.scopes ?? COMMERCIAL_SCOPES).graph, timeoutMs);
    if (!graphToken.ok) {
      const advice = explainServiceError(graphToken.error);
      add({
        id: 'identity',
        title: 'Managed identity',
        status: 'fail',
        detail: `${source.summary} It gave no token: ${advice.missing} (${graphToken.error.serviceMessage || graphToken.error.code})`,
        fix: /AZURE_CLIENT_ID/.test(advice.missing) ? `${advice.fix} ${ATTACHED_IDENTITY}` : advice.fix,
      });
    } else {
      const { oid, appid } = graphToken.claims;
      const expected = deps.config.managedIdentityClientId;
      const mismatch = expected && appid && expected.toLowerCase() !== appid.toLowerCase();
      add({
        id: 'identity',
        title: 'Managed identity',
        status: mismatch ? 'warn' : 'pass',
        detail: `${source.summary} It answers: object (principal) id ${oid ?? 'unknown'}, client id ${appid ?? 'unknown'}.`,
        fix: mismatch ? `The token is for client id ${appid}, not AZURE_CLIENT_ID ${expected}. ${ATTACHED_IDENTITY}` : undefined,
      });
    }
  }
  const principalId = graphToken?.ok ? graphToken.claims.oid : undefined;
  const noIdentity =
    source.kind === 'none' ? 'Skipped: there is no managed identity source.' : 'Skipped: the managed identity gave no token.';

  // 2. The Graph token and the application permissions in it.
  const graphClaims = graphToken?.ok ? graphToken.claims : undefined;
  if (!graphClaims) add({ id: 'graph-token', title: 'Token for Microsoft Graph', status: 'skip', detail: noIdentity });
  else
    add({
      id: 'graph-token',
      title: 'Token for Microsoft Graph',
      status: 'pass',
      detail: `Application permissions in it: ${listOrNone(graphClaims.roles)}.`,
    });

  // 3. The Exchange token: Exchange.ManageAsApp, and an Entra role in `wids`.
  let exchangeClaims: TokenClaims | undefined;
  const exchangeToken = add({ id: 'exchange-token', title: 'Token for Exchange Online', status: 'skip', detail: noIdentity });
  const exchangeRole = add({ id: 'exchange-role', title: 'Entra role for Exchange Online', status: 'skip', detail: noIdentity });
  if (graphToken?.ok) {
    const attempt = await fetchToken(deps.credential, (deps.scopes ?? COMMERCIAL_SCOPES).exchange, timeoutMs);
    if (!attempt.ok) {
      const advice = explainServiceError(attempt.error);
      Object.assign(exchangeToken, {
        status: 'fail',
        detail: `No token for Exchange Online: ${advice.missing} (${attempt.error.serviceMessage || attempt.error.code})`,
        fix: advice.fix,
      });
      exchangeRole.detail = 'Skipped: no token for Exchange Online.';
    } else {
      exchangeClaims = attempt.claims;
      if (exchangeClaims.roles.includes(EXCHANGE_ROLE.value)) {
        Object.assign(exchangeToken, { status: 'pass', detail: `It holds ${EXCHANGE_ROLE.value}.` });
      } else {
        Object.assign(exchangeToken, {
          status: 'fail',
          detail: `It lacks the app role ${EXCHANGE_ROLE.value} (${EXCHANGE_ROLE.id}) of "Office 365 Exchange Online" (app roles in it: ${listOrNone(exchangeClaims.roles)}), so Exchange answers 401 to every call.`,
          fix: `Run \`${grantCommand(principalId, remediation)}\` as a Privileged Role Administrator, or ${bicepRedeploy(remediation)}. ${TOKEN_CACHE_NOTE}`,
        });
      }
    }
  }

  // 4. Each Graph permission the features need.
  for (const p of graphPermissionsToCheck(deps.config)) {
    const check: DoctorCheck = {
      id: `graph-permission:${p.role}`,
      title: `Graph permission ${p.role}`,
      status: 'skip',
      detail: graphClaims ? '' : noIdentity,
    };
    add(check);
    if (!graphClaims) continue;
    const held = graphClaims.roles.includes(p.role);
    const broader = p.alsoSatisfiedBy.find((r) => graphClaims.roles.includes(r));
    if (held) Object.assign(check, { status: 'pass', detail: `Granted (${p.why}).` });
    else if (broader)
      Object.assign(check, { status: 'pass', detail: `Covered by ${broader}, which grants more than ${p.role} (enough for ${p.why}).` });
    else if (!p.needed) check.detail = `Not needed: ${p.notNeededBecause}.`;
    else {
      const forRole = p.role === 'LicenseAssignment.ReadWrite.All' || remediation;
      Object.assign(check, {
        status: 'fail',
        detail: `Missing, and needed for ${p.why}.`,
        fix: `Run \`${grantCommand(principalId, forRole)}\` as a Privileged Role Administrator, or ${bicepRedeploy(forRole)}. ${TOKEN_CACHE_NOTE}`,
      });
    }
  }

  // 5. One cheap call to each service.
  const graphCall = add({ id: 'graph-call', title: 'Microsoft Graph answers', status: 'skip', detail: noIdentity });
  if (graphClaims) await probeGraph(deps.graph, graphClaims, principalId, graphCall);

  const exchangeCall = add({ id: 'exchange-call', title: 'Exchange Online answers', status: 'skip', detail: noIdentity });
  if (exchangeClaims) {
    if (exchangeClaims.roles.includes(EXCHANGE_ROLE.value)) await probeExchange(deps.exchange, principalId, exchangeCall, exchangeClaims);
    else exchangeCall.detail = `Skipped: without ${EXCHANGE_ROLE.value} Exchange refuses every call (see above).`;
    judgeExchangeRole(exchangeRole, exchangeClaims, exchangeCall, principalId);
  } else if (graphToken?.ok) {
    exchangeCall.detail = 'Skipped: no token for Exchange Online.';
  }

  // 6. Nothing more than it needs: the bot only reads Exchange and the directory.
  const leastPrivilege = add({ id: 'least-privilege', title: 'Only the rights it needs', status: 'skip', detail: noIdentity });
  if (graphClaims || exchangeClaims) judgeLeastPrivilege(leastPrivilege, [graphClaims, exchangeClaims], principalId);

  add(nodeRuntimeCheck());

  const clean = cleaner(deps.env);
  for (const c of checks) {
    c.detail = clean(c.detail);
    if (c.fix) c.fix = clean(withPrincipal(c.fix, principalId));
  }
  return { checks, ok: !checks.some((c) => c.status === 'fail'), principalId };
}

async function fetchToken(credential: TokenCredential, scope: string, timeoutMs: number): Promise<TokenAttempt> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new ServiceError({
            service: 'identity',
            status: 0,
            code: 'Timeout',
            serviceMessage: `The managed identity endpoint did not answer within ${Math.round(timeoutMs / 1000)} s.`,
          }),
        ),
      timeoutMs,
    );
  });
  try {
    const token = await Promise.race([credential.getToken(scope), deadline]);
    const claims = token ? readTokenClaims(token.token) : null;
    if (!claims)
      return {
        ok: false,
        error: new ServiceError({
          service: 'identity',
          status: 0,
          code: 'InvalidToken',
          serviceMessage: 'The identity endpoint answered without a readable access token.',
        }),
      };
    return { ok: true, claims };
  } catch (e) {
    if (e instanceof ServiceError) return { ok: false, error: e };
    const err = e as { name?: string; message?: string };
    return {
      ok: false,
      error:
        identityError(e) ??
        new ServiceError({ service: 'identity', status: 0, code: err?.name ?? 'Error', serviceMessage: err?.message ?? String(e) }),
    };
  } finally {
    clearTimeout(timer);
  }
}

async function probeGraph(graph: GraphClient, claims: TokenClaims, principalId: string | undefined, check: DoctorCheck): Promise<void> {
  const has = (...roles: string[]) => roles.some((r) => claims.roles.includes(r));
  // A call the token's permissions allow, so the answer is about reaching Graph, not about a grant.
  const call = has('Organization.Read.All', 'Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All')
    ? { path: '/organization?$select=id,displayName', label: 'GET /organization' }
    : has('User.Read.All', 'User.ReadWrite.All')
      ? { path: '/users?$top=1&$select=id', label: 'GET /users' }
      : null;
  if (!call) {
    check.detail = 'Skipped: the token holds no permission that allows a read; grant the permissions above first.';
    return;
  }
  try {
    const answer = await graph.get<{ value?: { displayName?: string }[] }>(call.path);
    const name = call.label === 'GET /organization' ? answer.value?.[0]?.displayName : undefined;
    Object.assign(check, { status: 'pass', detail: `${call.label} answered${name ? `: organisation "${name}"` : ''}.` });
  } catch (e) {
    failedCall(check, e, principalId);
  }
}

/**
 * Each cmdlet the bot sends, once: Get-Mailbox -ResultSize 1, then Get-MailboxStatistics of the
 * mailbox it returned. A grant can allow one and not the other (an Exchange role group with a
 * custom role); the refusal then names the cmdlet and the role that holds it.
 */
async function probeExchange(
  exchange: ExchangeClient,
  principalId: string | undefined,
  check: DoctorCheck,
  claims: TokenClaims,
): Promise<void> {
  const answered: string[] = [];
  let cmdlet: keyof typeof EXCHANGE_CMDLETS = 'Get-Mailbox';
  try {
    let mailbox: string | undefined;
    for await (const page of exchange.invokeCommand(cmdlet, { ResultSize: 1 })) {
      const first = page[0] as { UserPrincipalName?: unknown; ExternalDirectoryObjectId?: unknown } | undefined;
      const id = first?.ExternalDirectoryObjectId ?? first?.UserPrincipalName;
      if (typeof id === 'string' && id) mailbox = id;
      break;
    }
    answered.push(`Get-Mailbox -ResultSize 1 answered (${mailbox ? 1 : 0} mailbox read)`);
    cmdlet = 'Get-MailboxStatistics';
    if (mailbox) {
      await exchange.invokeCommandAll(cmdlet, { Identity: mailbox });
      answered.push('Get-MailboxStatistics answered');
    } else answered.push('Get-MailboxStatistics not tried: the tenant has no mailbox');
    Object.assign(check, { status: 'pass', detail: `${answered.join('; ')}.` });
  } catch (e) {
    if (e instanceof ServiceError && e.service === 'exchange' && e.status === 403 && answered.length > 0) {
      // The identity reads some of Exchange, not all: its grant is narrower than the bot needs.
      const role = EXCHANGE_CMDLETS[cmdlet];
      Object.assign(check, {
        status: 'fail',
        detail: `${answered.join('; ')}, but Exchange refused ${cmdlet} (403): the identity's Exchange rights do not hold it. ${cmdlet} is in the management role ${role}.`,
        fix: `Add the role ${role} to the identity's Exchange role group (Exchange Online PowerShell: \`New-ManagementRoleAssignment -Role "${role}" -SecurityGroup "<its role group>"\`), or assign the read-only Global Reader role: \`${directoryRoleCommand(principalId)}\`. ${TOKEN_CACHE_NOTE}`,
      });
      return;
    }
    // A 401 has two causes; what the token holds says which is likelier.
    failedCall(check, e, principalId, {
      exchangeAppRole: claims.roles.includes(EXCHANGE_ROLE.value),
      exchangeEntraRole: claims.wids.some((w) => EXCHANGE_READER_ROLES[w.toLowerCase()]),
    });
    if (e instanceof ServiceError && e.service === 'exchange' && e.status === 403) {
      check.fix = `Assign the read-only Entra role ${DEFAULT_EXCHANGE_ROLE.name} to the identity, as a Privileged Role Administrator: \`${directoryRoleCommand(principalId)}\` (or Entra ID > Roles and administrators). ${TOKEN_CACHE_NOTE}`;
    }
  }
}

function failedCall(check: DoctorCheck, e: unknown, principalId: string | undefined, grants?: TokenGrants): void {
  if (!(e instanceof ServiceError)) {
    Object.assign(check, {
      status: 'fail',
      detail: `The call failed: ${(e as Error)?.message ?? String(e)}`,
      fix: "Run doctor again; if it keeps failing, look at the bot's log stream.",
    });
    return;
  }
  const advice = explainServiceError(e, grants);
  Object.assign(check, { status: 'fail', detail: `${e.message}. ${advice.missing}`, fix: withPrincipal(advice.fix, principalId) });
}

/** A token without a known role may still work (an Exchange role group), so the call decides. */
function judgeExchangeRole(check: DoctorCheck, claims: TokenClaims, call: DoctorCheck, principalId: string | undefined): void {
  const readers = claims.wids.map((w) => EXCHANGE_READER_ROLES[w.toLowerCase()]).filter(Boolean);
  if (readers.length) {
    Object.assign(check, { status: 'pass', detail: `The token carries ${readers.join(', ')}.` });
    return;
  }
  const others = claims.wids.map((w) => OTHER_EXCHANGE_ROLES[w.toLowerCase()]).filter(Boolean);
  const held = others.length ? `only ${others.join(', ')}, which may not read every mailbox` : 'none';
  if (call.status === 'pass') {
    Object.assign(check, {
      status: 'pass',
      detail: `No Entra role for reading mailboxes in the token (Entra roles: ${held}), yet Exchange ran every cmdlet the bot sends: its rights come from an Exchange role group (such as one with View-Only Recipients alone, the narrowest grant).`,
    });
    return;
  }
  Object.assign(check, {
    status: 'fail',
    detail: `The token carries no Entra role that lets Exchange Online read mailboxes (Entra roles: ${held}); Exchange answers 403. The read-only Global Reader is enough (or an Exchange role group with View-Only Recipients).`,
    fix: `Assign ${DEFAULT_EXCHANGE_ROLE.name}, as a Privileged Role Administrator: \`${directoryRoleCommand(principalId)}\` (docs/deploy.md step 4; "Conflict" means it is already assigned). ${principalId ? '' : `The principal id is ${PRINCIPAL_ID_HINT}. `}${TOKEN_CACHE_NOTE}`,
  });
}

/**
 * A write-capable Entra role in either token is more than the bot needs: it reads Exchange and the
 * directory (licence assignment, when on, is a Graph app role). Exchange role groups are not in any
 * token, so only Entra roles can be judged here; docs/deploy.md says how to list role groups.
 */
function judgeLeastPrivilege(check: DoctorCheck, tokens: (TokenClaims | undefined)[], principalId: string | undefined): void {
  const wids = [...new Set(tokens.flatMap((t) => t?.wids ?? []).map((w) => w.toLowerCase()))];
  const excess = wids.filter((w) => WRITE_CAPABLE_ROLES[w]);
  if (excess.length === 0) {
    const readers = wids.map((w) => EXCHANGE_READER_ROLES[w] ?? OTHER_EXCHANGE_ROLES[w]).filter(Boolean);
    Object.assign(check, {
      status: 'pass',
      detail: `No Entra role that can change the tenant (Entra roles: ${readers.length ? readers.join(', ') : 'none known'}).`,
    });
    return;
  }
  const names = excess.map((w) => WRITE_CAPABLE_ROLES[w]);
  const removals = excess.map((w) => `\`${removeDirectoryRoleCommand(principalId, w)}\``).join(' and ');
  const hasReader = wids.includes(DEFAULT_EXCHANGE_ROLE.id);
  Object.assign(check, {
    status: 'warn',
    detail: `The identity holds ${names.join(', ')}, which can change the tenant; the bot only reads Exchange and the directory, so it needs no more than the read-only ${DEFAULT_EXCHANGE_ROLE.name}.`,
    fix:
      `${hasReader ? '' : `Assign ${DEFAULT_EXCHANGE_ROLE.name} first: \`${directoryRoleCommand(principalId)}\`, then remove `}${hasReader ? 'Remove ' : ''}${names.join(', ')} as a Privileged Role Administrator: ${removals} ` +
      `(or Entra ID > Roles and administrators > the role > Assignments > Remove). Narrower still: an Exchange role group with View-Only Recipients only (\`${exchangeRoleGroupCommands(principalId, tokens.find((t) => t?.appid)?.appid).join('; ')}\`, Exchange Online PowerShell). ${TOKEN_CACHE_NOTE}`,
  });
}

function noSourceFix(endpoint: string | null): string {
  if (endpoint) {
    return "Remove IDENTITY_ENDPOINT and IDENTITY_HEADER from the app settings if they were set by hand (App Service sets both itself), then in the web app's Identity blade turn the managed identity off and on again.";
  }
  return "Turn on the managed identity in the web app's Identity blade (infra/main.bicep attaches the user-assigned one); App Service then sets IDENTITY_ENDPOINT and IDENTITY_HEADER.";
}

function listOrNone(items: string[]): string {
  return items.length ? items.join(', ') : 'none';
}

/** No token, no IDENTITY_HEADER, nothing credential-like ever reaches a card or the console. */
function cleaner(env: NodeJS.ProcessEnv): (text: string) => string {
  const header = env.IDENTITY_HEADER?.trim();
  return (text) => redact(header && header.length >= 4 ? text.split(header).join('[redacted]') : text);
}
