// Tenant permissions for the bot's managed identity, through the Microsoft Graph Bicep extension:
//  - Microsoft Graph application roles (what the reports read), and
//  - Exchange.ManageAsApp on "Office 365 Exchange Online", which lets the identity call the Exchange
//    admin REST API (Get-Mailbox, Get-MailboxStatistics…).
// Managed identities have no "API permissions" page in the portal; app role assignments are the way.
// Patterns (microsoftgraph/msgraph-bicep-types quickstarts):
//   https://github.com/microsoftgraph/msgraph-bicep-types/blob/main/quickstart-templates/msi-as-a-fic-secretless/main.bicep
//   https://github.com/microsoftgraph/msgraph-bicep-types/blob/main/quickstart-templates/resource-application-access-grant-to-client-application/main.bicep
// Resource reference: https://learn.microsoft.com/graph/templates/bicep/reference/approleassignedto
// Exchange steps: https://learn.microsoft.com/powershell/exchange/connect-exo-powershell-managed-identity
//
// The deploying user needs AppRoleAssignment.ReadWrite.All + Application.Read.All, which in practice
// means Privileged Role Administrator or Global Administrator. Graph Bicep runs in the public cloud only.
//
// Not here: the Entra directory role Exchange also requires (the read-only Global Reader). The
// extension has no type for directory role assignments (microsoftgraph/msgraph-bicep-types#123), so
// main.bicep outputs the one `az rest` command that assigns it (docs/deploy.md, step 4).
extension microsoftGraphV1

@description('Object id of the managed identity\'s service principal (identity.properties.principalId).')
param principalId string

@description('Microsoft Graph application permissions to grant, by name (e.g. User.Read.All).')
param graphRoles array

// Well-known application ids, the same in every tenant; the service principals' object ids differ
// per tenant, hence the lookups.
var microsoftGraphAppId = '00000003-0000-0000-c000-000000000000'
var exchangeOnlineAppId = '00000002-0000-0ff1-ce00-000000000000'
// The id of the Exchange.ManageAsApp app role, "the same in every organization".
var exchangeManageAsAppRoleId = 'dc50a0fb-09a3-484d-be87-e023b12c6440'

resource graphSp 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: microsoftGraphAppId
}

// Role ids are looked up by name in the tenant's own Graph service principal rather than hard-coded.
var graphAppRoles = graphSp.appRoles

resource graphGrants 'Microsoft.Graph/appRoleAssignedTo@v1.0' = [for role in graphRoles: {
  appRoleId: filter(graphAppRoles, r => r.value == role)[0].id
  principalId: principalId
  resourceId: graphSp.id
}]

resource exchangeSp 'Microsoft.Graph/servicePrincipals@v1.0' existing = {
  appId: exchangeOnlineAppId
}

resource exchangeGrant 'Microsoft.Graph/appRoleAssignedTo@v1.0' = {
  appRoleId: exchangeManageAsAppRoleId
  principalId: principalId
  resourceId: exchangeSp.id
}

output grantedGraphRoles array = graphRoles
