// Typed records that m365/ hands to reports/ and commands/. They carry what Exchange and Graph
// say, already parsed (sizes in bytes, null = "Unlimited"), and nothing from a transport.

export type RecipientTypeDetails = 'UserMailbox' | 'SharedMailbox' | 'RoomMailbox' | 'EquipmentMailbox';

/** One mailbox as Get-Mailbox describes it. */
export interface Mailbox {
  /** ExternalDirectoryObjectId: the Entra user id, "" when Exchange has none. */
  userId: string;
  displayName: string;
  userPrincipalName: string;
  primarySmtpAddress: string;
  alias?: string;
  recipientTypeDetails: RecipientTypeDetails | string;
  litigationHoldEnabled: boolean;
  archiveStatus: 'None' | 'Active' | string;
  autoExpandingArchiveEnabled: boolean;
  /** Bytes; null when Exchange says "Unlimited". */
  issueWarningQuotaBytes: number | null;
  prohibitSendQuotaBytes: number | null;
  prohibitSendReceiveQuotaBytes: number | null;
  whenMailboxCreated?: string | null;
}

/** What Get-MailboxStatistics says of one mailbox (or of its archive). */
export interface MailboxStatistics {
  itemCount: number;
  totalItemSizeBytes: number;
  deletedItemCount: number;
  totalDeletedItemSizeBytes: number;
  /** ISO 8601, null when never. */
  lastInteractionTime: string | null;
  lastLogonTime: string | null;
}

/** A mailbox with its statistics; `statisticsError` says why they are missing, if they are. */
export interface MailboxWithStatistics extends Mailbox {
  statistics: MailboxStatistics | null;
  archiveStatistics?: MailboxStatistics | null;
  statisticsError?: string;
}

export interface AssignedLicense {
  skuId: string;
  disabledPlans: string[];
}

/** One Entra user as Graph describes it (only the fields the bot selects). */
export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
  mail?: string | null;
  accountEnabled: boolean;
  userType?: string;
  usageLocation: string | null;
  assignedLicenses: AssignedLicense[];
}

export interface ServicePlan {
  servicePlanId: string;
  servicePlanName: string;
  provisioningStatus?: string;
  appliesTo?: string;
}

/** One subscription of the tenant (GET /subscribedSkus). */
export interface SubscribedSku {
  skuId: string;
  skuPartNumber: string;
  capabilityStatus: string;
  consumedUnits: number;
  prepaidUnits: { enabled: number; suspended: number; warning: number; lockedOut: number };
  servicePlans: ServicePlan[];
}
