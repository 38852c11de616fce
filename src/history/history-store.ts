// Every mailbox's daily figures in the bot's own Blob Storage (docs/architecture.md, "History"):
//   history/roster.json            mailbox keys (lower-case UPNs) in the order rows are stored; only appended
//   history/days/<date>.bin        one day's rows (day-rows.ts), written once: create-if-absent
//   history/segments/<k>.bin       32 days compacted mailbox by mailbox: mailbox i's days are one range
//   history/segments/<k>.end.bin   every mailbox's size on the segment's last day (growth for all)
//   history/manifest.json          the days held, their segments, the last collection (eTag updates)
// Days arrive one a day (day blobs); once a 32-day segment is behind the newest day, the collection
// rewrites it mailbox by mailbox, so one mailbox's year is about 12 ranged reads plus this month's days.
// Several instances may collect the same day: the first to create the day's blob wins, the others
// find it there and stop. Days older than the retention are dropped by the collection that passes them.
import { ContainerClient, RestError } from '@azure/storage-blob';
import { StateConflictError, updateItem } from '../state/store';
import type { GrowthTable, MailboxGrowth } from '../reports/growth';
import { decodeRow, encodeDay, quotasOf, ROW_BYTES, sizesOf, type HistoryFigures, type HistoryRecord } from './day-rows';

export type HistorySource = 'usage' | 'live';

export interface HistoryDayInfo {
  mailboxes: number;
  /** Its rows' bytes (roster length × 28 when written). */
  bytes: number;
  source: HistorySource;
  collectedAt: string;
  /** Set once the day was compacted into that segment (its day blob is gone). */
  segment?: number;
}

export interface HistorySegmentInfo {
  rows: number;
  bytes: number;
  /** The segment's last stored day: its end column holds every mailbox's size then. */
  lastDate: string;
}

export interface HistoryManifest {
  days: Record<string, HistoryDayInfo>;
  segments?: Record<string, HistorySegmentInfo>;
  lastCollection?: { at: string; date: string | null; outcome: string };
  /** Set when the latest days hold only what was read live (the report's names are concealed). */
  limited?: string;
}

export interface HistoryDay extends HistoryFigures {
  date: string;
}

export interface HistorySummary {
  days: number;
  first: string | null;
  last: string | null;
  mailboxes: number;
  storedBytes: number;
  lastCollection?: HistoryManifest['lastCollection'];
  limited?: string;
}

export interface HistoryStoreOptions {
  /** Days kept (the setting HISTORY_DAYS; at least 400 by default). */
  retentionDays?: number;
  /** Ranged reads in flight when one mailbox's year is read. */
  readConcurrency?: number;
  prefix?: string;
}

const DAY_MS = 86_400_000;
/** Days per segment: a mailbox's segment row is 32 × 28 = 896 bytes, one ranged read. */
export const SEGMENT_DAYS = 32;

function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

const MANIFEST_REUSE_MS = 10_000;
/** Mailboxes rewritten at a time when a segment is compacted (8,192 × 896 bytes = 7 MB). */
const COMPACT_ROWS = 8192;

export function segmentOf(date: string): number {
  return Math.floor(dayNumber(date) / SEGMENT_DAYS);
}

