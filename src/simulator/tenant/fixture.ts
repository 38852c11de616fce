// The simulated tenant's document, as ../shared/design/tenant-fixture.schema.json describes it.
// Sizes are bytes; a null quota means Unlimited; consumedUnits is counted, never stored.

export interface FixtureMailbox {
  recipientTypeDetails: 'UserMailbox' | 'SharedMailbox' | 'RoomMailbox' | 'EquipmentMailbox';
  primarySmtpAddress?: string;
  alias?: string;
  whenMailboxCreated?: string;
  itemCount: number;
  totalItemSizeBytes: number;
  deletedItemCount?: number;
  totalDeletedItemSizeBytes?: number;
  issueWarningQuotaBytes?: number | null;
  prohibitSendQuotaBytes?: number | null;
  prohibitSendReceiveQuotaBytes: number | null;
  lastInteractionTime?: string | null;
  lastLogonTime?: string | null;
  litigationHoldEnabled: boolean;
  archiveStatus: 'None' | 'Active';
  autoExpandingArchiveEnabled?: boolean;
  archive?: { itemCount: number; totalItemSizeBytes: number } | null;
}

export interface FixtureUser {
  id: string;
  userPrincipalName: string;
  displayName: string;
  mail?: string | null;
  accountEnabled: boolean;
  userType?: 'Member' | 'Guest';
  usageLocation?: string | null;
  createdDateTime?: string;
  assignedLicenses: { skuId: string; disabledPlans?: string[] }[];
  mailbox?: FixtureMailbox | null;
}

export interface FixtureSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus?: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidUnits: { enabled: number; suspended?: number; warning?: number; lockedOut?: number };
  servicePlans: { servicePlanId: string; servicePlanName: string; provisioningStatus?: string; appliesTo?: string }[];
}

export interface TenantFixture {
  tenant: { id: string; initialDomain: string; displayName?: string };
  identity: {
    clientId: string;
    principalId: string;
    graphAppRoles: string[];
    exchangeAppRoles: string[];
    directoryRoles: string[];
    /** Exchange role groups the identity's service principal is a member of (not in its token). */
    exchangeRoleGroups?: { name: string; roles: string[]; cmdlets?: string[] }[];
  };
  reportSettings?: { displayConcealedNames?: boolean };
  reportRefreshDate?: string;
  subscribedSkus: FixtureSku[];
  groups?: { id: string; displayName: string; members: string[] }[];
  users: FixtureUser[];
}
