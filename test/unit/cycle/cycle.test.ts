// The one check cycle: its steps run in order under one lease; a failing step never keeps the later
// ones from running, and the cycle then fails (not counted as a full cycle); a busy lease skips it.
import { Cycle, type CycleStep } from '../../../src/cycle/cycle';
import { SendPace } from '../../../src/cycle/pace';
import { StateConflictError, type StateStore, type Stored } from '../../../src/state/store';
import { silentLogger } from '../../../src/log';

function memoryStore(): StateStore & { items: Map<string, Stored<unknown>> } {
  const items = new Map<string, Stored<unknown>>();
  let n = 0;
  return {
    items,
    read: async <T>(key: string) => items.get(key) as Stored<T> | undefined,
    write: async (key, value, eTag) => {
      if (eTag !== undefined && items.get(key)?.eTag !== eTag) throw new StateConflictError(key);
      items.set(key, { value, eTag: String(++n) });
    },
    delete: async (key) => void items.delete(key),
  };
}

function cycle(state: StateStore, free = true) {
  const released: boolean[] = [];
  return {
    released,
    cycle: new Cycle({
      lock: { acquire: async () => (free ? { lost: false, release: async () => void released.push(true) } : null) },
      state,
      sender: { send: async () => ({ id: 'm' }) },
      pace: new SendPace(),
      log: silentLogger,
      now: () => new Date('2026-03-02T08:00:00Z'),
    }),
  };
}

test('a step that fails: the later steps still run, then the cycle fails, releases its lease and is not noted as a full cycle', async () => {
  const state = memoryStore();
  const { cycle: c, released } = cycle(state);
  const ran: string[] = [];
  const steps: CycleStep[] = [
    { name: 'alerts', run: async () => Promise.reject(new Error('tenant down')) },
    { name: 'schedules', run: async () => void ran.push('schedules') },
  ];
  await expect(c.run(steps, { full: true })).rejects.toThrow('tenant down');
  expect(ran).toEqual(['schedules']);
  expect(released).toEqual([true]);
  expect(state.items.has('alerts/last-cycle')).toBe(false);
  await expect(c.run(steps.slice(1), { full: true })).resolves.toEqual({ ran: true });
  expect(state.items.has('alerts/last-cycle')).toBe(true);
  // Another instance's timer moments later: skipped.
  await expect(c.run(steps, { full: true, minGapMs: 60_000 })).resolves.toEqual({ ran: false, skipped: 'recent' });
});

test('another instance holds the lease: nothing runs', async () => {
  const { cycle: c } = cycle(memoryStore(), false);
  const ran: string[] = [];
  await expect(c.run([{ name: 'alerts', run: async () => void ran.push('alerts') }], { full: true })).resolves.toEqual({
    ran: false,
    skipped: 'busy',
  });
  expect(ran).toEqual([]);
});
