// Export links: the snapshot id plus an expiry, signed with HMAC-SHA256. The link is the only
// credential a browser has, so it must be unguessable (the id), unforgeable (the signature) and
// short-lived (the expiry).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Logger } from '../log';
import { update, type StateStore } from '../state/store';

export const DEFAULT_LINK_TTL_MS = 60 * 60 * 1000;

export type LinkCheck = 'ok' | 'bad-signature' | 'expired';

export class ExportLinks {
  constructor(
    private readonly key: Buffer,
    /** The bot's public base URL; a function because the demo knows its port only once listening. */
    private readonly publicUrl: () => string,
    private readonly ttlMs = DEFAULT_LINK_TTL_MS,
  ) {}

  link(id: string, now: Date): { url: string; expiresAt: Date } {
    const exp = Math.floor((now.getTime() + this.ttlMs) / 1000);
    return { url: `${this.publicUrl()}/api/exports/${id}?exp=${exp}&sig=${this.sign(id, exp)}`, expiresAt: new Date(exp * 1000) };
  }

  check(id: string, exp: unknown, sig: unknown, now: Date): LinkCheck {
    if (typeof exp !== 'string' || !/^\d{1,12}$/.test(exp) || typeof sig !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(sig))
      return 'bad-signature';
    const expected = Buffer.from(this.sign(id, Number(exp)));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-signature';
    // No link the bot issues lives longer than its TTL (a minute's grace for clocks of two instances):
    // a validly signed far-future expiry is not one of ours (a leaked key, or an older, longer TTL).
    if (Number(exp) * 1000 > now.getTime() + this.ttlMs + 60_000) return 'bad-signature';
    return Number(exp) * 1000 <= now.getTime() ? 'expired' : 'ok';
  }

  private sign(id: string, exp: number): string {
    return createHmac('sha256', this.key).update(`export:${id}:${exp}`).digest('base64url');
  }
}

const KEY = 'secrets/export-signing-key';
/** HMAC-SHA256's own block of security: a shorter key (an empty one, planted in storage) is no key. */
export const MIN_KEY_BYTES = 32;

/** The stored key's bytes, or undefined when it is not a base64 key of at least MIN_KEY_BYTES. */
function keyOf(stored: unknown): Buffer | undefined {
  const key = (stored as { key?: unknown } | null | undefined)?.key;
  if (typeof key !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(key)) return undefined;
  const bytes = Buffer.from(key, 'base64');
  return bytes.length >= MIN_KEY_BYTES ? bytes : undefined;
}

/**
 * The signing key lives in the bot's own storage, made on first use: no secret to configure, and
 * every instance sharing the storage signs and checks with the same key. The first one is created
 * only if absent, so two instances starting together agree on one key. A stored key that is not one
 * (too short, empty, not base64: someone wrote to the storage account) is replaced and the bot says
 * so; links signed with it stop working, which is the point.
 */
export async function exportSigningKey(store: StateStore, log?: Logger): Promise<Buffer> {
  let replaced = false;
  const stored = await update<{ key: string }>(store, KEY, (current) => {
    if (current !== undefined && keyOf(current)) return undefined;
    replaced = current !== undefined;
    return { key: randomBytes(MIN_KEY_BYTES).toString('base64') };
  });
  const key = keyOf(stored);
  if (!key) throw new Error(`The export signing key in storage (${KEY}) is not a key of ${MIN_KEY_BYTES} bytes and could not be replaced.`);
  if (replaced)
    log?.warn(
      `export signing key in storage was not a key of at least ${MIN_KEY_BYTES} bytes; a new one was made (older links stop working)`,
      {
        key: KEY,
      },
    );
  return key;
}
