import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { FixtureMailbox, FixtureSku, FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';
import schema from '../../../src/simulator/tenant/schema.json';

const repoRoot = resolve(__dirname, '../../..');
const ownCopy = resolve(repoRoot, 'src/simulator/tenant/schema.json');
const sharedSchema = resolve(repoRoot, '../shared/design/tenant-fixture.schema.json');

// The app must run without the design folder beside it, so it carries a copy; the copy must not drift.
(existsSync(sharedSchema) ? test : test.skip)('the bundled schema is byte for byte the shared design one', () => {
  expect(readFileSync(ownCopy).equals(readFileSync(sharedSchema))).toBe(true);
});

// Required<…> object literals: the compiler refuses a missing or an extra key, so these lists are the
// type's keys, and comparing them with the schema's keeps fixture.ts in line with the schema.
const fullMailbox: Required<FixtureMailbox> = {
  recipientTypeDetails: 'UserMailbox',
  primarySmtpAddress: '',
  alias: '',
  whenMailboxCreated: '',
  itemCount: 0,
  totalItemSizeBytes: 0,
  deletedItemCount: 0,
  totalDeletedItemSizeBytes: 0,
  issueWarningQuotaBytes: null,
  prohibitSendQuotaBytes: null,
  prohibitSendReceiveQuotaBytes: null,
  lastInteractionTime: null,
  lastLogonTime: null,
  litigationHoldEnabled: false,
  archiveStatus: 'None',
  autoExpandingArchiveEnabled: false,
  archive: null,
  growthBytesPerDay: 0,
  itemsPerDay: 0,
};
const fullUser: Required<FixtureUser> = {
  id: '',
  userPrincipalName: '',
  displayName: '',
  mail: null,
  accountEnabled: true,
  userType: 'Member',
  usageLocation: null,
  createdDateTime: '',
  assignedLicenses: [],
  mailbox: null,
  department: null,
  country: null,
  companyName: null,
  activity: {},
};
const fullSku: Required<FixtureSku> = {
  skuId: '',
  skuPartNumber: '',
  capabilityStatus: 'Enabled',
  prepaidUnits: { enabled: 0 },
  servicePlans: [],
};
const fullTenant: Required<TenantFixture> = {
  tenant: { id: '', initialDomain: '' },
  identity: { clientId: '', principalId: '', graphAppRoles: [], exchangeAppRoles: [], directoryRoles: [] },
  reportSettings: {},
  reportRefreshDate: '',
  asOf: '',
  subscribedSkus: [],
  subscriptions: [],
  groups: [],
  users: [],
};

test('fixture.ts names exactly the fields the schema has', () => {
  const userSchema = schema.properties.users.items;
  const keys = (o: object) => Object.keys(o).sort();
  expect(keys(fullTenant)).toEqual(keys(schema.properties));
  expect(keys(fullUser)).toEqual(keys(userSchema.properties));
  expect(keys(fullMailbox)).toEqual(keys(userSchema.properties.mailbox.oneOf[1].properties!));
  expect(keys(fullSku)).toEqual(keys(schema.properties.subscribedSkus.items.properties));
});
