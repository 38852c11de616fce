// Export links: the snapshot id plus an expiry, signed with HMAC-SHA256. The link is the only
// credential a browser has, so it must be unguessable (the id), unforgeable (the signature) and
// short-lived (the expiry).
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
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

/**
 * The signing key lives in the bot's own storage, made on first use: no secret to configure, and
 * every instance sharing the storage signs and checks with the same key.
 */
export async function exportSigningKey(store: StateStore): Promise<Buffer> {
  await update<{ key: string }>(store, KEY, (current) => current ?? { key: randomBytes(32).toString('base64') });
  // Two instances starting together may both write; whichever key was stored last is the one all use.
  const stored = await store.read<{ key: string }>(KEY);
  return Buffer.from(stored!.value.key, 'base64');
}
