// The simulated tenant's document, as the bundled schema beside this file describes it (a superset of
// the design's tenant-fixture schema).
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
  archive?: { itemCount: number; totalItemSizeBytes: number; growthBytesPerDay?: number } | null;
  /** Per simulated day since the fixture's asOf (PUT /_sim/clock moves the day). */
  growthBytesPerDay?: number;
  itemsPerDay?: number;
  /** In-Place and retention holds, as Get-Mailbox names them (e.g. "mbx…", "UniH…"). */
  inPlaceHolds?: string[];
  /** Default: 30 GB, or 100 GB on hold. */
  recoverableItemsQuotaBytes?: number;
  /** Folders the user made (under the Inbox), for Get-MailboxFolderStatistics; default 12. */
  folderCount?: number;
}

/** The mailbox of a Microsoft 365 group (Get-Mailbox -GroupMailbox lists it). */
export interface FixtureGroupMailbox {
  primarySmtpAddress: string;
  itemCount: number;
  totalItemSizeBytes: number;
  /** Default 50 GB, a Microsoft 365 group mailbox's quota in Exchange Online. */
  prohibitSendReceiveQuotaBytes?: number | null;
  lastInteractionTime?: string | null;
  whenMailboxCreated?: string;
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
  /** Directory properties `licenses by …` groups by. */
  department?: string | null;
  country?: string | null;
  companyName?: string | null;
  /**
   * Last activity per Microsoft 365 service (ISO date-times, null = never), as the active-user report
   * shows it. Absent: Exchange follows the mailbox's lastInteractionTime, the other services never.
   */
  activity?: Partial<Record<'exchange' | 'oneDrive' | 'sharePoint' | 'skypeForBusiness' | 'yammer' | 'teams', string | null>>;
}

export interface FixtureSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus?: 'Enabled' | 'Warning' | 'Suspended' | 'Deleted' | 'LockedOut';
  prepaidUnits: { enabled: number; suspended?: number; warning?: number; lockedOut?: number };
  servicePlans: { servicePlanId: string; servicePlanName: string; provisioningStatus?: string; appliesTo?: string }[];
}

export interface FixtureSubscription {
  id?: string;
  commerceSubscriptionId?: string;
  skuId: string;
  status?: 'Enabled' | 'Deleted' | 'Suspended' | 'Warning' | 'LockedOut';
  isTrial?: boolean;
  totalLicenses: number;
  createdDateTime?: string;
  nextLifecycleDateTime: string | null;
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
  /** Exchange's organisation settings as Get-OrganizationConfig shows them. */
  organization?: { autoExpandingArchive?: boolean };
  reportRefreshDate?: string;
  /** The day the figures describe, YYYY-MM-DD (default: the real date when the simulator starts). */
  asOf?: string;
  subscribedSkus: FixtureSku[];
  /** directory/subscriptions: absent, one paid subscription per SKU renewing 5–364 days after start (from its skuId). */
  subscriptions?: FixtureSubscription[];
  groups?: { id: string; displayName: string; members: string[]; mailbox?: FixtureGroupMailbox }[];
  users: FixtureUser[];
}
