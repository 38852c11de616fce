// How fast alerts may go out. Teams limits each bot per conversation (7 a second, 8 in 2 s, 60 in
// 30 s, 1,800 an hour) and, less precisely documented, per app across a tenant (tens a second):
// sliding windows per conversation and one global pace keep sends under both, and a 429's
// Retry-After holds its conversation. The clock and the sleep are injected, so tests need no time.

export interface Window {
  limit: number;
  ms: number;
}

export const PER_CONVERSATION: Window[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

/** Sources say 30 or 50 per second per app per tenant; the lower keeps clear of either. */
export const GLOBAL: Window[] = [{ limit: 30, ms: 1_000 }];

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/** Send times within the longest window, oldest first. */
class Sends {
  private times: number[] = [];
  heldUntil = 0;

  constructor(private readonly windows: Window[]) {}

  waitMs(now: number): number {
    let wait = Math.max(0, this.heldUntil - now);
    for (const w of this.windows) {
      const inWindow = this.times.filter((t) => t > now - w.ms);
      if (inWindow.length >= w.limit) wait = Math.max(wait, inWindow[inWindow.length - w.limit] + w.ms - now);
    }
    return wait;
  }

  record(now: number): void {
    const longest = Math.max(...this.windows.map((w) => w.ms));
    this.times = this.times.filter((t) => t > now - longest);
    this.times.push(now);
  }
}

export class SendPace {
  private readonly conversations = new Map<string, Sends>();
  private readonly everyone: Sends;

  constructor(private readonly options: { perConversation?: Window[]; global?: Window[]; clock?: Clock } = {}) {
    this.everyone = new Sends(options.global ?? GLOBAL);
  }

  private clock(): Clock {
    return this.options.clock ?? realClock;
  }

  private of(conversationId: string): Sends {
    let s = this.conversations.get(conversationId);
    if (!s) {
      s = new Sends(this.options.perConversation ?? PER_CONVERSATION);
      this.conversations.set(conversationId, s);
    }
    return s;
  }

  /** How long a send to `conversationId` would have to wait now. */
  waitMs(conversationId: string): number {
    const now = this.clock().now();
    return Math.max(this.of(conversationId).waitMs(now), this.everyone.waitMs(now));
  }

  /** Resolves when a send to `conversationId` is allowed, and counts it. */
  async turn(conversationId: string): Promise<void> {
    for (;;) {
      const wait = this.waitMs(conversationId);
      if (wait <= 0) {
        const now = this.clock().now();
        this.of(conversationId).record(now);
        this.everyone.record(now);
        return;
      }
      await this.clock().sleep(wait);
    }
  }

  /** A 429 for this conversation: nothing more to it before `ms` have passed. */
  hold(conversationId: string, ms: number): void {
    const s = this.of(conversationId);
    s.heldUntil = Math.max(s.heldUntil, this.clock().now() + ms);
  }

  /** Forgets conversations done with, so a cycle over 100,000 does not keep them all. */
  forget(conversationId: string): void {
    this.conversations.delete(conversationId);
  }
}

/**
 * The least time `messages` (per conversation) can take under the windows, sent as fast as allowed:
 * what a benchmark compares its real time against.
 */
export function lowerBoundMs(messages: number[], perConversation: Window[] = PER_CONVERSATION, global: Window[] = GLOBAL): number {
  const total = messages.reduce((a, b) => a + b, 0);
  const bound = (n: number, windows: Window[]) => Math.max(0, ...windows.map((w) => (n > w.limit ? Math.ceil(n / w.limit - 1) * w.ms : 0)));
  return Math.max(bound(total, global), ...messages.map((n) => bound(n, perConversation)));
}
