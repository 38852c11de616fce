// One day of mailbox figures as stored: a row of seven unsigned 32-bit numbers per mailbox, in the
// roster's order, so a mailbox's row on any day sits at the same offset (index × 28) and is read with
// one ranged GET. Sizes are KiB (up to 4 TiB: archives cap at 1.5 TB); a figure not known is 0xFFFFFFFF.

export interface HistoryFigures {
  bytes: number | null;
  items: number | null;
  /** Prohibit send/receive quota; null: unlimited or not known. */
  quotaBytes: number | null;
  archiveBytes?: number | null;
  archiveItems?: number | null;
  /** Recoverable Items (the usage report's deleted items). */
  recoverableBytes?: number | null;
  recoverableItems?: number | null;
}

export interface HistoryRecord extends HistoryFigures {
  /** The mailbox's user principal name (any case). */
  upn: string;
}

export const ROW_BYTES = 28;
const NONE = 0xffffffff;
const MAX = NONE - 1;
const KIB = 1024;

const FIELDS = ['bytes', 'items', 'quotaBytes', 'archiveBytes', 'archiveItems', 'recoverableBytes', 'recoverableItems'] as const;
const IN_KIB = new Set<string>(['bytes', 'quotaBytes', 'archiveBytes', 'recoverableBytes']);

function put(value: number | null | undefined, kib: boolean): number {
  if (value === null || value === undefined || !Number.isFinite(value) || value < 0) return NONE;
  return Math.min(MAX, Math.round(kib ? value / KIB : value));
}

function get(raw: number, kib: boolean): number | null {
  return raw === NONE ? null : kib ? raw * KIB : raw;
}

/** Rows for `count` mailboxes; `at(i)` gives mailbox i's figures (undefined: not in this day's data). */
export function encodeDay(count: number, at: (index: number) => HistoryFigures | undefined): Buffer {
  const buf = Buffer.alloc(count * ROW_BYTES, 0xff);
  for (let i = 0; i < count; i++) {
    const f = at(i);
    if (!f) continue;
    FIELDS.forEach((name, k) => buf.writeUInt32LE(put(f[name], IN_KIB.has(name)), i * ROW_BYTES + k * 4));
  }
  return buf;
}

/** Mailbox `index`'s figures in a day's rows (or in one row: index 0); undefined when it has none. */
export function decodeRow(buf: Buffer, index = 0): HistoryFigures | undefined {
  const at = index * ROW_BYTES;
  if (at + ROW_BYTES > buf.length) return undefined;
  const out: Record<string, number | null> = {};
  let any = false;
  FIELDS.forEach((name, k) => {
    const raw = buf.readUInt32LE(at + k * 4);
    if (raw !== NONE) any = true;
    out[name] = get(raw, IN_KIB.has(name));
  });
  return any ? (out as unknown as HistoryFigures) : undefined;
}

/** Only the size column, for ranking every mailbox (no object per mailbox). */
export function sizesOf(buf: Buffer): Float64Array {
  const n = Math.floor(buf.length / ROW_BYTES);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const raw = buf.readUInt32LE(i * ROW_BYTES);
    out[i] = raw === NONE ? NaN : raw * KIB;
  }
  return out;
}

/** The quota column, likewise. */
export function quotasOf(buf: Buffer): Float64Array {
  const n = Math.floor(buf.length / ROW_BYTES);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const raw = buf.readUInt32LE(i * ROW_BYTES + 8);
    out[i] = raw === NONE ? NaN : raw * KIB;
  }
  return out;
}
