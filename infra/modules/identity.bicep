// The bot's one identity: Bot Framework channel auth (MicrosoftAppType=UserAssignedMSI), Microsoft
// Graph, Exchange Online and Blob Storage all use it, so there is no secret to store or rotate.
// Pattern: Agents Toolkit bot templates, e.g.
// https://github.com/OfficeDev/microsoft-365-agents-toolkit-samples/blob/dev/adaptive-card-notification/infra/azure.bicep

param name string
param location string
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
// The object id of the identity's service principal: what Graph app roles, directory roles and
// Azure role assignments are given to.
output principalId string = identity.properties.principalId
output tenantId string = identity.properties.tenantId
