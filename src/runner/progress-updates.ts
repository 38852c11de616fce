// Keeps a progress card current while a report reads the tenant, without flooding the conversation.
import type { Logger } from '../log';
import type { MessageRef, Outbox } from '../model/conversation';
import { progressMessage } from './messages';

/** Teams accepts a few updates a second per conversation; one every two seconds reads as live. */
const PROGRESS_EVERY_MS = 2000;

export interface ProgressUpdates {
  onProgress(done: number, total: number): void;
  /** A new title for the next updates (a new stage of the read); shown at once. */
  retitle(title: string): void;
  /** Resolves once every update already started has been sent, so the final answer lands last. */
  settled(): Promise<void>;
}

export function progressUpdates(ctx: { log: Logger }, outbox: Outbox, ref: MessageRef, title: string, noun = 'mailboxes'): ProgressUpdates {
  let updates: Promise<void> = Promise.resolve();
  let last = 0;
  let shownTitle = title;
  let latest: [number, number | null] = [0, null];
  const send = () => {
    last = Date.now();
    const [done, total] = latest;
    const text = shownTitle;
    updates = updates
      .then(() => outbox.update(ref, progressMessage(text, done, total, noun)))
      .catch((err) => ctx.log.warn('progress update failed', { err }));
  };
  return {
    onProgress: (done, total) => {
      latest = [done, total];
      if (Date.now() - last < PROGRESS_EVERY_MS) return;
      send();
    },
    retitle: (next) => {
      if (next === title) return;
      const stage = next.replace(/:.*$/, '') !== title.replace(/:.*$/, '');
      title = next;
      shownTitle = next;
      // A new stage shows at once; a new estimate within a stage waits for the next update.
      if (stage && Date.now() - last >= 500) send();
    },
    settled: () => updates,
  };
}
