// `licence.assign.confirm`: the Assign licence button on a shared mailbox. Shows what would change
// and asks for confirmation; the proposal comes from the tenant as it is now, not from the button.
import { assignLicenseConfirmCard } from '../cards/licensing/assign-license-cards';
import { assignableFix } from '../reports/licensing/license-assignment';
import { checkSharedMailbox } from '../reads/license-data';
import type { ActionResult } from '../dispatch/types';
import type { SharedMailboxVerdict } from '../reports/licensing/shared-mailbox-verdict';
import { REMEDIATION_OFF } from '../buttons/license-assign-request';
import { assignConfirmButton } from '../buttons/license-assign';
import { defineAction } from './define-action';

export const assignConfirmAction = defineAction(assignConfirmButton, async (ctx, request) => {
  if (!ctx.services.config.remediation) return { kind: 'error', status: 403, message: REMEDIATION_OFF };
  const check = await checkSharedMailbox(ctx.services.tenant, request.upn);
  if (check.kind === 'refused') return { kind: 'error', status: check.status, message: check.message };
  return confirmation(check.verdict);
});

/** The confirmation card for the fix the bot would make now, or why there is nothing to assign. */
export function confirmation(verdict: SharedMailboxVerdict, changed = false): ActionResult {
  const fix = assignableFix(verdict);
  if (!fix) {
    const why = verdict.fix && verdict.fix.kind !== 'assign' ? verdict.fix.text : verdict.why;
    return { kind: 'message', text: `Nothing to assign to ${verdict.userPrincipalName} now: ${why}` };
  }
  const why = changed ? `The tenant changed since that card was made; this is what it needs now. ${verdict.why}` : verdict.why;
  const card = assignLicenseConfirmCard({ userPrincipalName: verdict.userPrincipalName, displayName: verdict.displayName }, fix.skus, {
    why,
    replaces: fix.replaces,
    needsUsageLocation: fix.needsUsageLocation,
  });
  return { kind: 'card', card };
}
