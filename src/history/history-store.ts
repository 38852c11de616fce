// Every mailbox's daily figures in the bot's own Blob Storage (docs/architecture.md, "History"):
//   history/roster.json       mailbox keys (lower-case UPNs) in the order rows are stored; only appended
//   history/days/<date>.bin   one day's rows (day-rows.ts), written once: create-if-absent
//   history/manifest.json     the days held, their sources and sizes, the last collection (eTag updates)
// Several instances may collect the same day: the first to create the day's blob wins, the others
// find it there and stop. Days older than the retention are deleted by the collection that passes them.
import { ContainerClient, RestError } from '@azure/storage-blob';
import type { GrowthTable, MailboxGrowth } from '../reports/growth';
import { decodeRow, encodeDay, quotasOf, ROW_BYTES, sizesOf, type HistoryFigures, type HistoryRecord } from './day-rows';

export type HistorySource = 'usage' | 'live';

export interface HistoryDayInfo {
  mailboxes: number;
  bytes: number;
  source: HistorySource;
  collectedAt: string;
}

export interface HistoryManifest {
  days: Record<string, HistoryDayInfo>;
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

  /** Read, change, write only if unchanged (else again): the pattern of state/store.ts on a plain blob. */
  private async updateJson<T>(name: string, change: (current: T | undefined) => T | undefined): Promise<T | undefined> {
    await this.ensure();
    for (let attempt = 1; ; attempt++) {
      const found = await this.readJson<T>(name);
      const current = found?.value;
      const eTag = found?.eTag;
      const next = change(current);
      if (next === undefined) return current;
      const body = JSON.stringify(next);
      try {
        await this.blob(name).upload(body, Buffer.byteLength(body), {
          conditions: eTag ? { ifMatch: eTag } : { ifNoneMatch: '*' },
          blobHTTPHeaders: { blobContentType: 'application/json' },
        });
        return next;
      } catch (err) {
        const s = statusOf(err);
        if ((s !== 412 && s !== 409) || attempt >= 8) throw err;
      }
    }
  }

  async manifest(): Promise<HistoryManifest> {
    return (await this.readJson<HistoryManifest>('manifest.json'))?.value ?? { days: {} };
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
    await this.updateJson<HistoryManifest>('manifest.json', (m) => {
      const days = { ...(m?.days ?? {}), [date]: info };
      expired = Object.keys(days).filter((d) => d < oldest);
      for (const d of expired) delete days[d];
      return { ...(m ?? {}), days, limited: source === 'live' ? 'names concealed in the usage report' : undefined };
    });
    await Promise.all(expired.map((d) => this.blob(`days/${d}.bin`).deleteIfExists()));
    return 'written';
  }

  /** Notes the outcome of a collection (shown by `history`). */
  async noteCollection(date: string | null, outcome: string, now = new Date()): Promise<void> {
    await this.updateJson<HistoryManifest>('manifest.json', (m) => ({ ...(m ?? { days: {} }), lastCollection: { at: now.toISOString(), date, outcome } }));
  }

  /** One mailbox's stored days, oldest first, over the last `days` days held. */
  async series(upn: string, days = 365): Promise<HistoryDay[]> {
    const manifest = await this.manifest();
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
    const out: (HistoryDay | undefined)[] = new Array(dates.length);
    await pool(
      dates.map((d, i) => [d, i] as const),
      this.options.readConcurrency ?? Number(process.env.HISTORY_READ_CONCURRENCY ?? 8),
      async ([date, i]) => {
        if ((at + 1) * ROW_BYTES > manifest.days[date].bytes) return;
        try {
          const buf = await this.blob(`days/${date}.bin`).downloadToBuffer(at * ROW_BYTES, ROW_BYTES);
          const row = decodeRow(buf);
          if (row) out[i] = { date, ...row };
        } catch (err) {
          if (statusOf(err) !== 404 && statusOf(err) !== 416) throw err;
        }
      },
    );
    return out.filter((d): d is HistoryDay => d !== undefined);
  }

  private async dayBuffer(date: string): Promise<Buffer | undefined> {
    try {
      return await this.blob(`days/${date}.bin`).downloadToBuffer();
    } catch (err) {
      if (statusOf(err) === 404) return undefined;
      throw err;
    }
  }

  /**
   * Growth of every mailbox: from the latest day and the days nearest 30 and 90 days before it
   * (three blobs, whatever the tenant's size), for sorting and alerting.
   */
  async growthForAll(): Promise<GrowthTable> {
    const manifest = await this.manifest();
    const dates = Object.keys(manifest.days).sort();
    const date = dates.at(-1) ?? null;
    if (!date) return { date: null, spans: { d30: 0, d90: 0 }, byUpn: new Map() };
    const earliestFrom = (back: number) => dates.find((d) => d >= addDays(date, -back)) ?? date;
    const from30 = earliestFrom(30);
    const from90 = earliestFrom(90);
    const span = (d: string) => Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${d}T00:00:00Z`)) / DAY_MS);
    const [latest, then30, then90, roster] = await Promise.all([
      this.dayBuffer(date),
      from30 === date ? undefined : this.dayBuffer(from30),
      from90 === date ? undefined : from90 === from30 ? undefined : this.dayBuffer(from90),
      this.loadRoster(),
    ]);
    const byUpn = new Map<string, MailboxGrowth>();
    if (!latest) return { date, spans: { d30: 0, d90: 0 }, byUpn };
    const now = sizesOf(latest);
    const quotas = quotasOf(latest);
    const s30 = then30 ? sizesOf(then30) : undefined;
    const s90 = from90 === from30 ? s30 : then90 ? sizesOf(then90) : undefined;
    const d30 = span(from30);
    const d90 = span(from90);
    for (let i = 0; i < now.length; i++) {
      if (Number.isNaN(now[i])) continue;
      const g30 = s30 && i < s30.length && !Number.isNaN(s30[i]) && d30 > 0 ? (now[i] - s30[i]) / d30 : null;
      const g90 = s90 && i < s90.length && !Number.isNaN(s90[i]) && d90 > 0 ? (now[i] - s90[i]) / d90 : null;
      byUpn.set(roster.keys[i], { bytes: now[i], quotaBytes: Number.isNaN(quotas[i]) ? null : quotas[i], perDay30: g30, perDay90: g90 });
    }
    return { date, spans: { d30, d90 }, byUpn };
  }

  async summary(): Promise<HistorySummary> {
    const manifest = await this.manifest();
    const dates = Object.keys(manifest.days).sort();
    const roster = await this.loadRoster();
    let storedBytes = 0;
    for (const d of dates) storedBytes += manifest.days[d].bytes;
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
