// Which verdicts a button can fix by assigning a licence, and what that button carries. A rule of
// the licensing report: the shared-mailboxes card, the alert findings and the assign actions use it.
import type { LicenseFix } from './license-fix';
import type { SharedMailboxVerdict } from './shared-mailbox-verdict';

/** What an Assign licence button sends: every SKU to add, and any to remove, in one assignLicense call. */
export interface AssignLicenseData {
  upn: string;
  skuId: string;
  skuIds: string[];
  removeSkuIds: string[];
}

/** The fix can be applied by a button: a licence the tenant has free units of, on a known account. */
export function assignableFix(v: SharedMailboxVerdict): Extract<LicenseFix, { kind: 'assign' }> | null {
  const fix = v.fix;
  if (v.licenseCheck !== 'checked' || !fix || fix.kind !== 'assign') return null;
  return fix.skus.length > 0 && fix.skus.every((s) => s.free > 0) ? fix : null;
}

export function assignLicenseData(v: SharedMailboxVerdict, fix: Extract<LicenseFix, { kind: 'assign' }>): AssignLicenseData {
  return {
    upn: v.userPrincipalName,
    skuId: fix.skus[0].skuId,
    skuIds: fix.skus.map((s) => s.skuId),
    removeSkuIds: fix.replaces.map((s) => s.skuId),
  };
}
