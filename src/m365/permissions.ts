// What a failed call says about the bot's permissions, in sentences an admin can act on: which
// grant is missing and the exact fix. Used by `doctor` and by every command's error card.
import { ServiceError, serviceLabel } from './service-error';

export interface PermissionAdvice {
  missing: string;
  fix: string;
}

const GRANT = 'npm run grant -- --identity <principal id>';
const NEW_TOKEN = 'Managed identity tokens are cached for up to 24 hours, so a new grant can take that long to show.';

export const GRAPH_APP_ROLES = {
  'User.Read.All': 'df021288-bdef-4463-88db-98f22de89214',
  'Organization.Read.All': '498476ce-e0fe-48b0-b801-37ba7e2685c6',
  'Reports.Read.All': '230c1aed-a721-4c5d-9cb4-a90514e508ef',
  'ReportSettings.Read.All': 'ee353f83-55ef-4b78-82da-555bfa2b4b95',
  'GroupMember.Read.All': '98830695-27a2-44f7-8c18-0c3ebc9698f6',
  'LicenseAssignment.ReadWrite.All': '5facf0c1-8979-4e95-abcf-ff3d079771c0',
} as const;

export type GraphAppRole = keyof typeof GRAPH_APP_ROLES;

export const EXCHANGE_MANAGE_AS_APP = 'dc50a0fb-09a3-484d-be87-e023b12c6440';

/**
 * Every cmdlet the bot sends (exchange-client.ts) and the read-only Exchange management role that
 * holds it. View-Only Recipients holds Get-Mailbox and Get-MailboxStatistics (Microsoft365DSC's
 * settings.json for reading recipients: "requiredroles": ["View-Only Recipients"], role group
 * "View-Only Organization Management"); Global Reader brings that role group to Exchange. So the
 * narrowest grant is an Exchange role group with View-Only Recipients alone; the narrowest Entra
 * role, which a deployment can assign without Exchange PowerShell, is Global Reader (docs/deploy.md).
 */
export const EXCHANGE_CMDLETS = {
  'Get-Mailbox': 'View-Only Recipients',
  'Get-MailboxStatistics': 'View-Only Recipients',
} as const;

export type ExchangeCmdlet = keyof typeof EXCHANGE_CMDLETS;

/** The least Graph application permission each API the bot calls needs. */
export function graphRoleFor(path: string | undefined): GraphAppRole | null {
  const p = (path ?? '').toLowerCase().replace(/^\/(v1\.0|beta)/, '');
  if (/\/checkmembergroups$/.test(p)) return 'GroupMember.Read.All';
  if (/\/assignlicense$/.test(p)) return 'LicenseAssignment.ReadWrite.All';
  if (p.startsWith('/admin/reportsettings')) return 'ReportSettings.Read.All';
  if (p.startsWith('/reports')) return 'Reports.Read.All';
  if (p.startsWith('/subscribedskus')) return 'Organization.Read.All';
  if (p.startsWith('/directory/subscriptions')) return 'Organization.Read.All';
  if (p.startsWith('/users')) return 'User.Read.All';
  return null;
}

/**
 * What the failing identity's token says, when the caller has read it (doctor does): whether it
 * holds Exchange.ManageAsApp, and whether its `wids` carry an Entra role that reads mailboxes.
 */
export interface TokenGrants {
  exchangeAppRole?: boolean;
  exchangeEntraRole?: boolean;
}

export function explainServiceError(err: ServiceError, grants: TokenGrants = {}): PermissionAdvice {
  if (err.service === 'identity') return explainIdentity(err);
  if (err.service === 'exchange') {
    if (err.status === 401) return explainExchange401(err, grants);
    if (err.status === 403) {
      return {
        missing:
          'The managed identity has no Exchange rights to read recipients (an Entra role such as Global Reader, or an Exchange role group with View-Only Recipients).',
        fix:
          'In Entra ID > Roles and administrators, assign the read-only "Global Reader" role to the managed identity (docs/deploy.md step 4). ' +
          NEW_TOKEN,
      };
    }
  }
  if (err.service === 'graph' && (err.status === 403 || err.status === 401)) {
    const role = graphRoleFor(err.path);
    if (err.status === 401) {
      return {
        missing: "Microsoft Graph did not accept the managed identity's token.",
        fix: 'Check that GRAPH_ENDPOINT is the Graph of the tenant the identity belongs to, then run `doctor` again.',
      };
    }
    if (role) {
      return {
        missing: `The managed identity lacks the Microsoft Graph application permission ${role} (app role ${GRAPH_APP_ROLES[role]}), needed for ${err.path}.`,
        fix: `Grant it: \`${GRANT}\`, or in Entra ID add the app role ${role} of Microsoft Graph to the managed identity. ${NEW_TOKEN}`,
      };
    }
    return {
      missing: `Microsoft Graph refused ${err.path ?? 'the call'} (${err.code}).`,
      fix: `Grant the bot's Graph permissions: \`${GRANT}\`.`,
    };
  }
  return explainOutage(err);
}

