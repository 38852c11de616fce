// Exchange's role-based access, as far as the simulated gateway needs it: which management roles an
// app-only caller holds, and whether they let it run a cmdlet. An app's rights come from the Entra
// roles in its token's `wids` ("The session's role based access control (RBAC) is configured using
// the directory role information that's available in the token", app-only-auth-powershell-v2.md)
// and from Exchange role groups its service principal is a member of (New-ServicePrincipal,
// Add-RoleGroupMember; REST mode only), which no token shows.
//
// Which role holds which cmdlet: Get-Mailbox and Get-MailboxStatistics are read with View-Only
// Recipients (changed with Mail Recipients); Microsoft365DSC's settings.json files list, for reading
// Exchange recipients, "requiredroles": ["View-Only Recipients"] and the role group "View-Only
// Organization Management", the Exchange side of Global Reader. Security Reader alone gets 403 on
// Get-Mailbox (graph2otel exchangemailboxes.go, "needs GLOBAL READER"; exo.md §3.3).
// Get-OrganizationConfig is read with View-Only Configuration (changed with Organization
// Configuration): Microsoft365DSC's EXOOrganizationConfig settings.json, read role "Global Reader",
// role group "View-Only Organization Management". A managed-identity runbook read OrganizationConfig
// as Exchange Recipient Administrator (notes/exo.md §3.3), so Mail Recipients holds it here too.
// Cmdlets not in CMDLET_ROLES are not checked here.
import { DIRECTORY_ROLE_TEMPLATE_IDS } from '../token';

const ALL = '*';

/** Management roles an Entra role brings to Exchange (only those that matter to the cmdlets below). */
const ENTRA_ROLE_GRANTS: Record<string, readonly string[]> = {
  'Global Administrator': [ALL],
  'Exchange Administrator': [ALL],
  'Exchange Recipient Administrator': ['Mail Recipients', 'Mail Recipient Creation', 'View-Only Recipients', 'Reset Password'],
  'Global Reader': ['View-Only Recipients', 'View-Only Configuration'],
  'Helpdesk Administrator': ['View-Only Recipients', 'User Options'],
  'Compliance Administrator': ['View-Only Recipients', 'View-Only Configuration', 'Retention Management'],
  'Security Administrator': ['View-Only Configuration'],
  'Security Reader': ['View-Only Configuration'],
};

/** The roles that hold each cmdlet the gateway answers. */
export const CMDLET_ROLES: Record<string, readonly string[]> = {
  'get-mailbox': ['View-Only Recipients', 'Mail Recipients'],
  'get-mailboxstatistics': ['View-Only Recipients', 'Mail Recipients'],
  'get-organizationconfig': ['View-Only Configuration', 'Organization Configuration', 'Mail Recipients'],
};

const ROLE_BY_TEMPLATE_ID = new Map(Object.entries(DIRECTORY_ROLE_TEMPLATE_IDS).map(([name, id]) => [id, name]));

export interface ExchangeRoleGroup {
  name: string;
  roles: string[];
  /** A custom role's cmdlets (New-ManagementRole -Parent, then Remove-ManagementRoleEntry for the rest). */
  cmdlets?: string[];
}

const cmdletEntry = (cmdlet: string) => `cmdlet:${cmdlet.toLowerCase()}`;

/** Every management role the caller holds: from its token's Entra roles and its role groups. */
export function heldRoles(wids: readonly string[] | undefined, groups: readonly ExchangeRoleGroup[] | undefined): Set<string> {
  const held = new Set<string>();
  for (const id of wids ?? []) for (const role of ENTRA_ROLE_GRANTS[ROLE_BY_TEMPLATE_ID.get(id) ?? ''] ?? []) held.add(role);
  for (const group of groups ?? []) {
    for (const role of group.roles) held.add(role);
    for (const cmdlet of group.cmdlets ?? []) held.add(cmdletEntry(cmdlet));
  }
  return held;
}

/** Whether the caller may run `cmdlet`; cmdlets this table does not know are left to the handler. */
export function mayRun(held: Set<string>, cmdlet: string): boolean {
  const needs = CMDLET_ROLES[cmdlet.toLowerCase()];
  return !needs || held.has(ALL) || held.has(cmdletEntry(cmdlet)) || needs.some((role) => held.has(role));
}

/** Whether the caller can run any recipient cmdlet at all (else Exchange answers every call 403). */
export function mayReadRecipients(held: Set<string>): boolean {
  return RECIPIENT_CMDLETS.some((cmdlet) => mayRun(held, cmdlet));
}

const RECIPIENT_CMDLETS = ['get-mailbox', 'get-mailboxstatistics'];
