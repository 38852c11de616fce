// `licence.assign`: Confirm on the confirmation card. Checks again that remediation is on and that
// the tenant still needs exactly what was confirmed, makes the one assignLicense call, and logs who
// asked for what and how it ended.
import { assignLicenseResultCard, type AssignOutcome } from '../cards/licensing/assign-license-cards';
import { assignableFix } from '../reports/licensing/license-assignment';
import { checkSharedMailbox } from '../reads/license-data';
import { runButton } from '../messages/replies';
import type { ActionContext } from '../dispatch/types';
import { isServiceError } from '../m365/service-error';
import { licenseChangeRecord } from '../reports/licensing/license-change';
import { skuName } from '../reports/licensing/sku-catalog';
import { confirmation } from './license-assign-confirm';
import { REMEDIATION_OFF, sameSkus, type AssignRequest } from '../buttons/license-assign-request';
import { assignLicenseButton } from '../buttons/license-assign';
import { defineAction } from './define-action';

export const assignLicenseAction = defineAction(assignLicenseButton, async (ctx, request) => {
  if (!ctx.services.config.remediation) {
    logChange(ctx, request, { outcome: 'not-allowed', reason: 'remediation is off' });
    return {
      kind: 'card',
      card: resultCard(
        ctx,
        request,
        { userPrincipalName: request.upn, displayName: '' },
        { outcome: 'not-allowed', reason: REMEDIATION_OFF },
      ),
    };
  }
  const check = await checkSharedMailbox(ctx.services.tenant, request.upn);
  if (check.kind === 'refused') return { kind: 'error', status: check.status, message: check.message };
  const fix = assignableFix(check.verdict);
  const removeSkuIds = fix?.replaces.map((r) => r.skuId) ?? [];
  // Confirmed something else than the tenant needs now (or a forged click): ask again.
  if (
    !fix ||
    !sameSkus(
      fix.skus.map((s) => s.skuId),
      request.skuIds,
    ) ||
    !sameSkus(removeSkuIds, request.removeSkuIds)
  ) {
    return confirmation(check.verdict, true);
  }
  const names = new Map([...fix.skus, ...fix.replaces].map((s) => [s.skuId.toLowerCase(), s.skuName]));
  const named = (ids: string[]) => ids.map((skuId) => ({ skuId, skuName: names.get(skuId.toLowerCase()) ?? skuName({ skuId }) }));
  let result: AssignOutcome;
  try {
    await ctx.services.tenant.graph.assignLicense(check.user.id, request.skuIds, [], { removeSkuIds });
    result = { outcome: 'assigned' };
    logChange(ctx, request, { outcome: 'assigned' });
  } catch (err) {
    if (!isServiceError(err) || err.service !== 'graph') throw err;
    result = { outcome: 'refused', refusal: { status: err.status, code: err.code, message: err.serviceMessage } };
    logChange(ctx, request, result);
  }
  const target = { userPrincipalName: check.verdict.userPrincipalName, displayName: check.verdict.displayName };
  return { kind: 'card', card: resultCard(ctx, request, target, result, named(request.skuIds), named(removeSkuIds)) };
});

function resultCard(
  ctx: ActionContext,
  request: AssignRequest,
  mailbox: { userPrincipalName: string; displayName: string },
  result: AssignOutcome,
  skus = request.skuIds.map((skuId) => ({ skuId, skuName: skuName({ skuId }) })),
  removed: { skuId: string; skuName: string }[] = [],
) {
  return assignLicenseResultCard({
    mailbox,
    skus,
    removed,
    requestedBy: ctx.caller.name || ctx.caller.aadObjectId,
    at: ctx.now().toISOString(),
    result,
    actions: [runButton('Show shared mailboxes', 'shared')],
  });
}

function logChange(
  ctx: ActionContext,
  request: AssignRequest,
  end: { outcome: 'assigned' | 'refused' | 'not-allowed'; refusal?: object; reason?: string },
): void {
  const record = licenseChangeRecord({
    at: ctx.now().toISOString(),
    requestedBy: { aadObjectId: ctx.caller.aadObjectId, name: ctx.caller.name },
    userPrincipalName: request.upn,
    addSkuIds: request.skuIds,
    removeSkuIds: request.removeSkuIds,
    ...end,
  });
  ctx.log.info('licence change', { ...record });
}
