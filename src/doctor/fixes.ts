// The exact commands an admin runs to fix a missing permission, with the identity's principal id
// filled in when the token told us (the same commands as docs/deploy.md and infra/main.bicep's outputs).
import { DEFAULT_EXCHANGE_ROLE, READER_ROLE_GROUP } from './required-permissions';
import { EXCHANGE_CMDLETS } from '../m365/permissions';

export const PRINCIPAL_PLACEHOLDER = '<principal id>';

/** Where an admin finds the id when the bot could not learn it. */
export const PRINCIPAL_ID_HINT =
  "the Object (principal) ID on the managed identity's Overview page, or the deployment's IDENTITY_PRINCIPAL_ID output";

export function grantCommand(principalId: string | undefined, remediation: boolean): string {
  return `npm run grant -- --identity ${principalId || PRINCIPAL_PLACEHOLDER}${remediation ? ' --remediation' : ''}`;
}

export function bicepRedeploy(remediation: boolean): string {
  return `deploy infra/main.bicep again with grantTenantPermissions=true${remediation ? ' remediation=true' : ''} (docs/deploy.md step 3)`;
}

const ROLE_ASSIGNMENTS = 'https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments';

/** The one command that assigns the read-only Global Reader role (Graph Bicep cannot: msgraph-bicep-types#123). */
export function directoryRoleCommand(principalId: string | undefined, roleId: string = DEFAULT_EXCHANGE_ROLE.id): string {
  const body = JSON.stringify({
    principalId: principalId || PRINCIPAL_PLACEHOLDER,
    roleDefinitionId: roleId,
    directoryScopeId: '/',
  });
  return `az rest --method POST --url ${ROLE_ASSIGNMENTS} --headers Content-Type=application/json --body '${body}'`;
}

/** Removes every assignment of one Entra role to the identity (Graph: DELETE roleAssignments/{id}). */
export function removeDirectoryRoleCommand(principalId: string | undefined, roleId: string): string {
  const filter = `principalId eq '${principalId || PRINCIPAL_PLACEHOLDER}' and roleDefinitionId eq '${roleId}'`;
  return `for id in $(az rest --method GET --url "${ROLE_ASSIGNMENTS}?\$filter=${filter}" --query "value[].id" -o tsv); do az rest --method DELETE --url ${ROLE_ASSIGNMENTS}/$id; done`;
}

/**
 * The narrowest grant: an Exchange role group holding only the role the bot's cmdlets need, with the
 * identity's service principal as member. Exchange Online PowerShell, REST mode (app-only-auth-powershell-v2.md,
 * "Assign custom role groups to the application using service principals"); the identity's app id
 * and object id come from its Overview page.
 */
export function exchangeRoleGroupCommands(principalId: string | undefined, appId: string | undefined): string[] {
  const id = principalId || PRINCIPAL_PLACEHOLDER;
  const roles = [...new Set(Object.values(EXCHANGE_CMDLETS))].map((r) => `"${r}"`).join(',');
  return [
    `New-ServicePrincipal -AppId ${appId || '<client id>'} -ObjectId ${id} -DisplayName "Mailbox Watch"`,
    `New-RoleGroup -Name "${READER_ROLE_GROUP}" -Roles ${roles} -Description "Read-only rights of the Mailbox Watch bot"`,
    `Add-RoleGroupMember -Identity "${READER_ROLE_GROUP}" -Member ${id}`,
  ];
}

export const TOKEN_CACHE_NOTE =
  'Managed identity tokens are cached for up to about 24 hours, and a restart does not clear that cache: after granting, run doctor again later.';

/** Replaces the placeholder in advice written without the id (src/m365/permissions.ts). */
export function withPrincipal(text: string, principalId: string | undefined): string {
  return principalId ? text.split(PRINCIPAL_PLACEHOLDER).join(principalId) : text;
}
