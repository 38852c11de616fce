// Finds the snapshot a report button points at, or the answer to give when it cannot be used.
import type { ActionContext, ActionResult } from '../dispatch/types';
import { errorMessage } from '../messages/replies';
import type { MailboxSnapshotData, TableSnapshotData } from '../exports/serve';
import type { Snapshot } from '../state/snapshots';
import { snapshotMailboxes, USAGE_COPY_GONE } from '../exports/mailbox-snapshot';

type Found<T> = { ok: true; snapshot: Snapshot<T> } | { ok: false; result: ActionResult };

/**
 * A snapshot of any report (mailboxes, shared, licenses) made in this conversation. The id comes
 * from a click: the store checks it, and answers any bad one as not found.
 */
export async function reportSnapshot(ctx: ActionContext, snapshotId: string): Promise<Found<MailboxSnapshotData | TableSnapshotData>> {
  const found = await ctx.services.snapshots.load<MailboxSnapshotData | TableSnapshotData>(snapshotId, ctx.conversation.id);
  if (found.ok) {
    const data = found.snapshot.data as unknown;
    const usable = typeof data === 'object' && data !== null && ('mailboxes' in data || 'table' in data);
    if (!usable) return { ok: false, result: { kind: 'error', status: 400, message: 'That button does not belong to a report.' } };
    return found;
  }
  if (found.reason === 'expired') {
    const card = errorMessage(
      'This report has expired',
      'Reports are kept for 24 hours. Refresh reads the tenant again.',
      found.commandText ?? 'mailboxes',
    ).card!;
    return { ok: false, result: { kind: 'card', card } };
  }
  // Missing, from another conversation, or not an id at all: the same answer, which reveals nothing.
  ctx.log.warn('bad action', { problem: `snapshot ${found.reason}`, verb: ctx.verb });
  return { ok: false, result: { kind: 'error', status: 410, message: 'That report is no longer available here. Run the command again.' } };
}

/** A mailbox report's snapshot: what paging, sorting, filtering and row details need. */
export async function mailboxSnapshot(ctx: ActionContext, snapshotId: string): Promise<Found<MailboxSnapshotData>> {
  const found = await reportSnapshot(ctx, snapshotId);
  if (!found.ok) return found;
  if (found.snapshot.kind !== 'mailboxes' || !('mailboxes' in found.snapshot.data)) {
    return { ok: false, result: { kind: 'error', status: 400, message: 'That button does not belong to a mailbox report.' } };
  }
  const snapshot = found.snapshot as Snapshot<MailboxSnapshotData>;
  if (!snapshot.data.usage) return { ok: true, snapshot };
  const mailboxes = await snapshotMailboxes(snapshot.data, ctx.services.usage.reports);
  if (!mailboxes)
    return {
      ok: false,
      result: { kind: 'card', card: errorMessage('This report needs a refresh', USAGE_COPY_GONE, snapshot.commandText).card! },
    };
  // A copy with every row, so the snapshot kept in memory stays lean.
  return { ok: true, snapshot: { ...snapshot, data: { ...snapshot.data, mailboxes } } };
}
