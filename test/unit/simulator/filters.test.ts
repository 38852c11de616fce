import { FilterError, parseUserFilter } from '../../../src/simulator/graph/user-filter';
import { OpathError, parseOpathFilter } from '../../../src/simulator/exchange/opath-filter';
import { TenantState } from '../../../src/simulator/tenant-state';
import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';

const user = (id: string, displayName: string, extra: Partial<FixtureUser> = {}): FixtureUser => ({
  id,
  displayName,
  userPrincipalName: `${id}@x.example`,
  accountEnabled: true,
  assignedLicenses: [],
  mailbox: {
    recipientTypeDetails: 'UserMailbox',
    itemCount: 0,
    totalItemSizeBytes: 0,
    prohibitSendReceiveQuotaBytes: null,
    litigationHoldEnabled: false,
    archiveStatus: 'None',
  },
  ...extra,
});

const users = [
  user('a', "Ann O'Neil"),
  user('b', 'Ben Shared', { accountEnabled: false, assignedLicenses: [{ skuId: '19ec0d23-8335-4cbd-94ac-6050e30712fa' }] }),
  user('c', 'Cara'),
];
users[1].mailbox!.recipientTypeDetails = 'SharedMailbox';
users[1].mailbox!.litigationHoldEnabled = true;

const fixture: TenantFixture = {
  tenant: { id: 't', initialDomain: 'x.onmicrosoft.com' },
  identity: { clientId: 'c', principalId: 'p', graphAppRoles: [], exchangeAppRoles: [], directoryRoles: [] },
  subscribedSkus: [],
  users,
};
const state = new TenantState(fixture);

describe('Graph $filter', () => {
  const ids = (filter: string): string[] => users.filter(parseUserFilter(filter)).map((u) => u.id);

  it('reads the forms the bot uses, quotes doubled', () => {
    expect(ids("startswith(displayName,'ann o''n')")).toEqual(['a']);
    expect(ids("userPrincipalName eq 'B@X.EXAMPLE'")).toEqual(['b']);
    expect(ids('accountEnabled eq true')).toEqual(['a', 'c']);
    expect(ids('assignedLicenses/any(x:x/skuId eq 19ec0d23-8335-4cbd-94ac-6050e30712fa) and accountEnabled eq false')).toEqual(['b']);
  });

  it('refuses what Graph would not run for us', () => {
    expect(() => parseUserFilter("jobTitle eq 'x'")).toThrow(FilterError);
    expect(() => parseUserFilter("displayName eq 'x' or id eq 'y'")).toThrow(FilterError);
    expect(() => parseUserFilter("displayName eq 'unterminated")).toThrow(FilterError);
  });
});

describe('OPATH -Filter', () => {
  const ids = (filter: string): string[] => state.mailboxes.filter(parseOpathFilter(filter, state)).map((m) => m.id);

  it('reads -like, -eq, booleans, -and, -or and parentheses', () => {
    expect(ids("DisplayName -like '*O''Neil'")).toEqual(['a']);
    expect(ids("RecipientTypeDetails -eq 'SharedMailbox' -and LitigationHoldEnabled -eq $true")).toEqual(['b']);
    expect(ids("(DisplayName -like 'C*') -or (UserPrincipalName -eq 'a@x.example')")).toEqual(['a', 'c']);
    expect(ids("ArchiveStatus -eq 'Active'")).toEqual([]);
  });

  it('points at the offending text of an unknown form', () => {
    expect(() => parseOpathFilter("Department -eq 'x'", state)).toThrow(OpathError);
    let error: unknown;
    try {
      parseOpathFilter("DisplayName -eq 'x' -xor Alias -eq 'y'", state);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OpathError);
    expect((error as OpathError).position).toBe(21);
  });
});
