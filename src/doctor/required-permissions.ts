// What the bot's managed identity must hold, feature by feature, and which broader grants also
// satisfy each (Microsoft Graph accepts any of them; the least privileged comes first).
import { EXCHANGE_MANAGE_AS_APP, GRAPH_APP_ROLES, type GraphAppRole } from '../m365/permissions';

export const GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
export const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';
export const EXCHANGE_ROLE = { value: 'Exchange.ManageAsApp', id: EXCHANGE_MANAGE_AS_APP } as const;

export interface RequiredGraphPermission {
  role: GraphAppRole;
  id: string;
  /** Which feature needs it, in the admin's words. */
  why: string;
  /** Broader application permissions Graph accepts instead. */
  alsoSatisfiedBy: string[];
}

const GRAPH_NEEDS: Record<GraphAppRole, { why: string; alsoSatisfiedBy: string[] }> = {
  'User.Read.All': {
    why: 'users, their licences and mailbox-bearing accounts',
    alsoSatisfiedBy: ['User.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  // directory/subscriptions accepts Organization.Read.All (least), Directory.Read.All or
  // Organization.ReadWrite.All, not LicenseAssignment.*, which reads subscribedSkus only
  // (learn.microsoft.com/graph/api/directory-list-subscriptions, Permissions, Application).
  'Organization.Read.All': {
    why: 'subscriptions: licences bought, assigned and free, and their renewal dates',
    alsoSatisfiedBy: ['Organization.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  'Reports.Read.All': { why: 'the mailbox usage report', alsoSatisfiedBy: [] },
  'ReportSettings.Read.All': { why: 'whether usage reports conceal user names', alsoSatisfiedBy: ['ReportSettings.ReadWrite.All'] },
  'GroupMember.Read.All': {
    why: 'members of BOT_ADMIN_GROUP_ID, who may use the bot',
    alsoSatisfiedBy: ['Group.Read.All', 'Group.ReadWrite.All', 'Directory.Read.All', 'Directory.ReadWrite.All'],
  },
  'LicenseAssignment.ReadWrite.All': {
    why: 'assigning licences from cards (REMEDIATION=on)',
    alsoSatisfiedBy: ['User.ReadWrite.All', 'Directory.ReadWrite.All'],
  },
};

/**
 * What `grant` assigns: the same list as infra/main.bicep, so GroupMember.Read.All is granted even
 * before BOT_ADMIN_GROUP_ID is set (setting it later then needs no new grant).
 */
export function grantedGraphRoles(remediation: boolean): GraphAppRole[] {
  const base: GraphAppRole[] = [
    'User.Read.All',
    'Reports.Read.All',
    'Organization.Read.All',
    'GroupMember.Read.All',
    'ReportSettings.Read.All',
  ];
  return remediation ? [...base, 'LicenseAssignment.ReadWrite.All'] : base;
}

export interface FeatureSettings {
  adminGroupId?: string;
  remediation: boolean;
}

/** Every Graph permission `doctor` checks, with whether the current settings need it. */
export function graphPermissionsToCheck(
  settings: FeatureSettings,
): (RequiredGraphPermission & { needed: boolean; notNeededBecause?: string })[] {
  return (Object.keys(GRAPH_NEEDS) as GraphAppRole[]).map((role) => {
    const base = { role, id: GRAPH_APP_ROLES[role], ...GRAPH_NEEDS[role] };
    if (role === 'GroupMember.Read.All' && !settings.adminGroupId)
      return { ...base, needed: false, notNeededBecause: 'BOT_ADMIN_GROUP_ID is not set' };
    if (role === 'LicenseAssignment.ReadWrite.All' && !settings.remediation)
      return { ...base, needed: false, notNeededBecause: 'REMEDIATION is off' };
    return { ...base, needed: true };
  });
}

/**
 * Entra role template ids (the token's `wids` claim) that let an app read Exchange recipients
 * (Entra's permissions-reference page lists them). Security Reader is not enough for Get-Mailbox: it
 * answers 403 (graph2otel's exchangemailboxes.go: "Get-Mailbox needs GLOBAL READER").
 */
export const EXCHANGE_READER_ROLES: Record<string, string> = {
  '31392ffb-586c-42d1-9346-e59415a2cc4e': 'Exchange Recipient Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
};

/** Roles Exchange lists as usable by a managed identity, whose reach over recipients is narrower or unverified. */
export const OTHER_EXCHANGE_ROLES: Record<string, string> = {
  '17315797-102d-40b4-93e0-432062caca18': 'Compliance Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
};

export const EXCHANGE_RECIPIENT_ADMINISTRATOR = '31392ffb-586c-42d1-9346-e59415a2cc4e';

/**
 * The Entra role the deployment assigns: read-only, and enough for every cmdlet the bot sends
 * (m365/permissions.ts EXCHANGE_CMDLETS). Microsoft lists it among the roles Exchange Online
 * PowerShell accepts for app-only and managed-identity sign-in (connect-exo-powershell-managed-identity.md,
 * app-only-auth-powershell-v2.md; exo.md §3.1); graph2otel read Get-Mailbox with it [LIVE].
 */
export const GLOBAL_READER = 'f2ef992c-3afb-46b9-b7cf-a126ee74c451';
export const DEFAULT_EXCHANGE_ROLE = { id: GLOBAL_READER, name: 'Global Reader' } as const;

/** The Exchange role group `npm run grant` and docs/deploy.md suggest for the narrowest grant. */
export const READER_ROLE_GROUP = 'Mailbox Watch readers';

/**
 * Entra roles (template ids, the token's `wids`) that can change the tenant: the bot reads Exchange
 * and, with REMEDIATION=on, assigns licences through a Graph app role, so none of these is needed.
 * Names and ids: Microsoft Entra built-in roles reference.
 */
export const WRITE_CAPABLE_ROLES: Record<string, string> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  '31392ffb-586c-42d1-9346-e59415a2cc4e': 'Exchange Recipient Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '17315797-102d-40b4-93e0-432062caca18': 'Compliance Administrator',
  '194ae4cb-b126-40b2-bd5b-6091b380977d': 'Security Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
};
