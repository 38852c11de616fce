// Blob Storage for all bot state (conversation references, alert subscriptions and ledger, report
// snapshots, export files). Shared keys are off: the bot reaches it only with its managed identity,
// through the Storage Blob Data Contributor role.
// https://learn.microsoft.com/azure/storage/common/shared-key-authorization-prevent
// https://learn.microsoft.com/azure/role-based-access-control/role-assignments-template

param name string
param location string
param containerName string
@description('Object id of the managed identity that reads and writes the blobs.')
param principalId string
param tags object = {}

// Built-in role "Storage Blob Data Contributor".
// https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/storage#storage-blob-data-contributor
var blobDataContributorRoleId = 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

resource blobDataContributor 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  // Deterministic name: re-running the deployment finds the same assignment instead of failing.
  name: guid(storage.id, principalId, blobDataContributorRoleId)
  scope: storage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', blobDataContributorRoleId)
    principalId: principalId
    // Says what the principal is, so ARM does not look it up in a directory that may not have
    // replicated the brand-new identity yet ("PrincipalNotFound").
    principalType: 'ServicePrincipal'
  }
}

output name string = storage.name
output blobEndpoint string = 'https://${storage.name}.blob.${environment().suffixes.storage}'
