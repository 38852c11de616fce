// What the tests expect, worked out from the fixture on its own, not through the bot's code.
import type { TenantFixture, FixtureUser } from '../../src/simulator/tenant/fixture';

export function mailboxUsers(tenant: TenantFixture, type: string): FixtureUser[] {
  return tenant.users.filter((u) => u.mailbox?.recipientTypeDetails === type);
}

/** Display names with the invisible marks cards add around tenant text removed. */
export function visible(text: string): string {
  return text.replace(/[\u200b-\u200f\u2066-\u2069\u202a-\u202e\u2060\ufeff]/g, '');
}

/** A shared mailbox with no licence, archive or hold, under 40 GB: growing it past 50 GB alone makes it need a licence. */
export function unlicensedSharedMailbox(tenant: TenantFixture): FixtureUser {
  const found = tenant.users.find(
    (u) =>
      u.mailbox?.recipientTypeDetails === 'SharedMailbox' &&
      u.assignedLicenses.length === 0 &&
      u.mailbox.archiveStatus !== 'Active' &&
      !u.mailbox.litigationHoldEnabled &&
      u.mailbox.totalItemSizeBytes < 40 * 1024 ** 3,
  );
  if (!found) throw new Error('the tenant has no small unlicensed shared mailbox');
  return found;
}
