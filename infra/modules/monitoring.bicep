// Application Insights for the bot, signed in to with its managed identity only:
//  - a Log Analytics workspace, and a workspace-based Application Insights component on it;
//  - DisableLocalAuth: the instrumentation key in the connection string cannot ingest anything on
//    its own, so the connection string is not a secret; only Entra ID tokens are accepted;
//  - Monitoring Metrics Publisher for the identity, the role Entra ID ingestion requires.
// https://learn.microsoft.com/azure/azure-monitor/app/azure-ad-authentication
// https://learn.microsoft.com/azure/templates/microsoft.insights/components
// https://learn.microsoft.com/azure/templates/microsoft.operationalinsights/workspaces

param name string
param location string
@description('Object id of the managed identity that sends the telemetry.')
param principalId string
@minValue(30)
param retentionInDays int = 30
param tags object = {}

// Built-in role "Monitoring Metrics Publisher".
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/monitor#monitoring-metrics-publisher
var metricsPublisherRoleId = '3913510d-42f4-4e42-8a64-420c390055eb'

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${name}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
    DisableLocalAuth: true
  }
}

resource metricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(insights.id, principalId, metricsPublisherRoleId)
  scope: insights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', metricsPublisherRoleId)
    principalId: principalId
    // Named, so ARM does not look the new identity up in a directory replica that lacks it yet
    // (the PrincipalNotFound race): https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template#new-service-principal
    principalType: 'ServicePrincipal'
  }
}

output connectionString string = insights.properties.ConnectionString
output name string = insights.name
output workspaceName string = workspace.name
