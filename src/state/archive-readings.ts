// The archives the bot knows and their latest readings, in Blob Storage: archive statistics cost one
// cmdlet each, so they are read a few at a time in the background and `archives` answers from here.
// Archives are spread over SHARDS blobs by a hash of their id, so that a refresh rewrites only the
// blobs of the archives it read, and 100,000 archives stay a few hundred KB a blob. Each reading is
// dated; the readings are per archive and per day, the same shape a per-mailbox daily history keeps,
// so a history store can take them in (or hand its own days over) without a conversion.
import { createHash } from 'node:crypto';
import type { ArchiveFigures, ArchiveMailbox, ArchiveReading, HeldMailbox } from '../model/tenant';
import { withOrganizationArchiving, withReading } from '../reports/archives';
import { update, type StateStore } from './store';

export const ARCHIVE_SHARDS = 16;
const PREFIX = 'archives';

interface Shard {
  archives: Record<string, ArchiveFigures>;
}

export interface ArchiveInventory {
  /** When Get-Mailbox -Archive last listed the tenant's archives. */
  listedAt: string | null;
  count: number;
}

/** The identity an archive's statistics are read with, and its key in the store. */
export function archiveId(m: Pick<ArchiveMailbox, 'userId' | 'userPrincipalName' | 'primarySmtpAddress'>): string {
  return (m.userId || m.userPrincipalName || m.primarySmtpAddress).toLowerCase();
}

export function shardOf(id: string): number {
  return createHash('sha256').update(id).digest().readUInt16BE(0) % ARCHIVE_SHARDS;
}

/** The organisation's auto-expanding archiving as Get-OrganizationConfig last answered. */
export interface OrganizationArchivingSetting {
  /** Null when the bot may not read it: each archive's own flag decides. */
  autoExpanding: boolean | null;
  readAt: string;
  refused?: string;
}

interface HeldListing {
  listedAt: string;
  mailboxes: HeldMailbox[];
}

export type ArchiveResult = { ok: true; reading: ArchiveReading } | { ok: false; at: string; message: string };

export class ArchiveReadings {
  constructor(private readonly store: StateStore) {}

  /** Every archive known, with its readings; all auto-expanding when the organisation turned it on for everyone. */
  async all(): Promise<ArchiveFigures[]> {
    const [organization, ...shards] = await Promise.all([
      this.organization(),
      ...Array.from({ length: ARCHIVE_SHARDS }, (_, i) => this.store.read<Shard>(shardKey(i)).then((s) => s?.value)),
    ]);
    return withOrganizationArchiving(
      shards.flatMap((s) => Object.values(s?.archives ?? {})),
      organization?.autoExpanding ?? null,
    );
  }

  async organization(): Promise<OrganizationArchivingSetting | null> {
    return (await this.store.read<OrganizationArchivingSetting>(`${PREFIX}/organization`))?.value ?? null;
  }

  /** The mailboxes on Litigation Hold as the refresh last listed them, archive or not; empty before the first listing. */
  async heldMailboxes(): Promise<HeldMailbox[]> {
    return (await this.store.read<HeldListing>(`${PREFIX}/held`))?.value?.mailboxes ?? [];
  }

  async syncHeldMailboxes(mailboxes: HeldMailbox[], now: Date): Promise<void> {
    await this.store.write(`${PREFIX}/held`, { listedAt: now.toISOString(), mailboxes } satisfies HeldListing);
  }

  async recordOrganization(setting: OrganizationArchivingSetting): Promise<void> {
    await this.store.write(`${PREFIX}/organization`, setting);
  }

  async inventory(): Promise<ArchiveInventory> {
    return (await this.store.read<ArchiveInventory>(`${PREFIX}/inventory`))?.value ?? { listedAt: null, count: 0 };
  }

  /**
   * The tenant's archives as Get-Mailbox -Archive listed them: new ones added (unread), names,
   * quotas and holds brought up to date, archives that are gone dropped. Readings are kept.
   */
  async syncInventory(mailboxes: readonly ArchiveMailbox[], now: Date): Promise<void> {
    const byShard = new Map<number, Map<string, ArchiveMailbox>>();
    for (let i = 0; i < ARCHIVE_SHARDS; i++) byShard.set(i, new Map());
    for (const m of mailboxes) byShard.get(shardOf(archiveId(m)))!.set(archiveId(m), m);
    await Promise.all(
      [...byShard].map(([i, listed]) =>
        update<Shard>(this.store, shardKey(i), (current) => {
          const archives: Record<string, ArchiveFigures> = {};
          for (const [id, m] of listed) {
            const known = current?.archives[id];
            archives[id] = {
              id,
              upn: m.userPrincipalName || m.primarySmtpAddress,
              displayName: m.displayName,
              recipientTypeDetails: m.recipientTypeDetails,
              autoExpanding: m.autoExpandingArchiveEnabled,
              onHold: m.litigationHoldEnabled || (m.inPlaceHolds?.length ?? 0) > 0,
              archiveQuotaBytes: m.archiveQuotaBytes,
              litigationHoldEnabled: m.litigationHoldEnabled,
              ...(m.inPlaceHolds?.length ? { inPlaceHolds: m.inPlaceHolds } : {}),
              ...(m.recoverableItemsQuotaBytes !== undefined ? { recoverableItemsQuotaBytes: m.recoverableItemsQuotaBytes } : {}),
              readings: known?.readings ?? [],
              ...(known?.lastError ? { lastError: known.lastError } : {}),
            };
          }
          return { archives };
        }),
      ),
    );
    await this.store.write(`${PREFIX}/inventory`, { listedAt: now.toISOString(), count: mailboxes.length } satisfies ArchiveInventory);
  }

  /** Readings (or failures) recorded; an archive no longer known is ignored. */
  async record(results: ReadonlyMap<string, ArchiveResult>): Promise<void> {
    const byShard = new Map<number, [string, ArchiveResult][]>();
    for (const [id, r] of results) {
      const i = shardOf(id);
      byShard.set(i, [...(byShard.get(i) ?? []), [id, r]]);
    }
    await Promise.all(
      [...byShard].map(([i, entries]) =>
        update<Shard>(this.store, shardKey(i), (current) => {
          const archives = { ...(current?.archives ?? {}) };
          for (const [id, r] of entries) {
            const known = archives[id];
            if (!known) continue;
            if (r.ok) {
              const { lastError: _dropped, ...rest } = known;
              void _dropped;
              archives[id] = { ...rest, readings: withReading(known.readings, r.reading) };
            } else archives[id] = { ...known, lastError: { at: r.at, message: r.message } };
          }
          return { archives };
        }),
      ),
    );
  }
}

/** The archives due for a reading, oldest figure first (never read before any read), at most `n`. */
export function oldestFirst(archives: readonly ArchiveFigures[], n: number): ArchiveFigures[] {
  const lastTried = (a: ArchiveFigures) => {
    const read = a.readings[a.readings.length - 1]?.at ?? '';
    const failed = a.lastError?.at ?? '';
    return read > failed ? read : failed;
  };
  return [...archives].sort((a, b) => lastTried(a).localeCompare(lastTried(b)) || a.id.localeCompare(b.id)).slice(0, n);
}

function shardKey(i: number): string {
  return `${PREFIX}/shard-${String(i).padStart(2, '0')}`;
}
