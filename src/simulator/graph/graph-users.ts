// Users as Graph returns them: the default property set, $select, $top and $skiptoken paging.
import type { FixtureUser } from '../tenant/fixture';

export const DEFAULT_USER_PROPERTIES = [
  'businessPhones',
  'displayName',
  'givenName',
  'jobTitle',
  'mail',
  'mobilePhone',
  'officeLocation',
  'preferredLanguage',
  'surname',
  'userPrincipalName',
  'id',
] as const;

/** Properties that come only on $select, as Graph documents for user. */
const SELECT_ONLY = [
  'accountEnabled',
  'assignedLicenses',
  'usageLocation',
  'userType',
  'createdDateTime',
  'proxyAddresses',
  'department',
  'companyName',
  'employeeId',
  'city',
  'country',
] as const;

const CANONICAL = new Map<string, string>([...DEFAULT_USER_PROPERTIES, ...SELECT_ONLY].map((p) => [p.toLowerCase(), p]));

export class SelectError extends Error {}

/** Canonical property names of a $select, or the default set when there is none. */
export function userSelection(select: string | null): string[] {
  if (select === null || select.trim() === '') return [...DEFAULT_USER_PROPERTIES];
  const names: string[] = [];
  for (const raw of select.split(',')) {
    const name = raw.trim();
    if (name === '*') return [...DEFAULT_USER_PROPERTIES, ...SELECT_ONLY];
    const canonical = CANONICAL.get(name.toLowerCase());
    if (!canonical)
      throw new SelectError(
        `Parsing OData Select and Expand failed: Could not find a property named '${name}' on type 'microsoft.graph.user'.`,
      );
    if (!names.includes(canonical)) names.push(canonical);
  }
  return names;
}

function value(user: FixtureUser, property: string): unknown {
  switch (property) {
    case 'businessPhones':
    case 'proxyAddresses':
      return property === 'proxyAddresses' && user.mail ? [`SMTP:${user.mail}`] : [];
    case 'assignedLicenses':
      return user.assignedLicenses.map((l) => ({ disabledPlans: l.disabledPlans ?? [], skuId: l.skuId }));
    case 'mail':
      return user.mail ?? null;
    case 'usageLocation':
      return user.usageLocation ?? null;
    case 'userType':
      return user.userType ?? 'Member';
    case 'createdDateTime':
      return user.createdDateTime ?? null;
    case 'accountEnabled':
      return user.accountEnabled;
    case 'department':
    case 'country':
    case 'companyName':
      return user[property] ?? null;
    case 'id':
    case 'displayName':
    case 'userPrincipalName':
      return user[property];
    default:
      return null;
  }
}

export function projectUser(user: FixtureUser, properties: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of properties) out[p] = value(user, p);
  return out;
}

/** Graph's $skiptoken is opaque to clients; this one carries the offset of the next page. */
export function encodeSkipToken(offset: number): string {
  return `RFNwdAIAAQAA${Buffer.from(JSON.stringify({ o: offset })).toString('base64url')}`;
}

export function decodeSkipToken(token: string): number | undefined {
  if (!token.startsWith('RFNwdAIAAQAA')) return undefined;
  try {
    const o = (JSON.parse(Buffer.from(token.slice(12), 'base64url').toString('utf8')) as { o?: unknown }).o;
    return typeof o === 'number' && Number.isInteger(o) && o >= 0 ? o : undefined;
  } catch {
    return undefined;
  }
}
