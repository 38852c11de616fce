// Chats first: a report waits, before each stretch of work it does on this process's one thread,
// until the chat turns in progress have been answered. Otherwise fifty admins asking at once would
// have their first replies queued behind the reports already started, which take CPU in bursts
// (`npm run bench -- buttons` measures the first reply under that load).
// The wait is bounded, so a steady stream of chat never starves a report.
export const MAX_WAIT_MS = 1_000;

export class ChatTurns {
  private inProgress = 0;
  private waiting: (() => void)[] = [];

  /** A turn has arrived; call the returned function once it has been answered (idempotent). */
  started(): () => void {
    this.inProgress++;
    let ended = false;
    return () => {
      if (ended) return;
      ended = true;
      this.inProgress--;
      if (this.inProgress === 0) for (const wake of this.waiting.splice(0)) wake();
    };
  }

  get count(): number {
    return this.inProgress;
  }

  /** Resolves when no turn is in progress, or after `maxWaitMs` at the most. */
  answered(maxWaitMs: number = MAX_WAIT_MS): Promise<void> {
    if (this.inProgress === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting = this.waiting.filter((w) => w !== wake);
        resolve();
      }, maxWaitMs);
      const wake = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiting.push(wake);
    });
  }
}
