// The sending pace: Teams' per-conversation windows, a global pace, and a 429's hold, on a fake clock.
import { lowerBoundMs, SendPace, type Clock } from '../../../src/cycle/pace';

function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

test('an eighth send to one conversation within a second waits for the window', async () => {
  const clock = fakeClock();
  const pace = new SendPace({ clock });
  const at: number[] = [];
  for (let i = 0; i < 9; i++) {
    await pace.turn('c1');
    at.push(clock.t);
  }
  expect(at.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
  expect(at[7]).toBe(1000);
  // 8 in 2 s: the ninth waits for the first two seconds to pass.
  expect(at[8]).toBe(2000);
});

test('sixty-one sends to one conversation take at least thirty seconds', async () => {
  const clock = fakeClock();
  const pace = new SendPace({ clock });
  for (let i = 0; i < 61; i++) await pace.turn('c1');
  expect(clock.t).toBeGreaterThanOrEqual(30_000);
});

test('other conversations are not held by one that is busy, but the global pace holds everyone', async () => {
  const clock = fakeClock();
  const pace = new SendPace({ clock, global: [{ limit: 3, ms: 1000 }] });
  for (let i = 0; i < 3; i++) await pace.turn(`c${i}`);
  expect(clock.t).toBe(0);
  await pace.turn('c9');
  expect(clock.t).toBe(1000);
});

test('a 429 holds its conversation for Retry-After, and only it', async () => {
  const clock = fakeClock();
  const pace = new SendPace({ clock });
  pace.hold('c1', 5000);
  expect(pace.waitMs('c1')).toBe(5000);
  expect(pace.waitMs('c2')).toBe(0);
  await pace.turn('c1');
  expect(clock.t).toBe(5000);
});

test('the lower bound: 1,000 conversations of one alert each are bound by the global pace', () => {
  expect(lowerBoundMs(Array(1000).fill(1))).toBe(33_000);
  expect(lowerBoundMs([7])).toBe(0);
  expect(lowerBoundMs([61])).toBe(30_000);
});
