// Service principals and app role assignments: enough of Graph for the bot's `doctor` to find out
// which permissions its managed identity holds, and for a demo to grant the missing ones.
import type { TenantState } from '../tenant-state';
import { EXCHANGE_APP_ID, GRAPH_APP_ID } from '../token';

export interface AppRole {
  id: string;
  value: string;
}

export const GRAPH_APP_ROLES: AppRole[] = [
  { value: 'User.Read.All', id: 'df021288-bdef-4463-88db-98f22de89214' },
  { value: 'User.ReadWrite.All', id: '741f803b-c850-494e-b5df-cde7c675a1ca' },
  { value: 'Directory.Read.All', id: '7ab1d382-f21e-4acd-a863-ba3e13f7da61' },
  { value: 'Reports.Read.All', id: '230c1aed-a721-4c5d-9cb4-a90514e508ef' },
  { value: 'Organization.Read.All', id: '498476ce-e0fe-48b0-b801-37ba7e2685c6' },
  { value: 'GroupMember.Read.All', id: '98830695-27a2-44f7-8c18-0c3ebc9698f6' },
  { value: 'LicenseAssignment.ReadWrite.All', id: '5facf0c1-8979-4e95-abcf-ff3d079771c0' },
  { value: 'LicenseAssignment.Read.All', id: 'e2f98668-2877-4f38-a2f4-8202e0717aa1' },
  { value: 'ReportSettings.Read.All', id: 'ee353f83-55ef-4b78-82da-555bfa2b4b95' },
  { value: 'ReportSettings.ReadWrite.All', id: '2a60023f-3219-47ad-baa4-40e17cd02a1d' },
  { value: 'MailboxSettings.Read', id: '40f97065-369a-49f4-947c-6a255697ae91' },
];

export const EXCHANGE_APP_ROLES: AppRole[] = [{ value: 'Exchange.ManageAsApp', id: 'dc50a0fb-09a3-484d-be87-e023b12c6440' }];

export interface ResourcePrincipal {
  id: string;
  appId: string;
  displayName: string;
  roles: AppRole[];
  /** Which list of the fixture's identity holds the granted role values. */
  grants: 'graphAppRoles' | 'exchangeAppRoles';
}

export function resourcePrincipals(state: TenantState): ResourcePrincipal[] {
  return [
    {
      id: state.guid(`sp:${state.tenantId}:${GRAPH_APP_ID}`),
      appId: GRAPH_APP_ID,
      displayName: 'Microsoft Graph',
      roles: GRAPH_APP_ROLES,
      grants: 'graphAppRoles',
    },
    {
      id: state.guid(`sp:${state.tenantId}:${EXCHANGE_APP_ID}`),
      appId: EXCHANGE_APP_ID,
      displayName: 'Office 365 Exchange Online',
      roles: EXCHANGE_APP_ROLES,
      grants: 'exchangeAppRoles',
    },
  ];
}

const IDENTITY_NAME = 'mailbox-watch-bot managed identity';

export function servicePrincipalRecords(state: TenantState): Record<string, unknown>[] {
  const identity = state.fixture.identity;
  const resources = resourcePrincipals(state).map((r) => ({
    id: r.id,
    appId: r.appId,
    displayName: r.displayName,
    servicePrincipalType: 'Application',
    appRoles: r.roles.map((role) => ({
      allowedMemberTypes: ['Application'],
      description: role.value,
      displayName: role.value,
      id: role.id,
      isEnabled: true,
      origin: 'Application',
      value: role.value,
    })),
  }));
  return [
    ...resources,
    {
      id: identity.principalId,
      appId: identity.clientId,
      displayName: IDENTITY_NAME,
      servicePrincipalType: 'ManagedIdentity',
      appRoles: [],
    },
  ];
}

/** The identity's grants on one resource, as appRoleAssignment records. */
export function assignmentsOn(state: TenantState, resource: ResourcePrincipal): Record<string, unknown>[] {
  const identity = state.fixture.identity;
  return identity[resource.grants]
    .map((value) => resource.roles.find((r) => r.value === value))
    .filter((role): role is AppRole => !!role)
    .map((role) => ({
      id: state.guid(`assignment:${identity.principalId}:${role.id}`).replace(/-/g, '').slice(0, 22),
      appRoleId: role.id,
      createdDateTime: '2024-01-01T00:00:00Z',
      principalDisplayName: IDENTITY_NAME,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
      resourceDisplayName: resource.displayName,
      resourceId: resource.id,
    }));
}
