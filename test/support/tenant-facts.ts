// What the tests expect, worked out from the fixture on its own, not through the bot's code.
import type { TenantFixture, FixtureUser } from '../../src/simulator/tenant/fixture';

export function mailboxUsers(tenant: TenantFixture, type: string): FixtureUser[] {
  return tenant.users.filter((u) => u.mailbox?.recipientTypeDetails === type);
}

/** Display names with the invisible marks cards add around tenant text removed. */
export function visible(text: string): string {
  return text.replace(/[\u200b-\u200f\u2066-\u2069\u202a-\u202e\u2060\ufeff]/g, '');
}