const APP_ROLE_CAUSE = `it lacks the Exchange.ManageAsApp app role (${EXCHANGE_MANAGE_AS_APP}) on "Office 365 Exchange Online"`;
const ENTRA_ROLE_CAUSE =
  'it has no Entra role that lets it read Exchange Online recipients (Global Reader), nor an Exchange role group with View-Only Recipients';
const APP_ROLE_FIX = `grant the app role: \`${GRANT}\``;
const ENTRA_ROLE_FIX =
  'in Entra ID > Roles and administrators, assign the read-only "Global Reader" role to the managed identity (docs/deploy.md step 4)';

/**
 * Exchange answers 401 for two missing grants, not one: without Exchange.ManageAsApp, and (seen live,
 * office-docs-powershell#7970: "User is not allowed to call Get-Mailbox") with it but without an
 * Entra role. Both are named, the one the token's claims make likelier first; without claims, that
 * wording points at the Entra role, anything else at the app role.
 */
function explainExchange401(err: ServiceError, grants: TokenGrants): PermissionAdvice {
  const words = firstSentence(err.serviceMessage);
  const quoted = err.serviceMessage.trim() ? `Exchange Online answered 401 "${words}".` : 'Exchange Online answered 401 Unauthorized.';
  const entraFirst =
    grants.exchangeAppRole === true ||
    (grants.exchangeAppRole === undefined && grants.exchangeEntraRole !== true && /not allowed to call/i.test(err.serviceMessage));
  const why =
    grants.exchangeAppRole === true
      ? ' Its token holds Exchange.ManageAsApp, so the likelier cause is the Entra role.'
      : grants.exchangeAppRole === false
        ? ' Its token lacks Exchange.ManageAsApp.'
        : '';
  const [first, second] = entraFirst ? [ENTRA_ROLE_CAUSE, APP_ROLE_CAUSE] : [APP_ROLE_CAUSE, ENTRA_ROLE_CAUSE];
  const [fixFirst, fixSecond] = entraFirst ? [ENTRA_ROLE_FIX, APP_ROLE_FIX] : [APP_ROLE_FIX, ENTRA_ROLE_FIX];
  return {
    missing: `${quoted} The managed identity is refused when ${first}, or when ${second}.${why}`,
    fix: `${capitalise(fixFirst)}; if that is in place, ${fixSecond}. ${NEW_TOKEN}`,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function explainIdentity(err: ServiceError): PermissionAdvice {
  const text = err.serviceMessage;
  if (/has not been assigned to this resource|Unable to load the proper Managed Identity|identity not found|not assigned/i.test(text)) {
    return {
      missing: 'AZURE_CLIENT_ID names a managed identity that is not attached to this app.',
      fix: 'Attach that user-assigned identity to the App Service (Identity > User assigned), or set AZURE_CLIENT_ID to the client id of one that is attached.',
    };
  }
  if (/network|unreachable|ECONNREFUSED|ETIMEDOUT|ENOTFOUND|socket|did not answer|timed out|unavailable/i.test(text)) {
    return {
      missing: 'The managed identity endpoint did not answer.',
      fix: 'Turn on a managed identity for the App Service (Identity blade); it then sets IDENTITY_ENDPOINT and IDENTITY_HEADER. Outside Azure, no managed identity exists.',
    };
  }
  return {
    missing: `The managed identity could not get a token: ${firstSentence(text)}`,
    fix: "Check the identity in the App Service's Identity blade and AZURE_CLIENT_ID, then run `doctor` again.",
  };
}

function explainOutage(err: ServiceError): PermissionAdvice {
  const label = serviceLabel(err.service);
  if (err.retryable || err.status === 0 || err.status >= 500) {
    return {
      missing: `Nothing: ${label} was busy or unreachable (${err.status ? `HTTP ${err.status}` : err.code}) and still failed after retries.`,
      fix: 'Try again in a few minutes.',
    };
  }
  return {
    missing: `Nothing known: ${label} answered HTTP ${err.status} ${err.code}: ${firstSentence(err.serviceMessage)}`,
    fix: 'Check the request; this is not a permission problem.',
  };
}

function firstSentence(text: string): string {
  const t = text.replace(/^ManagedIdentityCredential:\s*/, '').trim();
  const cut = t.length > 200 ? t.slice(0, 200) + '…' : t;
  return cut || 'no reason given';
}
