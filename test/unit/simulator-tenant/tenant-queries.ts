// Questions the tests ask of a tenant fixture, answered from the raw data the way an admin would:
// which Exchange plans does this account really have, how full is this mailbox.

import type { FixtureUser, TenantFixture } from '../../../src/simulator/tenant/fixture';

export const GB = 1024 ** 3;
export const PLAN = {
  plan2: 'efb87545-963c-4e0d-99df-69c6916d9eb0',
  plan1: '9aaf7827-d63c-4b61-89c3-182f06f82e5c',
  archiving: '176a09a6-7ec5-4039-ac02-b2791c6ba793',
};

/** Service plan ids the user's licences give, minus the ones switched off. */
export function enabledPlans(tenant: TenantFixture, user: FixtureUser): Set<string> {
  const plans = new Set<string>();
  for (const assigned of user.assignedLicenses) {
    const sku = tenant.subscribedSkus.find((s) => s.skuId === assigned.skuId);
    for (const plan of sku?.servicePlans ?? []) {
      if (!assigned.disabledPlans?.includes(plan.servicePlanId)) plans.add(plan.servicePlanId);
    }
  }
  return plans;
}

export function skuPartNumbers(tenant: TenantFixture, user: FixtureUser): string[] {
  return user.assignedLicenses.map((l) => tenant.subscribedSkus.find((s) => s.skuId === l.skuId)?.skuPartNumber ?? '?');
}

/** Why a shared mailbox needs a licence, by Microsoft's rules (empty: it needs none). */
export function licenseReasons(user: FixtureUser): string[] {
  const mailbox = user.mailbox;
  if (!mailbox) return [];
  const reasons: string[] = [];
  if (mailbox.totalItemSizeBytes > 50 * GB) reasons.push('over 50 GB');
  if (mailbox.archiveStatus === 'Active' || mailbox.autoExpandingArchiveEnabled) reasons.push('archive');
  if (mailbox.litigationHoldEnabled) reasons.push('hold');
  return reasons;
}

/** Whether the plans cover every reason: Plan 2, or Plan 1 + archiving when size is no reason. */
export function licensedEnough(tenant: TenantFixture, user: FixtureUser): boolean {
  const reasons = licenseReasons(user);
  const plans = enabledPlans(tenant, user);
  if (plans.has(PLAN.plan2)) return true;
  if (reasons.includes('over 50 GB')) return false;
  if (reasons.length === 0) return true;
  return plans.has(PLAN.plan1) && plans.has(PLAN.archiving);
}

export function quotaShare(user: FixtureUser): number {
  const mailbox = user.mailbox!;
  return mailbox.totalItemSizeBytes / (mailbox.prohibitSendReceiveQuotaBytes ?? Infinity);
}

export function consumed(tenant: TenantFixture, skuPartNumber: string): { consumed: number; enabled: number } {
  const sku = tenant.subscribedSkus.find((s) => s.skuPartNumber === skuPartNumber)!;
  const count = tenant.users.filter((u) => u.assignedLicenses.some((l) => l.skuId === sku.skuId)).length;
  return { consumed: count, enabled: sku.prepaidUnits.enabled };
}

export function daysBefore(now: Date, iso: string): number {
  return (now.getTime() - Date.parse(iso)) / 86_400_000;
}

export const SCRIPTS: Record<string, RegExp> = {
  'Latin with accents': /[À-ÿĀ-ž]/u,
  Cyrillic: /\p{Script=Cyrillic}/u,
  Greek: /\p{Script=Greek}/u,
  Arabic: /\p{Script=Arabic}/u,
  Hebrew: /\p{Script=Hebrew}/u,
  Han: /\p{Script=Han}/u,
  Hangul: /\p{Script=Hangul}/u,
};

/** The hostile fragments the brief asks every tenant to carry, as substrings of display names. */
export const HOSTILE_FRAGMENTS = [
  '**bold**',
  '<b>html</b>',
  '${owner}',
  '{{DATE(2020-01-01T00:00:00Z)}}',
  '=HYPERLINK("http://x")',
  '+1-555',
  '@sum',
  '🎉',
  'O\'Brien "Bob"',
];
