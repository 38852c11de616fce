import { generateTenant } from '../../../src/simulator/tenant/generate';
import type { TenantFixture } from '../../../src/simulator/tenant/fixture';
import { TenantFixtureError, validateTenant } from '../../../src/simulator/tenant/validate';

const now = new Date('2025-03-10T12:00:00Z');
const base = generateTenant(40, 3, now);
const fresh = (): TenantFixture => structuredClone(base);
const someMailbox = base.users.find((u) => u.mailbox)!.mailbox!;

function problemsOf(doc: unknown): string[] {
  try {
    validateTenant(doc);
  } catch (error) {
    expect(error).toBeInstanceOf(TenantFixtureError);
    return (error as TenantFixtureError).problems;
  }
  throw new Error('expected the fixture to be refused');
}

describe('validateTenant: schema problems, named by the path a person edits', () => {
  test('a valid tenant comes back as it went in', () => {
    const doc = fresh();
    expect(validateTenant(doc)).toBe(doc);
  });

  test('a value outside an enum lists the allowed values', () => {
    const doc = fresh();
    doc.users[17].mailbox = { ...someMailbox, archiveStatus: 'Passive' as never };
    expect(() => validateTenant(doc)).toThrow('users[17].mailbox.archiveStatus: must be one of None, Active');
  });

  test('a missing field is named inside its record', () => {
    const doc = fresh();
    const { itemCount: _dropped, ...withoutCount } = someMailbox;
    doc.users[3].mailbox = withoutCount as never;
    expect(problemsOf(doc)).toEqual(['users[3]: missing required field mailbox.itemCount']);
  });

  test('an unknown field is named, at the top level and deep down', () => {
    const doc = fresh() as unknown as Record<string, unknown> & TenantFixture;
    doc.extra = 1;
    (doc.users[2] as unknown as Record<string, unknown>).favouriteColour = 'teal';
    expect(problemsOf(doc).sort()).toEqual(['(top level): unknown field extra', 'users[2]: unknown field favouriteColour']);
  });

  test('every bad field is reported at once, not only the first', () => {
    const doc = fresh();
    doc.users[0].mailbox = { ...someMailbox, itemCount: -1, recipientTypeDetails: 'Mailbox' as never };
    doc.users[1].accountEnabled = 'yes' as never;
    doc.subscribedSkus[0].prepaidUnits.enabled = 2.5;
    doc.tenant.id = 'contoso';
    const problems = problemsOf(doc);
    expect(problems).toEqual(
      expect.arrayContaining([
        'users[0].mailbox.itemCount: must be >= 0',
        'users[0].mailbox.recipientTypeDetails: must be one of UserMailbox, SharedMailbox, RoomMailbox, EquipmentMailbox',
        'users[1].accountEnabled: must be boolean, not "yes"',
        'subscribedSkus[0].prepaidUnits.enabled: must be a whole number, not 2.5',
        'tenant.id: must be a uuid, not "contoso"',
      ]),
    );
    expect(problems).toHaveLength(5);
    let message = '';
    try {
      validateTenant(doc);
    } catch (error) {
      message = (error as Error).message;
    }
    for (const problem of problems) expect(message).toContain(problem);
    expect(message).toContain('5 problems');
  });

  test('a mailbox that is neither null nor an object says so once, without oneOf noise', () => {
    const doc = fresh();
    doc.users[4].mailbox = 'big' as never;
    expect(problemsOf(doc)).toEqual(['users[4].mailbox: must be null or an object, not "big"']);
  });

  test('a bad field inside an archive is reported through both levels of null-or-object', () => {
    const doc = fresh();
    doc.users[5].mailbox = { ...someMailbox, archive: { itemCount: 1, totalItemSizeBytes: 'lots' as never } };
    expect(problemsOf(doc)).toEqual(['users[5].mailbox.archive.totalItemSizeBytes: must be a whole number, not "lots"']);
  });

  test('a document that is not an object, or lacks whole sections, is refused plainly', () => {
    expect(problemsOf(null)).toEqual(['(top level): must be an object, not null']);
    expect(problemsOf({})).toEqual([
      '(top level): missing required field tenant',
      '(top level): missing required field identity',
      '(top level): missing required field subscribedSkus',
      '(top level): missing required field users',
    ]);
    const doc = fresh() as Partial<TenantFixture>;
    delete (doc.identity as Partial<TenantFixture['identity']>).directoryRoles;
    expect(problemsOf(doc)).toEqual(['identity: missing required field directoryRoles']);
  });

  test("the Agents Playground's 13-digit ids are accepted, other malformed ids are not", () => {
    const doc = fresh();
    doc.users[0].id = '00000000-0000-0000-0000-0000000000020';
    doc.groups![0].members = [doc.users[0].id];
    expect(() => validateTenant(doc)).not.toThrow();
    doc.users[0].id = '00000000-0000-0000-0000-00000000000200';
    doc.groups![0].members = [];
    expect(problemsOf(doc)).toEqual(['users[0].id: must be a uuid, not "00000000-0000-0000-0000-00000000000200"']);
  });

  test('dates must be dates', () => {
    const doc = fresh();
    doc.reportRefreshDate = '10/03/2025';
    doc.users[0].createdDateTime = 'yesterday';
    expect(problemsOf(doc).sort()).toEqual([
      'reportRefreshDate: must be a date, not "10/03/2025"',
      'users[0].createdDateTime: must be a date-time, not "yesterday"',
    ]);
  });

  test('the message names the file it came from and stops listing after 100 problems', () => {
    const doc = fresh();
    for (const user of doc.users) user.accountEnabled = 1 as never;
    doc.users.push(...Array.from({ length: 120 }, () => ({ ...doc.users[0] })));
    let message = '';
    try {
      validateTenant(doc, 'tenant.json');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.startsWith(`Invalid tenant fixture tenant.json (${doc.users.length} problems):`)).toBe(true);
    expect(message).toContain(`… and ${doc.users.length - 100} more`);
  });
});

