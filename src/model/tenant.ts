// Typed records that m365/ hands to reports/ and commands/. They carry what Exchange and Graph
// say, already parsed (sizes in bytes, null = "Unlimited"), and nothing from a transport.

export type RecipientTypeDetails = 'UserMailbox' | 'SharedMailbox' | 'RoomMailbox' | 'EquipmentMailbox' | 'GroupMailbox';

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
  /** RecoverableItemsQuota: 30 GB, 100 GB on hold; absent when not read. */
  recoverableItemsQuotaBytes?: number | null;
  /** InPlaceHolds: the In-Place, eDiscovery and retention holds on the mailbox, by Exchange's names. */
  inPlaceHolds?: string[];
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
  /** Where `statistics` come from: absent or 'live' = Get-MailboxStatistics; 'usage' = Microsoft 365's usage report. */
  statisticsSource?: 'live' | 'usage';
  /** Beside live statistics: what the usage report said, to show a notable difference. */
  usageStatistics?: MailboxStatistics | null;
  /** Known from the usage report only: Get-Mailbox fields (holds, ids, address) were not read. */
  fromUsageOnly?: boolean;
  /** Bytes a day over about the last 30 days of stored history; null: not enough history. */
  growthPerDay?: number | null;
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
  /** Directory properties, when selected (`licenses by …`). */
  department?: string | null;
  country?: string | null;
  companyName?: string | null;
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

/** One row of Graph's mailbox usage report (getMailboxUsageDetail CSV); data lags 24–48 h. */
export interface MailboxUsageDetail {
  reportRefreshDate: string | null;
  /** A 32-hex hash instead of the name while the tenant conceals names in reports. */
  userPrincipalName: string;
  displayName: string;
  isDeleted: boolean;
  lastActivityDate: string | null;
  itemCount: number | null;
  storageUsedBytes: number | null;
  issueWarningQuotaBytes: number | null;
  prohibitSendQuotaBytes: number | null;
  prohibitSendReceiveQuotaBytes: number | null;
  deletedItemCount: number | null;
  deletedItemSizeBytes: number | null;
  hasArchive: boolean | null;
  /** Only when the report carries a Recipient Type column (not documented for v1.0). */
  recipientType?: string;
}

/** One row of Graph's Microsoft 365 groups activity report (getOffice365GroupsActivityDetail CSV). */
export interface GroupActivityDetail {
  reportRefreshDate: string | null;
  /** The group's Entra id, lower case: Get-Mailbox -GroupMailbox's ExternalDirectoryObjectId. */
  groupId: string;
  displayName: string;
  isDeleted: boolean;
  lastActivityDate: string | null;
  itemCount: number | null;
  storageUsedBytes: number | null;
}

/** Live figures of a mailbox read beside the usage report: statistics, and Get-Mailbox for one known from the report only. */
export interface LiveFigures {
  mailbox?: Mailbox;
  statistics: MailboxStatistics | null;
  error?: string;
}

/** The Microsoft 365 services the active-user report follows. */
export type M365Service = 'exchange' | 'oneDrive' | 'sharePoint' | 'skypeForBusiness' | 'yammer' | 'teams';

/** One row of Microsoft 365's active-user report (getOffice365ActiveUserDetail CSV); data lags 24–48 h. */
export interface ActiveUserDetail {
  reportRefreshDate: string | null;
  /** A hash instead of the name while the tenant conceals names in reports. */
  userPrincipalName: string;
  displayName: string;
  isDeleted: boolean;
  /** Last activity day (YYYY-MM-DD) per service; null when never (or no licence for it). */
  lastActivity: Record<M365Service, string | null>;
  hasLicense: Record<M365Service, boolean>;
}

/** A user's latest activity across every service of the active-user report, and where it was. */
export interface LatestActivity {
  /** YYYY-MM-DD. */
  day: string;
  service: M365Service;
}

/** One commercial subscription (Graph directory/subscriptions, companySubscription). */
export interface CompanySubscription {
  id: string;
  skuId: string;
  skuPartNumber: string;
  /** Enabled, Warning, Suspended, LockedOut, Deleted. */
  status: string;
  isTrial: boolean;
  totalLicenses: number;
  createdDateTime: string | null;
  /** When the subscription moves to its next state if not renewed; null when Graph gives none. */
  nextLifecycleDateTime: string | null;
}

/** A mailbox with an archive, as Get-Mailbox -Archive lists it: the archive's own quota beside. */
export interface ArchiveMailbox extends Mailbox {
  /** ArchiveQuota: 100 GB, or 110 GB on hold with auto-expanding on; null when Unlimited. */
  archiveQuotaBytes: number | null;
}

/** One reading of an archive by Get-MailboxStatistics -Archive. */
export interface ArchiveReading {
  /** ISO time of the reading. */
  at: string;
  sizeBytes: number;
  itemCount: number;
  /** TotalDeletedItemSize of the archive: its Recoverable Items, which count against its cap. */
  deletedBytes: number;
}

/** A mailbox on Litigation Hold as Get-Mailbox -Filter listed it: what the Recoverable Items rule needs of it. */
export interface HeldMailbox {
  upn: string;
  litigationHoldEnabled: boolean;
  inPlaceHolds?: string[];
  recoverableItemsQuotaBytes?: number | null;
}

/** What the bot keeps of one archive: its mailbox's facts and its latest readings, one a day. */
export interface ArchiveFigures {
  /** The identity its statistics are read with (the Entra id when Exchange has one), lower case. */
  id: string;
  upn: string;
  displayName: string;
  recipientTypeDetails: string;
  autoExpanding: boolean;
  /** Auto-expanding because the organisation turned it on for everyone (Get-OrganizationConfig), not by its own flag. */
  autoExpandingByOrganization?: boolean;
  onHold: boolean;
  archiveQuotaBytes: number | null;
  /** The mailbox's holds and Recoverable Items quota as Get-Mailbox -Archive listed them (absent in figures stored before). */
  litigationHoldEnabled?: boolean;
  inPlaceHolds?: string[];
  recoverableItemsQuotaBytes?: number | null;
  /** Oldest first; at most one per UTC day, the day's latest. */
  readings: ArchiveReading[];
  /** The last attempt that failed, and why: the figures shown are then older. */
  lastError?: { at: string; message: string };
}

/** One folder of a mailbox or its archive, as Get-MailboxFolderStatistics reports it (own items only). */
export interface MailboxFolder {
  name: string;
  path: string;
  folderType: string;
  items: number;
  sizeBytes: number;
  archive: boolean;
  /** In the Recoverable Items folder (FolderType RecoverableItems…). */
  recoverableItems: boolean;
}
