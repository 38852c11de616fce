// Finds the snapshot a report button points at, or the answer to give when it cannot be used.
import type { ActionContext, ActionResult } from '../commands/types';
import { errorMessage } from '../commands/replies';
import type { MailboxSnapshotData } from '../exports/serve';
import type { Snapshot } from '../state/snapshots';

export async function mailboxSnapshot(ctx: ActionContext): Promise<{ ok: true; snapshot: Snapshot<MailboxSnapshotData> } | { ok: false; result: ActionResult }> {
  const found = await ctx.services.snapshots.load<MailboxSnapshotData>(ctx.data.s, ctx.conversation.id);
  if (found.ok) {
    if (found.snapshot.kind !== 'mailboxes' || !('mailboxes' in (found.snapshot.data as object))) return { ok: false, result: { kind: 'error', status: 400, message: 'That button does not belong to a mailbox report.' } };
    return found;
  }
  if (found.reason === 'expired') {
    const card = errorMessage('This report has expired', 'Reports are kept for 24 hours. Refresh reads the tenant again.', found.commandText ?? 'mailboxes').card!;
    return { ok: false, result: { kind: 'card', card } };
  }
  // Missing, from another conversation, or not an id at all: the same answer, which reveals nothing.
  ctx.log.warn('bad action', { problem: `snapshot ${found.reason}`, verb: ctx.verb });
  return { ok: false, result: { kind: 'error', status: 410, message: 'That report is no longer available here. Run the command again.' } };
}
