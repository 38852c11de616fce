// The one worker pool of the cycle's steps: conversations handled a few at once (each mostly waits
// on storage and Teams; the pace bounds the sends), one failing never stopping the others, and none
// started once the cycle's lease is lost.
import type { LeaseHold } from '../state/lease';

export async function forEachAtOnce<T>(
  items: readonly T[],
  concurrency: number,
  hold: Pick<LeaseHold, 'lost'>,
  work: (item: T) => Promise<void>,
  failed: (item: T, err: unknown) => void,
  done?: (item: T) => void,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      if (hold.lost) return;
      const item = items[next++];
      try {
        await work(item);
      } catch (err) {
        failed(item, err);
      } finally {
        done?.(item);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}
