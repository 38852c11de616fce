// `licence.assign.cancel`: Cancel on the confirmation card. Nothing is read or changed; the card
// says so and offers the way back to the report.
import { assignLicenceResultCard, VERB_ASSIGN_CANCEL } from '../cards/licensing/assign-licence-cards';
import { runButton } from '../commands/replies';
import type { CardAction } from '../commands/types';
import { NOT_UNDERSTOOD } from './licence-assign-request';
import { parseMailboxArgument } from '../commands/arguments/mailbox';

export const assignCancelAction: CardAction = {
  verb: VERB_ASSIGN_CANCEL,
  run: async (ctx) => {
    const upn = typeof ctx.data.upn === 'string' ? parseMailboxArgument(ctx.data.upn) : null;
    if (!upn?.ok || upn.kind !== 'upn') return NOT_UNDERSTOOD;
    const card = assignLicenceResultCard({
      mailbox: { userPrincipalName: upn.identity, displayName: '' },
      skus: [],
      requestedBy: ctx.caller.name || ctx.caller.aadObjectId,
      at: ctx.now().toISOString(),
      result: { outcome: 'cancelled' },
      actions: [runButton('Show shared mailboxes', 'shared')],
    });
    return { kind: 'card', card };
  },
};
