// `npm run grant`: what admins paste as PowerShell today (Get-MgServicePrincipal, then
// New-MgServicePrincipalAppRoleAssignment), as one idempotent step: finds the Microsoft Graph and
// Office 365 Exchange Online service principals, assigns the bot's identity the app roles it lacks,
// and says what it changed. Runs with an admin's own credential, never the bot's.
import { GraphClient } from '../m365/graph-client';
import { odataQuery, odataString, pathSegment } from '../m365/odata';
import type { ServicePipeline } from '../m365/pipeline';
import { ServiceError } from '../m365/service-error';
import { directoryRoleCommand, exchangeRoleGroupCommands, PRINCIPAL_ID_HINT, TOKEN_CACHE_NOTE } from './fixes';
import { DEFAULT_EXCHANGE_ROLE, EXCHANGE_APP_ID, EXCHANGE_ROLE, GRAPH_APP_ID, grantedGraphRoles } from './required-permissions';

export interface GrantOptions {
  /** The managed identity's object (principal) id, or its client (app) id. */
  identity: string;
  /** Also LicenseAssignment.ReadWrite.All (REMEDIATION=on). */
  remediation?: boolean;
  /** Graph reached with the admin's token: https://graph.microsoft.com and a pipeline. */
  graph: { endpoint: string; pipeline: ServicePipeline };
  /** Report what would be added; change nothing. */
  dryRun?: boolean;
  print: (line: string) => void;
}

export type GrantOutcome = 'added' | 'already granted' | 'would add';

export interface GrantResult {
  identity: { id: string; appId?: string; displayName?: string };
  roles: { resource: string; role: string; outcome: GrantOutcome }[];
  /** The Entra role assignment app roles cannot make, to run once (the read-only Global Reader). */
  directoryRoleCommand: string;
  /** The narrower alternative: an Exchange role group with View-Only Recipients (Exchange Online PowerShell). */
  exchangeRoleGroupCommands: string[];
}

/** A refusal with a sentence the admin can act on; nothing was changed when it is thrown before any "added". */
export class GrantError extends Error {}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface ServicePrincipal {
  id: string;
  appId?: string;
  displayName?: string;
  servicePrincipalType?: string;
  appRoles?: { id: string; value?: string; isEnabled?: boolean }[];
}

interface Assignment {
  resourceId: string;
  appRoleId: string;
}

export async function grant(options: GrantOptions): Promise<GrantResult> {
  const wanted = options.identity.trim();
  if (!wanted) {
    throw new GrantError(
      `No identity given: --identity is empty (a shell variable that is not set?). Use ${PRINCIPAL_ID_HINT}: ` +
        'PRINCIPAL_ID=$(az identity show -g <resource group> -n mailboxwatch-identity --query principalId -o tsv)',
    );
  }
  if (!GUID.test(wanted)) {
    throw new GrantError(
      `"${wanted}" is not an object id or a client id (a GUID such as 4f2c1d9e-…). For a managed identity, use ${PRINCIPAL_ID_HINT}.`,
    );
  }
  const graph = new GraphClient(options.graph);
  const base = `${new URL(options.graph.endpoint).origin}${new URL(options.graph.endpoint).pathname.replace(/\/+$/, '')}/v1.0`;
  try {
    const identity = await findIdentity(graph, wanted);
    const graphSp = await findResource(graph, GRAPH_APP_ID, 'Microsoft Graph');
    const exchangeSp = await findResource(graph, EXCHANGE_APP_ID, 'Office 365 Exchange Online');
    if (identity.id === graphSp.id || identity.id === exchangeSp.id) {
      throw new GrantError(
        `${wanted} is ${identity.displayName ?? 'a Microsoft service'} itself, not the bot's identity. Use ${PRINCIPAL_ID_HINT}.`,
      );
    }
    const plan = [
      ...grantedGraphRoles(Boolean(options.remediation)).map((role) => ({ resource: graphSp, role })),
      { resource: exchangeSp, role: EXCHANGE_ROLE.value as string },
    ].map(({ resource, role }) => ({ resource, role, appRoleId: appRoleId(resource, role) }));

    const held = new Set<string>();
    for await (const page of graph.pages<Assignment>(`/servicePrincipals/${pathSegment(identity.id)}/appRoleAssignments`)) {
      for (const a of page) held.add(key(a.resourceId, a.appRoleId));
    }

    options.print(
      `${options.dryRun ? 'Dry run, nothing changes. ' : ''}Managed identity "${identity.displayName ?? 'unnamed'}": object id ${identity.id}, client id ${identity.appId ?? 'unknown'}.`,
    );
    if (identity.servicePrincipalType && identity.servicePrincipalType !== 'ManagedIdentity') {
      options.print(`Note: this service principal is of type ${identity.servicePrincipalType}, not a managed identity.`);
    }
    const roles: GrantResult['roles'] = [];
    for (const step of plan) {
      let outcome: GrantOutcome;
      if (held.has(key(step.resource.id, step.appRoleId))) outcome = 'already granted';
      else if (options.dryRun) outcome = 'would add';
      else outcome = await assign(options.graph.pipeline, base, identity.id, step.resource.id, step.appRoleId);
      const name = step.resource.displayName ?? step.resource.appId ?? step.resource.id;
      roles.push({ resource: name, role: step.role, outcome });
      options.print(`  ${outcome.padEnd(16)} ${step.role} (${name})`);
    }
    const command = directoryRoleCommand(identity.id);
    const added = roles.filter((r) => r.outcome === 'added').length;
    options.print(
      options.dryRun
        ? `${roles.filter((r) => r.outcome === 'would add').length} app role(s) would be added.`
        : `${added} app role(s) added, ${roles.length - added} already granted.${added ? ` ${TOKEN_CACHE_NOTE}` : ''}`,
    );
    const roleGroup = exchangeRoleGroupCommands(identity.id, identity.appId);
    options.print(
      `Exchange also needs read rights, which app roles cannot give. Run this once as a Privileged Role Administrator to assign the read-only ${DEFAULT_EXCHANGE_ROLE.name} role ("Conflict" means it is already assigned):`,
    );
    options.print(`  ${command}`);
    options.print(
      'Or, narrower (Exchange rights only, no directory-wide read), in Exchange Online PowerShell as an Exchange administrator instead:',
    );
    for (const line of roleGroup) options.print(`  ${line}`);
    return {
      identity: { id: identity.id, appId: identity.appId, displayName: identity.displayName },
      roles,
      directoryRoleCommand: command,
      exchangeRoleGroupCommands: roleGroup,
    };
  } catch (e) {
    throw asGrantError(e);
  }
}

