// The exact commands an admin runs to fix a missing permission, with the identity's principal id
// filled in when the token told us (the same commands as docs/deploy.md and infra/main.bicep's outputs).
import { EXCHANGE_RECIPIENT_ADMINISTRATOR } from './required-permissions';

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

/** The one command that assigns Exchange Recipient Administrator (Graph Bicep cannot: msgraph-bicep-types#123). */
export function directoryRoleCommand(principalId: string | undefined): string {
  const body = JSON.stringify({
    principalId: principalId || PRINCIPAL_PLACEHOLDER,
    roleDefinitionId: EXCHANGE_RECIPIENT_ADMINISTRATOR,
    directoryScopeId: '/',
  });
  return `az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments --headers Content-Type=application/json --body '${body}'`;
}

export const TOKEN_CACHE_NOTE =
  'Managed identity tokens are cached for up to about 24 hours, and a restart does not clear that cache: after granting, run doctor again later.';

/** Replaces the placeholder in advice written without the id (src/m365/permissions.ts). */
export function withPrincipal(text: string, principalId: string | undefined): string {
  return principalId ? text.split(PRINCIPAL_PLACEHOLDER).join(principalId) : text;
}
