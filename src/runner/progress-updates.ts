// Keeps a progress card current while a report reads the tenant, without flooding the conversation.
import type { Logger } from '../log';
import type { MessageRef, Outbox } from '../model/conversation';
import { progressMessage } from './messages';

/** Teams accepts a few updates a second per conversation; one every two seconds reads as live. */
const PROGRESS_EVERY_MS = 2000;

export interface ProgressUpdates {
  onProgress(done: number, total: number): void;
  /** Resolves once every update already started has been sent, so the final answer lands last. */
  settled(): Promise<void>;
}

export function progressUpdates(ctx: { log: Logger }, outbox: Outbox, ref: MessageRef, title: string, noun = 'mailboxes'): ProgressUpdates {
  let updates: Promise<void> = Promise.resolve();
  let last = 0;
  return {
    onProgress: (done, total) => {
      const now = Date.now();
      if (now - last < PROGRESS_EVERY_MS) return;
      last = now;
      updates = updates
        .then(() => outbox.update(ref, progressMessage(title, done, total, noun)))
        .catch((err) => ctx.log.warn('progress update failed', { err }));
    },
    settled: () => updates,
  };
}
