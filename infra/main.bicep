// Mailbox Watch in Azure: one user-assigned managed identity, a Linux App Service running the bot,
// an Azure Bot registration with the Teams channel, Blob Storage for state, and the identity's
// Microsoft Graph and Exchange Online permissions. No secret is created or stored anywhere.
//
//   az deployment group create -g <group> -f infra/main.bicep \
//     -p m365Organization=contoso.onmicrosoft.com botAdmins=<your Entra object id>
//
// docs/deploy.md walks through it; m365agents.yml runs the same file from the Agents Toolkit.
// Shape follows the Agents Toolkit bot templates (identity + web app + botRegistration module):
//   https://github.com/OfficeDev/teams-toolkit/blob/dev/templates/ts/notification-restify/infra/azure.bicep
//   https://learn.microsoft.com/microsoftteams/platform/toolkit/provision
// Needs Bicep 0.36.1 or later for the Microsoft Graph extension (see bicepconfig.json).
// The subscription must belong to the Microsoft 365 tenant the bot reports on: a managed identity
// only gets tokens in its own tenant, and Graph Bicep writes to the deploying tenant.

@minLength(4)
@maxLength(20)
@description('Prefix for every resource name; the web app and storage account add a suffix unique to the resource group.')
param resourceBaseName string = 'mailboxwatch'

param location string = resourceGroup().location

@description('The tenant\'s initial domain, x.onmicrosoft.com (Exchange Online needs it to address the organisation).')
param m365Organization string

// Required and non-empty: a bot without admins answers nobody, so the deployment refuses it before
// creating anything (issue 16). The bot itself also starts without admins and says what to set.
@minLength(36)
@description('Comma-separated Entra object ids of the people allowed to use the bot (at least one: yours, `az ad signed-in-user show --query id -o tsv`).')
param botAdmins string

@description('Object id of an Entra group whose members may use the bot (may be combined with botAdmins).')
param botAdminGroupId string = ''

@description('Let admins assign licences from the bot\'s cards; adds LicenseAssignment.ReadWrite.All.')
param remediation bool = false

@minValue(0)
@description('Minutes between alert check cycles; 0 = only when POST /api/alerts/run is called.')
param alertIntervalMinutes int = 60

@description('Comma-separated Entra object ids (e.g. a Logic App\'s managed identity) allowed to call POST /api/alerts/run; empty = nobody (the timer still runs).')
param alertRunners string = ''

@allowed([
  'B1'
  'B2'
  'B3'
  'S1'
  'S2'
  'S3'
  'P0v3'
  'P1v3'
  'P2v3'
])
@description('App Service plan size. Free/Shared plans lack Always On, which the alert timer needs.')
param appServiceSku string = 'B1'

// Node 24, the newest stack App Service on Linux offers as LTS (`az webapp list-runtimes --os linux`:
// NODE|22-lts, NODE|24-lts, NODE|26). .ci/run runs `npm test` on Node 24 and on 26, so the deployed
// runtime is a tested one; src/doctor/node-runtime.ts declares it and doctor names it.
// Stack names: https://learn.microsoft.com/azure/app-service/configure-language-nodejs
@description('App Service Linux runtime stack.')
param linuxFxVersion string = 'NODE|24-lts'

@maxLength(42)
param botDisplayName string = 'Mailbox Watch'

@description('Grant the Graph app roles and Exchange.ManageAsApp here. Needs Privileged Role Administrator or Global Administrator; set false to deploy with Azure rights only and grant later.')
param grantTenantPermissions bool = true

param storageContainerName string = 'botstate'

param tags object = {
  app: 'mailbox-watch'
}

var suffix = uniqueString(resourceGroup().id)
var webAppName = '${resourceBaseName}-${suffix}'
var storageAccountName = toLower('${take(replace(resourceBaseName, '-', ''), 11)}${suffix}')
// The classic default host name. PUBLIC_URL cannot read the site's own defaultHostName inside the
// site's definition; if you turn on unique default host names, set PUBLIC_URL to the new host.
var publicUrl = 'https://${webAppName}.azurewebsites.net'

// What the bot reads from Microsoft Graph, least privilege each (shared/reference/notes/graph.md):
var baseGraphRoles = [
  'User.Read.All' // users, their licences and mailbox-bearing accounts
  'Reports.Read.All' // mailbox usage reports
  'Organization.Read.All' // subscribed SKUs (licences bought, assigned, free); directory/subscriptions (renewal dates), whose least privilege it is
  'GroupMember.Read.All' // members of BOT_ADMIN_GROUP_ID
  'ReportSettings.Read.All' // whether reports conceal user names
]
var graphRoles = remediation ? concat(baseGraphRoles, ['LicenseAssignment.ReadWrite.All']) : baseGraphRoles

// Global Reader: read-only, and enough for every cmdlet the bot sends (Get-Mailbox,
// Get-MailboxStatistics: View-Only Recipients; Get-OrganizationConfig: View-Only Configuration;
// both of which Global Reader brings to Exchange); Microsoft
// lists it for app-only and managed-identity Exchange Online PowerShell. No write-capable role:
// docs/deploy.md step 4 and docs/exchange-online.md §8 give the evidence and a narrower option.
var exchangeRoleTemplateId = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451'