async function findIdentity(graph: GraphClient, id: string): Promise<ServicePrincipal> {
  try {
    return await graph.get<ServicePrincipal>(
      `/servicePrincipals/${pathSegment(id)}${odataQuery({ $select: 'id,appId,displayName,servicePrincipalType' })}`,
    );
  } catch (e) {
    // Not an object id; maybe a client id. Graph says 404 for an unknown id, 400 for a malformed one.
    if (!(e instanceof ServiceError) || (e.status !== 404 && e.status !== 400)) throw e;
  }
  const byAppId = await firstPrincipal(graph, `appId eq ${odataString(id)}`, 'id,appId,displayName,servicePrincipalType');
  if (byAppId) return byAppId;
  throw new GrantError(
    `No service principal has object id or app id ${id} in this tenant. For a managed identity, use the Object (principal) ID shown on its Identity blade.`,
  );
}

async function findResource(graph: GraphClient, appId: string, name: string): Promise<ServicePrincipal> {
  const sp = await firstPrincipal(graph, `appId eq ${odataString(appId)}`, 'id,appId,displayName,appRoles');
  if (!sp)
    throw new GrantError(
      `The tenant has no ${name} service principal (appId ${appId}); is Microsoft 365 set up in this tenant, and is this the right tenant?`,
    );
  return sp;
}

async function firstPrincipal(graph: GraphClient, filter: string, select: string): Promise<ServicePrincipal | undefined> {
  const answer = await graph.get<{ value?: ServicePrincipal[] }>(`/servicePrincipals${odataQuery({ $filter: filter, $select: select })}`);
  return answer.value?.[0];
}

/** Role ids are read from the tenant's own service principal, as infra/modules/graph-permissions.bicep does. */
function appRoleId(resource: ServicePrincipal, value: string): string {
  const role = resource.appRoles?.find((r) => r.value === value && r.isEnabled !== false);
  if (!role) throw new GrantError(`${resource.displayName ?? resource.appId} in this tenant offers no app role ${value}.`);
  return role.id;
}

async function assign(
  pipeline: ServicePipeline,
  base: string,
  principalId: string,
  resourceId: string,
  appRoleId: string,
): Promise<GrantOutcome> {
  try {
    await pipeline.send({
      method: 'POST',
      url: `${base}/servicePrincipals/${pathSegment(resourceId)}/appRoleAssignedTo`,
      body: { principalId, resourceId, appRoleId },
    });
    return 'added';
  } catch (e) {
    // Someone granted it between our read and this write.
    if (e instanceof ServiceError && e.status === 400 && /already exists/i.test(e.serviceMessage)) return 'already granted';
    throw e;
  }
}

function key(resourceId: string, appRoleId: string): string {
  return `${resourceId}|${appRoleId}`.toLowerCase();
}

function asGrantError(e: unknown): Error {
  if (e instanceof GrantError || !(e instanceof ServiceError)) return e as Error;
  if (e.service === 'identity') {
    return new GrantError(
      `Could not get a Microsoft Graph token for you: sign in first with \`az login --tenant <your tenant>\` as a Privileged Role Administrator or Global Administrator. (${e.serviceMessage})`,
    );
  }
  if (e.status === 401 || e.status === 403) {
    return new GrantError(
      `Microsoft Graph refused ${e.method ?? ''} ${e.path ?? ''} (${e.status} ${e.code}): your account may not read or assign app roles. ` +
        'Sign in (az login) as a Privileged Role Administrator or Global Administrator, or have one run this command.',
    );
  }
  return new GrantError(`Microsoft Graph failed: ${e.message}`);
}