function statusOf(err: unknown): number | undefined {
  return err instanceof RestError ? err.statusCode : (err as { statusCode?: number })?.statusCode;
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

async function pool<T>(items: T[], concurrency: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

export class HistoryStore {
  private ready: Promise<unknown> | undefined;
  private roster: { keys: string[]; index: Map<string, number>; eTag?: string } | undefined;
  private readonly prefix: string;

  constructor(
    private readonly container: ContainerClient,
    private readonly options: HistoryStoreOptions = {},
  ) {
    this.prefix = options.prefix ?? 'history';
  }

  get retentionDays(): number {
    return this.options.retentionDays ?? 400;
  }

  private blob(name: string) {
    return this.container.getBlockBlobClient(`${this.prefix}/${name}`);
  }

  private async ensure(): Promise<void> {
    this.ready ??= this.container.createIfNotExists().catch((err) => {
      this.ready = undefined;
      throw err;
    });
    await this.ready;
  }

  private async readJson<T>(name: string): Promise<{ value: T; eTag?: string } | undefined> {
    try {
      const res = await this.blob(name).download();
      const chunks: Buffer[] = [];
      for await (const c of res.readableStreamBody!) chunks.push(c as Buffer);
      return { value: JSON.parse(Buffer.concat(chunks).toString('utf8')) as T, eTag: res.etag };
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Read, change, write only if unchanged (else again): state/store.ts's one loop, on a plain blob. */
  private async updateJson<T>(name: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    await this.ensure();
    // This instance's own writes are seen at once by its readers.
    this.recent = undefined;
    return updateItem<T>(
      () => this.readJson<T>(name),
      async (next, eTag) => {
        const body = JSON.stringify(next);
        try {
          await this.blob(name).upload(body, Buffer.byteLength(body), {
            conditions: eTag ? { ifMatch: eTag } : { ifNoneMatch: '*' },
            blobHTTPHeaders: { blobContentType: 'application/json' },
          });
        } catch (err) {
          const status = statusOf(err);
          throw status === 412 || status === 409 ? new StateConflictError(name) : err;
        }
      },
      change,
    );
  }

  async manifest(): Promise<HistoryManifest> {
    return (await this.readJson<HistoryManifest>('manifest.json'))?.value ?? { days: {} };
  }

  /**
   * The manifest for reading, reused for MANIFEST_REUSE_MS: it changes once a day, and a reader a few
   * seconds behind only misses a day collected in those seconds. Writers always read it afresh.
   */
  private recent: { at: number; manifest: Promise<HistoryManifest> } | undefined;
  private readManifest(): Promise<HistoryManifest> {
    const now = Date.now();
    if (!this.recent || now - this.recent.at > MANIFEST_REUSE_MS) {
      const manifest = this.manifest();
      manifest.catch(() => (this.recent = undefined));
      this.recent = { at: now, manifest };
    }
    return this.recent.manifest;
  }

  private async loadRoster(): Promise<NonNullable<HistoryStore['roster']>> {
    const found = await this.readJson<{ keys: string[] }>('roster.json');
    const keys = found?.value.keys ?? [];
    this.roster = { keys, index: new Map(keys.map((k, i) => [k, i])), eTag: found?.eTag };
    return this.roster;
  }

  /** The roster with these mailboxes in it (new ones appended; indexes never change). */
  private async rosterWith(upns: string[]): Promise<NonNullable<HistoryStore['roster']>> {
    const roster = this.roster ?? (await this.loadRoster());
    if (upns.every((u) => roster.index.has(u))) return roster;
    const written = await this.updateJson<{ keys: string[] }>('roster.json', (current) => {
      const keys = current?.keys ?? [];
      const known = new Set(keys);
      const added = upns.filter((u) => !known.has(u) && (known.add(u), true));
      return added.length ? { keys: [...keys, ...added] } : undefined;
    });
    const keys = written?.keys ?? [];
    this.roster = { keys, index: new Map(keys.map((k, i) => [k, i])) };
    return this.roster;
  }

  async hasDay(date: string): Promise<boolean> {
    return (await this.manifest()).days[date] !== undefined;
  }

  /**
   * Stores one day of figures, keyed by the day the data describes. Returns 'exists' when that day
   * is already stored (by this or another instance): a day is written once.
   */
  async recordDay(date: string, records: HistoryRecord[], source: HistorySource, now = new Date()): Promise<'written' | 'exists'> {
    await this.ensure();
    if (await this.hasDay(date)) return 'exists';
    const byUpn = new Map<string, HistoryFigures>();
    for (const r of records) byUpn.set(r.upn.toLowerCase(), r);
    const roster = await this.rosterWith([...byUpn.keys()]);
    const body = encodeDay(roster.keys.length, (i) => byUpn.get(roster.keys[i]));
    try {
      await this.blob(`days/${date}.bin`).upload(body, body.length, {
        conditions: { ifNoneMatch: '*' },
        blobHTTPHeaders: { blobContentType: 'application/octet-stream' },
      });
    } catch (err) {
      if (statusOf(err) === 409 || statusOf(err) === 412) return 'exists';
      throw err;
    }
    const info: HistoryDayInfo = { mailboxes: byUpn.size, bytes: body.length, source, collectedAt: now.toISOString() };
    const oldest = addDays(date, -(this.retentionDays - 1));
    let expired: string[] = [];
    let expiredSegments: string[] = [];
    const manifest = await this.updateJson<HistoryManifest>('manifest.json', (m) => {
      const days = { ...(m?.days ?? {}), [date]: info };
      const segments = { ...(m?.segments ?? {}) };
      expired = Object.keys(days).filter((d) => d < oldest && days[d].segment === undefined);
      for (const d of Object.keys(days)) if (d < oldest) delete days[d];
      expiredSegments = Object.keys(segments).filter((k) => segments[k].lastDate < oldest);
      for (const k of expiredSegments) delete segments[k];
      return { ...(m ?? {}), days, segments, limited: source === 'live' ? 'names concealed in the usage report' : undefined };
    });
    await Promise.all([
      ...expired.map((d) => this.blob(`days/${d}.bin`).deleteIfExists()),
      ...expiredSegments.flatMap((k) => [
        this.blob(`segments/${k}.bin`).deleteIfExists(),
        this.blob(`segments/${k}.end.bin`).deleteIfExists(),
      ]),
    ]);
    // Segments behind the newest day are complete: compact them (normally one, every 32 days).
    const current = segmentOf(date);
    const behind = new Set(
      Object.entries(manifest?.days ?? {})
        .filter(([d, i]) => i.segment === undefined && segmentOf(d) < current)
        .map(([d]) => segmentOf(d)),
    );
    for (const k of [...behind].sort((a, b) => a - b)) await this.compact(k);
    return 'written';
  }

  /**
   * Rewrites a segment's day blobs mailbox by mailbox, 8,192 mailboxes at a time (ranged reads of
   * each day, one staged block of 7 MB each), so memory stays small whatever the tenant's size;
   * then drops the day blobs.
   */
  private async compact(segment: number): Promise<void> {
    const manifest = await this.manifest();
    const dates = Object.keys(manifest.days)
      .filter((d) => segmentOf(d) === segment && manifest.days[d].segment === undefined)
      .sort();
    if (dates.length === 0) return;
    const rowsOf = (d: string) => manifest.days[d].bytes / ROW_BYTES;
    const rows = Math.max(...dates.map(rowsOf));
    const stride = SEGMENT_DAYS * ROW_BYTES;
    const first = segment * SEGMENT_DAYS;
    const lastDate = dates[dates.length - 1];
    const lastSizes = Buffer.alloc(rowsOf(lastDate) * 4, 0xff);
    const target = this.blob(`segments/${segment}.bin`);
    const blocks: string[] = [];
    for (let from = 0; from < rows; from += COMPACT_ROWS) {
      const count = Math.min(COMPACT_ROWS, rows - from);
      const out = Buffer.alloc(count * stride, 0xff);
      await pool(dates, 4, async (date) => {
        const n = Math.min(count, rowsOf(date) - from);
        if (n <= 0) return;
        const day = await this.range(`days/${date}.bin`, from * ROW_BYTES, n * ROW_BYTES);
        if (!day) return;
        const slot = dayNumber(date) - first;
        for (let i = 0; i < n; i++) day.copy(out, i * stride + slot * ROW_BYTES, i * ROW_BYTES, (i + 1) * ROW_BYTES);
        if (date === lastDate) for (let i = 0; i < n; i++) lastSizes.writeUInt32LE(day.readUInt32LE(i * ROW_BYTES), (from + i) * 4);
      });
      const id = Buffer.from(`block-${String(blocks.length).padStart(6, '0')}`).toString('base64');
      await target.stageBlock(id, out, out.length);
      blocks.push(id);
    }
    try {
      await target.commitBlockList(blocks, { conditions: { ifNoneMatch: '*' } });
      await this.blob(`segments/${segment}.end.bin`).uploadData(lastSizes, { conditions: { ifNoneMatch: '*' } });
    } catch (err) {
      // Another instance compacted it meanwhile: its blobs and manifest entry stand.
      if (statusOf(err) !== 409 && statusOf(err) !== 412) throw err;
      return;
    }
    await this.updateJson<HistoryManifest>('manifest.json', (m) => {
      const days = { ...(m?.days ?? {}) };
      for (const d of dates) if (days[d]) days[d] = { ...days[d], segment };
      const segments = { ...(m?.segments ?? {}), [segment]: { rows, bytes: rows * stride + lastSizes.length, lastDate } };
      return { ...(m ?? { days: {} }), days, segments };
    });
    await Promise.all(dates.map((d) => this.blob(`days/${d}.bin`).deleteIfExists()));
  }

  /** Notes the outcome of a collection (shown by `history`). */
  async noteCollection(date: string | null, outcome: string, now = new Date()): Promise<void> {
    await this.updateJson<HistoryManifest>('manifest.json', (m) => ({
      ...(m ?? { days: {} }),
      lastCollection: { at: now.toISOString(), date, outcome },
    }));
  }

  /** One mailbox's stored days, oldest first, over the last `days` days held. */
  async series(upn: string, days = 365): Promise<HistoryDay[]> {
    const manifest = await this.readManifest();
    const dates = Object.keys(manifest.days).sort().slice(-days);
    if (dates.length === 0) return [];
    let roster = this.roster ?? (await this.loadRoster());
    let index = roster.index.get(upn.toLowerCase());
    if (index === undefined) {
      roster = await this.loadRoster();
      index = roster.index.get(upn.toLowerCase());
    }
    if (index === undefined) return [];
    const at = index;
    const wanted = new Set(dates);
    const out: HistoryDay[] = [];
    const reads: (() => Promise<void>)[] = [];
    const segments = new Set<number>();
    for (const date of dates) {
      const info = manifest.days[date];
      if (info.segment !== undefined) {
        segments.add(info.segment);
        continue;
      }
      if ((at + 1) * ROW_BYTES > info.bytes) continue;
      reads.push(async () => {
        const buf = await this.range(`days/${date}.bin`, at * ROW_BYTES, ROW_BYTES);
        const row = buf && decodeRow(buf);
        if (row) out.push({ date, ...row });
      });
    }
    for (const k of segments) {
      const seg = manifest.segments?.[k];
      if (!seg || at >= seg.rows) continue;
      reads.push(async () => {
        const stride = SEGMENT_DAYS * ROW_BYTES;
        const buf = await this.range(`segments/${k}.bin`, at * stride, stride);
        if (!buf) return;
        for (let slot = 0; slot < SEGMENT_DAYS; slot++) {
          const date = new Date((k * SEGMENT_DAYS + slot) * DAY_MS).toISOString().slice(0, 10);
          if (!wanted.has(date)) continue;
          const row = decodeRow(buf, slot);
          if (row) out.push({ date, ...row });
        }
      });
    }
    await pool(reads, this.options.readConcurrency ?? 8, (read) => read());
    return out.sort((a, b) => a.date.localeCompare(b.date));
  }

  private async range(name: string, offset: number, count: number): Promise<Buffer | undefined> {
    try {
      return await this.blob(name).downloadToBuffer(offset, count);
    } catch (err) {
      if (statusOf(err) === 404 || statusOf(err) === 416) return undefined;
      throw err;
    }
  }

  private dayBuffer(date: string): Promise<Buffer | undefined> {
    return this.wholeBlob(`days/${date}.bin`);
  }

  private async wholeBlob(name: string): Promise<Buffer | undefined> {
    try {
      return await this.blob(name).downloadToBuffer();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /** Every mailbox's size on `date`: a day blob's size column, or a segment's end column. */
  private async sizesOn(date: string, manifest: HistoryManifest): Promise<Float64Array | undefined> {
    const info = manifest.days[date];
    if (info && info.segment === undefined) {
      const day = await this.dayBuffer(date);
      return day && sizesOf(day);
    }
    const seg = Object.entries(manifest.segments ?? {}).find(([, s]) => s.lastDate === date);
    if (!seg) return undefined;
    const buf = await this.wholeBlob(`segments/${seg[0]}.end.bin`);
    if (!buf) return undefined;
    const out = new Float64Array(Math.floor(buf.length / 4));
    for (let i = 0; i < out.length; i++) {
      const raw = buf.readUInt32LE(i * 4);
      out[i] = raw === 0xffffffff ? NaN : raw * 1024;
    }
    return out;
  }

  /**
   * Growth of every mailbox, for sorting and alerting: from the latest day and the stored days
   * nearest 30 and 90 days before it (a day blob, or a segment's last day: three reads of a few MB,
   * whatever the history's length). The spans say how many days each window really covers.
   */
  async growthForAll(): Promise<GrowthTable> {
    const manifest = await this.manifest();
    const dates = Object.keys(manifest.days).sort();
    const date = dates.at(-1) ?? null;
    if (!date) return { date: null, spans: { d30: 0, d90: 0 }, byUpn: new Map() };
    // Days whose every size can be read at once: those not yet compacted, and each segment's last.
    const whole = [
      ...dates.filter((d) => manifest.days[d].segment === undefined),
      ...Object.values(manifest.segments ?? {}).map((s) => s.lastDate),
    ].filter((d) => d < date);
    const nearest = (back: number): string | undefined => {
      const target = dayNumber(date) - back;
      let best: string | undefined;
      for (const d of whole) if (!best || Math.abs(dayNumber(d) - target) < Math.abs(dayNumber(best) - target)) best = d;
      return best;
    };
    const from30 = nearest(30);
    const from90 = nearest(90);
    const [latest, s30, s90raw, roster] = await Promise.all([
      this.dayBuffer(date),
      from30 ? this.sizesOn(from30, manifest) : undefined,
      from90 && from90 !== from30 ? this.sizesOn(from90, manifest) : undefined,
      this.loadRoster(),
    ]);
    const s90 = from90 === from30 ? s30 : s90raw;
    const d30 = from30 ? dayNumber(date) - dayNumber(from30) : 0;
    const d90 = from90 ? dayNumber(date) - dayNumber(from90) : 0;
    const byUpn = new Map<string, MailboxGrowth>();
    if (!latest) return { date, spans: { d30: 0, d90: 0 }, byUpn };
    const now = sizesOf(latest);
    const quotas = quotasOf(latest);
    for (let i = 0; i < now.length; i++) {
      if (Number.isNaN(now[i])) continue;
      const g30 = s30 && i < s30.length && !Number.isNaN(s30[i]) && d30 > 0 ? (now[i] - s30[i]) / d30 : null;
      const g90 = s90 && i < s90.length && !Number.isNaN(s90[i]) && d90 > 0 ? (now[i] - s90[i]) / d90 : null;
      byUpn.set(roster.keys[i], { bytes: now[i], quotaBytes: Number.isNaN(quotas[i]) ? null : quotas[i], perDay30: g30, perDay90: g90 });
    }
    return { date, spans: { d30, d90 }, byUpn };
  }

  /** Why the history holds only what was read live, if it does (names concealed in the usage report). */
  async limited(): Promise<string | undefined> {
    return (await this.readManifest()).limited;
  }

  /** The tenant's mailbox storage per day (Graph's getMailboxUsageStorage), as last collected. */
  async tenantStorage(): Promise<{ date: string; bytes: number }[]> {
    return (await this.readJson<{ days: { date: string; bytes: number }[] }>('tenant-storage.json'))?.value.days ?? [];
  }

  async saveTenantStorage(days: { date: string; bytes: number }[]): Promise<void> {
    await this.updateJson<{ days: { date: string; bytes: number }[] }>('tenant-storage.json', (current) => {
      const byDate = new Map((current?.days ?? []).map((d) => [d.date, d.bytes]));
      for (const d of days) byDate.set(d.date, d.bytes);
      const kept = [...byDate.entries()].sort((a, b) => a[0].localeCompare(b[0])).slice(-this.retentionDays);
      return { days: kept.map(([date, bytes]) => ({ date, bytes })) };
    });
  }

  async summary(): Promise<HistorySummary> {
    const manifest = await this.manifest();
    const dates = Object.keys(manifest.days).sort();
    const roster = await this.loadRoster();
    let storedBytes = 0;
    for (const d of dates) if (manifest.days[d].segment === undefined) storedBytes += manifest.days[d].bytes;
    for (const seg of Object.values(manifest.segments ?? {})) storedBytes += seg.bytes;
    storedBytes += Buffer.byteLength(JSON.stringify(roster.keys)) + Buffer.byteLength(JSON.stringify(manifest));
    return {
      days: dates.length,
      first: dates[0] ?? null,
      last: dates.at(-1) ?? null,
      mailboxes: roster.keys.length,
      storedBytes,
      lastCollection: manifest.lastCollection,
      limited: manifest.limited,
    };
  }
}
