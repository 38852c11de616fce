// `licence.assign.cancel`: Cancel on the confirmation card. Nothing is read or changed; the card
// says so and offers the way back to the report.
import { assignLicenseResultCard } from '../cards/licensing/assign-license-cards';
import { assignCancelButton } from '../buttons/license-assign';
import { runButton } from '../messages/replies';
import { defineAction } from './define-action';

export const assignCancelAction = defineAction(assignCancelButton, async (ctx, request) => {
  const card = assignLicenseResultCard({
    mailbox: { userPrincipalName: request.upn, displayName: '' },
    skus: [],
    requestedBy: ctx.caller.name || ctx.caller.aadObjectId,
    at: ctx.now().toISOString(),
    result: { outcome: 'cancelled' },
    actions: [runButton('Show shared mailboxes', 'shared')],
  });
  return { kind: 'card', card };
});
