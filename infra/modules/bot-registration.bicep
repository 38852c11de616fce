// The Azure Bot registration: Bot Framework routes Teams messages to the web app and accepts the
// bot's replies signed by its user-assigned managed identity (no app password).
// Pattern: the Agents Toolkit's botRegistration/azurebot.bicep
//   https://github.com/OfficeDev/teams-toolkit/blob/dev/templates/ts/notification-restify/infra/botRegistration/azurebot.bicep
//   https://learn.microsoft.com/azure/bot-service/bot-builder-authentication?tabs=userassigned
// and the resource reference https://learn.microsoft.com/azure/templates/microsoft.botservice/botservices

@maxLength(64)
param name string
@maxLength(42)
param displayName string
@description('https://<web app host>/api/messages')
param messagingEndpoint string
param identityClientId string
param identityResourceId string
param identityTenantId string
@allowed([
  'F0'
  'S1'
])
@description('F0 is free and enough: the Teams channel is a standard channel.')
param sku string = 'F0'
param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  kind: 'azurebot'
  tags: tags
  sku: {
    name: sku
  }
  properties: {
    displayName: displayName
    endpoint: messagingEndpoint
    msaAppId: identityClientId
    msaAppMSIResourceId: identityResourceId
    msaAppTenantId: identityTenantId
    msaAppType: 'UserAssignedMSI'
  }
}

// Connect the bot to Microsoft Teams.
resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
  }
}

output name string = bot.name