describe('validateTenant: what the schema cannot say', () => {
  test('two users with one id', () => {
    const doc = fresh();
    doc.users[9].id = doc.users[4].id;
    expect(problemsOf(doc)).toEqual([`users[9].id: ${doc.users[4].id} is already the id of users[4]`]);
  });

  test('two users with one UPN, whatever the letter case', () => {
    const doc = fresh();
    doc.users[8].userPrincipalName = doc.users[2].userPrincipalName.toUpperCase();
    expect(problemsOf(doc)).toEqual([`users[8].userPrincipalName: ${doc.users[8].userPrincipalName} is already the UPN of users[2]`]);
  });

  test('a licence of a SKU the tenant does not have', () => {
    const doc = fresh();
    doc.users[1].assignedLicenses = [{ skuId: '11111111-2222-3333-4444-555555555555' }];
    expect(problemsOf(doc)).toEqual(['users[1].assignedLicenses[0].skuId: 11111111-2222-3333-4444-555555555555 is not in subscribedSkus']);
  });

  test('a disabled plan that the SKU does not contain', () => {
    const doc = fresh();
    const e3 = doc.subscribedSkus.find((s) => s.skuPartNumber === 'ENTERPRISEPACK')!;
    const archiving = '176a09a6-7ec5-4039-ac02-b2791c6ba793';
    doc.users[6].assignedLicenses = [{ skuId: e3.skuId, disabledPlans: [e3.servicePlans[0].servicePlanId, archiving] }];
    expect(problemsOf(doc)).toEqual([
      `users[6].assignedLicenses[0].disabledPlans[1]: ${archiving} is not a service plan of ENTERPRISEPACK`,
    ]);
  });

  test('a group member who is not a user', () => {
    const doc = fresh();
    doc.groups![0].members.push('99999999-8888-4777-8666-555555555555');
    const index = doc.groups![0].members.length - 1;
    expect(problemsOf(doc)).toEqual([`groups[0].members[${index}]: 99999999-8888-4777-8666-555555555555 is not the id of any user`]);
  });

  test('a SKU listed twice', () => {
    const doc = fresh();
    doc.subscribedSkus.push(structuredClone(doc.subscribedSkus[0]));
    expect(problemsOf(doc)).toEqual([
      `subscribedSkus[${doc.subscribedSkus.length - 1}].skuId: ${doc.subscribedSkus[0].skuId} is listed twice`,
    ]);
  });
});