module identity 'modules/identity.bicep' = {
  name: 'bot-identity'
  params: {
    name: '${resourceBaseName}-identity'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'bot-monitoring'
  params: {
    name: resourceBaseName
    location: location
    principalId: identity.outputs.principalId
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'bot-storage'
  params: {
    name: storageAccountName
    location: location
    containerName: storageContainerName
    principalId: identity.outputs.principalId
    tags: tags
  }
}

// Every setting the bot reads in production (src/config.ts SETTINGS; test/unit/deploy checks both ways).
var appSettings = [
  {
    name: 'MicrosoftAppType'
    value: 'UserAssignedMSI'
  }
  {
    name: 'MicrosoftAppId'
    value: identity.outputs.clientId
  }
  {
    name: 'MicrosoftAppTenantId'
    value: identity.outputs.tenantId
  }
  {
    name: 'AZURE_CLIENT_ID'
    value: identity.outputs.clientId
  }
  {
    name: 'M365_TENANT_ID'
    value: tenant().tenantId
  }
  {
    name: 'M365_ORGANIZATION'
    value: m365Organization
  }
  {
    name: 'STORAGE_ACCOUNT_URL'
    value: storage.outputs.blobEndpoint
  }
  {
    name: 'STORAGE_CONTAINER'
    value: storageContainerName
  }
  {
    name: 'BOT_ADMINS'
    value: botAdmins
  }
  {
    name: 'BOT_ADMIN_GROUP_ID'
    value: botAdminGroupId
  }
  {
    name: 'PUBLIC_URL'
    value: publicUrl
  }
  {
    name: 'REMEDIATION'
    value: remediation ? 'on' : 'off'
  }
  {
    name: 'ALERT_INTERVAL_MINUTES'
    value: string(alertIntervalMinutes)
  }
  {
    name: 'ALERT_RUNNERS'
    value: alertRunners
  }
  {
    name: 'LOG_LEVEL'
    value: 'info'
  }
  {
    // Not a secret: the component has local auth disabled, so only the identity's Entra token
    // (Monitoring Metrics Publisher) can send; src/telemetry/ signs in with it.
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING'
    value: monitoring.outputs.connectionString
  }
  {
    // Run the deployed zip as a read-only package: what was tested is what runs.
    name: 'WEBSITE_RUN_FROM_PACKAGE'
    value: '1'
  }
  {
    // The zip already holds dist/ and production node_modules; no build on the server.
    name: 'SCM_DO_BUILD_DURING_DEPLOYMENT'
    value: 'false'
  }
]

module app 'modules/app-service.bicep' = {
  name: 'bot-app-service'
  params: {
    planName: '${resourceBaseName}-plan'
    webAppName: webAppName
    location: location
    sku: appServiceSku
    linuxFxVersion: linuxFxVersion
    identityId: identity.outputs.id
    appSettings: appSettings
    tags: tags
  }
}

module bot 'modules/bot-registration.bicep' = {
  name: 'bot-registration'
  params: {
    name: '${resourceBaseName}-${suffix}'
    displayName: botDisplayName
    messagingEndpoint: 'https://${app.outputs.defaultHostName}/api/messages'
    identityClientId: identity.outputs.clientId
    identityResourceId: identity.outputs.id
    identityTenantId: identity.outputs.tenantId
    tags: tags
  }
}

// Granted last, after the App Service and the bot registration (a minute or more): a service
// principal made moments ago may not have reached the directory replica Graph writes to, and the
// grant then fails with "Not a valid reference update" (microsoftgraph/msgraph-bicep-types#193, open).
// Waiting for the slow resources first makes that rare; when it still happens, running the same
// `az deployment group create` again completes it (the identity exists by then). docs/deploy.md, Troubleshooting.
module tenantPermissions 'modules/graph-permissions.bicep' = if (grantTenantPermissions) {
  name: 'bot-tenant-permissions'
  dependsOn: [
    app
    bot
  ]
  params: {
    principalId: identity.outputs.principalId
    graphRoles: graphRoles
  }
}

// The Agents Toolkit writes these outputs into env/.env.<environment> (upper-case names it expects).
output BOT_ID string = identity.outputs.clientId
output BOT_TENANT_ID string = identity.outputs.tenantId
output BOT_DOMAIN string = app.outputs.defaultHostName
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = app.outputs.id
output WEB_APP_NAME string = app.outputs.name
output BOT_SERVICE_NAME string = bot.outputs.name
output PUBLIC_URL string = publicUrl
output IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output STORAGE_ACCOUNT_NAME string = storage.outputs.name
output APPLICATION_INSIGHTS_NAME string = monitoring.outputs.name
output GRAPH_ROLES string = join(graphRoles, ',')
// The Entra role assignment Graph Bicep cannot make: run this once as a Privileged Role Administrator.
output EXCHANGE_ROLE_COMMAND string = 'az rest --method POST --url https://graph.microsoft.com/v1.0/roleManagement/directory/roleAssignments --headers Content-Type=application/json --body \'{"principalId":"${identity.outputs.principalId}","roleDefinitionId":"${exchangeRoleTemplateId}","directoryScopeId":"/"}\''
