// The cycle's sending with an in-memory store and a fake Teams: a 429 waits its Retry-After and
// succeeds, a 403 suspends only its conversation, a 500 gives the claim back for the next cycle,
// and none of them stops the other conversations.
import { AlertCycle } from '../../../src/alerts/cycle';
import { SendFailure, type MessageSender as AlertSender } from '../../../src/cycle/delivery';
import { SendPace, type Clock } from '../../../src/cycle/pace';
import { DEFAULT_ALERT_SETTINGS } from '../../../src/reports/alerts/settings';
import { ConversationStore } from '../../../src/state/conversations';
import { LedgerStore } from '../../../src/state/ledger';
import { SubscriptionStore } from '../../../src/state/subscriptions';
import { StateConflictError, type StateStore, type Stored } from '../../../src/state/store';
import { silentLogger } from '../../../src/log';
import { office365E3 } from '../licensing/licensing-fixtures';

function memoryStore(): StateStore {
  const items = new Map<string, Stored<unknown>>();
  let n = 0;
  return {
    read: async <T>(key: string) => items.get(key) as Stored<T> | undefined,
    write: async (key, value, eTag) => {
      if (eTag !== undefined && items.get(key)?.eTag !== eTag) throw new StateConflictError(key);
      items.set(key, { value: JSON.parse(JSON.stringify(value)), eTag: String(++n) });
    },
    delete: async (key) => void items.delete(key),
  };
}

async function setUp(behaviour: Record<string, (attempt: number) => void>) {
  const state = memoryStore();
  const clock: Clock & { t: number } = { t: 0, now: () => clock.t, sleep: async (ms) => void (clock.t += ms) };
  const conversations = new ConversationStore(state);
  const subscriptions = new SubscriptionStore(state);
  const ledger = new LedgerStore(state, async (key, value) => {
    if (await state.read(key)) return false;
    await state.write(key, value);
    return true;
  });
  const delivered: string[] = [];
  const attempts = new Map<string, number>();
  const sender: AlertSender = {
    send: async (reference) => {
      const id = (reference.conversation as { id: string }).id;
      const attempt = (attempts.get(id) ?? 0) + 1;
      attempts.set(id, attempt);
      behaviour[id]?.(attempt);
      delivered.push(`${id}@${clock.t}`);
      return { id: 'm' };
    },
  };
  for (const id of ['ok', 'throttled', 'removed', 'broken']) {
    await conversations.save({ conversation: { id, conversationType: 'personal' }, serviceUrl: 'https://smba.example/' });
    await subscriptions.subscribe({
      conversationId: id,
      conversationType: 'personal',
      settings: { ...DEFAULT_ALERT_SETTINGS, kinds: ['licence-pool'] },
      since: '',
      by: { aadObjectId: '', name: '' },
    });
  }
  const cycle = new AlertCycle({
    readTenant: async () => ({ mailboxes: [], users: new Map(), skus: [office365E3(50, 50)] }),
    subscriptions,
    conversations,
    ledger,
    state,
    lock: { acquire: async () => ({ lost: false, release: async () => undefined }) },
    sender,
    pace: new SendPace({ clock }),
    clock,
    log: silentLogger,
    remediation: false,
    concurrency: 1,
  });
  return { cycle, delivered, subscriptions };
}

test('429 waits Retry-After; 403 suspends; 500 is tried again next cycle; the others are delivered', async () => {
  let brokenFixed = false;
  const { cycle, delivered, subscriptions } = await setUp({
    throttled: (attempt) => {
      if (attempt === 1) throw new SendFailure(429, 'slow down', 3000);
    },
    removed: () => {
      throw new SendFailure(403, 'bot removed');
    },
    broken: () => {
      if (!brokenFixed) throw new SendFailure(500, 'oops');
    },
  });
  const report = await cycle.run();
  expect(report).toMatchObject({ conversations: 4, alerts: 2, messages: 2, suspended: 1, failed: 1 });
  expect(delivered).toEqual(['ok@0', 'throttled@3000']);
  expect((await subscriptions.get('removed'))?.suspended?.reason).toMatch(/403/);

  brokenFixed = true;
  const next = await cycle.run();
  expect(next).toMatchObject({ conversations: 3, alerts: 1, messages: 1, failed: 0 });
  expect(delivered.at(-1)).toMatch(/^broken@/);
  expect((await cycle.run()).messages).toBe(0);
});
