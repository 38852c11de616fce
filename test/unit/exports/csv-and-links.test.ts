import { csvCell, toCsv } from '../../../src/reports/csv';
import { ExportLinks } from '../../../src/exports/links';
import { SnapshotStore } from '../../../src/state/snapshots';
import type { StateStore, Stored } from '../../../src/state/store';

describe('CSV for Excel', () => {
  test.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1-555', "'+1-555"],
    ['-2', "'-2"],
    ['@sum', "'@sum"],
    ['\tTab', "'\tTab"],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['O\'Brien "Bob"', '"O\'Brien ""Bob"""'],
    ['plain', 'plain'],
  ])('%j becomes %j', (input, out) => {
    expect(csvCell(input)).toBe(out);
  });
  test('starts with a BOM and ends lines with CRLF', () => {
    expect(toCsv(['a', 'b'], [[1, null]])).toBe('\ufeffa,b\r\n1,\r\n');
  });
});

describe('export links', () => {
  const links = new ExportLinks(Buffer.alloc(32, 7), () => 'https://bot.example', 60_000);
  const id = 'a'.repeat(32);
  const now = new Date('2026-01-01T00:00:00Z');
  const parts = (url: string) => Object.fromEntries(new URL(url).searchParams);
  test('a fresh link checks out; a later one has expired; another id or key does not', () => {
    const { url } = links.link(id, now);
    const { exp, sig } = parts(url);
    expect(links.check(id, exp, sig, now)).toBe('ok');
    expect(links.check(id, exp, sig, new Date(now.getTime() + 61_000))).toBe('expired');
    expect(links.check('b'.repeat(32), exp, sig, now)).toBe('bad-signature');
    expect(new ExportLinks(Buffer.alloc(32, 8), () => 'https://bot.example').check(id, exp, sig, now)).toBe('bad-signature');
    expect(links.check(id, String(Number(exp) + 3600), sig, now)).toBe('bad-signature');
    // Validly signed, but for longer than the bot ever issues (its TTL is a minute here).
    const longLived = new ExportLinks(Buffer.alloc(32, 7), () => 'https://bot.example', 10 * 365 * 86_400_000).link(id, now);
    const q = new URL(longLived.url).searchParams;
    expect(links.check(id, q.get('exp'), q.get('sig'), now)).toBe('bad-signature');
  });
});

describe('snapshots', () => {
  const memory = (): StateStore => {
    const m = new Map<string, Stored<unknown>>();
    return {
      read: async (k) => m.get(k) as any,
      write: async (k, v) => void m.set(k, { value: v, eTag: String(Math.random()) }),
      delete: async (k) => void m.delete(k),
    };
  };
  test('expire after their time, belong to one conversation, and have unguessable ids', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new SnapshotStore(memory(), { ttlMs: 1000, now: () => now });
    const s = await store.save({ kind: 'mailboxes', conversationId: 'c1', commandText: 'mailboxes', complete: true, data: { x: 1 } });
    expect(s.id).toMatch(/^[0-9a-f]{32}$/);
    expect((await store.load(s.id, 'c1')).ok).toBe(true);
    expect(await store.load(s.id, 'c2')).toEqual({ ok: false, reason: 'foreign' });
    expect(await store.load('../../etc', 'c1')).toEqual({ ok: false, reason: 'malformed' });
    now = new Date(now.getTime() + 1001);
    expect(await store.load(s.id, 'c1')).toEqual({ ok: false, reason: 'expired', commandText: 'mailboxes' });
  });
});
