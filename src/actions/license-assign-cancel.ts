// `licence.assign.cancel`: Cancel on the confirmation card. Nothing is read or changed; the card
// says so and offers the way back to the report.
import { assignLicenseResultCard } from '../cards/licensing/assign-license-cards';
import { NOT_UNDERSTOOD } from '../buttons/button';
import { assignCancelButton } from '../buttons/license-assign';
import { runButton } from '../commands/replies';
import type { CardAction } from '../commands/types';

export const assignCancelAction: CardAction = {
  verb: assignCancelButton.verb,
  button: assignCancelButton,
  run: async (ctx) => {
    const request = assignCancelButton.parse(ctx.data);
    if (!request) return NOT_UNDERSTOOD;
    const card = assignLicenseResultCard({
      mailbox: { userPrincipalName: request.upn, displayName: '' },
      skus: [],
      requestedBy: ctx.caller.name || ctx.caller.aadObjectId,
      at: ctx.now().toISOString(),
      result: { outcome: 'cancelled' },
      actions: [runButton('Show shared mailboxes', 'shared')],
    });
    return { kind: 'card', card };
  },
};
