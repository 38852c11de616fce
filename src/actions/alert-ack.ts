// `alert.ack` {alert} or {alerts} (finding keys; not `key`, which the Agents Playground drops from a button's data): no more reminders of these alerts in this conversation. The key must
// be one of this conversation's own alerts: a button copied from elsewhere changes nothing.
import { alertCard } from '../cards/alert-card';
import { alertAckButton } from '../buttons/alert';
import { isOpen, type LedgerEntry } from '../reports/alerts/ledger-plan';
import type { ActionContext, ActionResult } from '../dispatch/types';
import { defineAction } from './define-action';

export const NOT_HERE: ActionResult = {
  kind: 'error',
  status: 404,
  message: 'That alert is not one of this conversation’s alerts (or it has been cleared since).',
};

/** Changes one open entry of this conversation's ledger; undefined when there is no such alert. */
export async function changeAlert(
  ctx: ActionContext,
  key: string,
  change: (e: LedgerEntry) => LedgerEntry,
): Promise<LedgerEntry | 'resolved' | undefined> {
  let resolved = false;
  const entry = await ctx.services.alerts.ledger.changeEntry(ctx.conversation.id, key, (e) => {
    if (!e || !e.lastSent) return undefined;
    if (!isOpen(e)) {
      resolved = true;
      return undefined;
    }
    return change(e);
  });
  return resolved ? 'resolved' : entry;
}

export const alertAckAction = defineAction(alertAckButton, async (ctx, keys) => {
  const by = ctx.caller.name || ctx.caller.aadObjectId || 'someone';
  const at = ctx.now().toISOString();
  let done = 0;
  let last: { key: string; entry: LedgerEntry } | undefined;
  for (const key of keys) {
    const entry = await changeAlert(ctx, key, (e) => ({ ...e, acknowledged: e.acknowledged ?? { by, at } }));
    if (entry === 'resolved') {
      if (keys.length === 1) return { kind: 'message', text: 'That alert has been resolved already.' };
      continue;
    }
    if (!entry) {
      ctx.log.warn('bad action', { problem: 'alert not in this conversation', verb: ctx.verb });
      return NOT_HERE;
    }
    done++;
    last = { key, entry };
  }
  ctx.log.info('alert acknowledged', { alerts: done });
  if (keys.length === 1 && last) {
    return { kind: 'card', card: alertCard({ key: last.key, entry: last.entry, remediation: ctx.services.config.remediation }) };
  }
  return { kind: 'message', text: `Acknowledged ${done} alert${done === 1 ? '' : 's'}: no more reminders of them.` };
});
