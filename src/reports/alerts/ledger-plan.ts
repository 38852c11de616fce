// The alert ledger of one conversation and what a check cycle must send to it. Pure: the ledger as
// stored, this cycle's findings and `now` in; the alerts, reminders and resolved notices to send and
// the ledger that records them out. Each finding is alerted once, then reminded daily until it is
// acknowledged (or, when snoozed, once the snooze ends), and gets one "resolved" notice when it clears.
import type { AssignLicenseData } from '../licensing/license-assignment';
import type { Finding, FindingsResult, Severity } from './findings';
import type { AlertKind } from './settings';

export interface LedgerEntry {
  kind: AlertKind;
  title: string;
  why: string;
  severity: Severity;
  upn?: string;
  assign?: AssignLicenseData;
  /** When the condition is known to have started (from the data), else firstSeen is shown. */
  since?: string;
  firstSeen: string;
  /** Null when the claim to send it was given back (the send failed): the next cycle sends it. */
  lastSent: string | null;
  acknowledged?: { by: string; at: string };
  snoozedUntil?: string;
  /** The condition cleared (and its notice was sent, if the alert ever was). */
  resolvedAt?: string;
  /** Projected full date now, and when it was last sent (a projection finding: see Finding.projectedFull). */
  projectedFull?: string;
  sentProjectedFull?: string;
  /** Sent once, never reminded (a renewal: one warning per renewal date). */
  once?: true;
}

export type Ledger = Record<string, LedgerEntry>;

export interface PlannedAlert {
  key: string;
  entry: LedgerEntry;
  reminder: boolean;
}

export interface LedgerPlan {
  alerts: PlannedAlert[];
  resolved: { key: string; entry: LedgerEntry }[];
  /** The ledger with everything planned marked as sent: written (with its eTag) before sending. */
  next: Ledger;
}

export const REMIND_EVERY_MS = 24 * 3_600_000;
export const KEEP_RESOLVED_MS = 30 * 86_400_000;

export function isOpen(entry: LedgerEntry | undefined): boolean {
  return Boolean(entry && !entry.resolvedAt);
}

type FindingFacts = Pick<LedgerEntry, 'kind' | 'title' | 'why' | 'severity' | 'upn' | 'assign' | 'since' | 'projectedFull' | 'once'>;

function facts(f: Finding): FindingFacts {
  const out: FindingFacts = {
    kind: f.kind as AlertKind,
    title: f.title,
    why: f.why,
    severity: f.severity,
  };
  if (f.upn) out.upn = f.upn;
  if (f.assign) out.assign = f.assign;
  if (f.since) out.since = f.since;
  if (f.projectedFull) out.projectedFull = f.projectedFull;
  if (f.once) out.once = true;
  return out;
}

const DAY_MS = 86_400_000;
/** A projected full date is "notably closer" when it moved this many days, or this share of the days left. */
export const CLOSER_MIN_DAYS = 3;
export const CLOSER_SHARE = 0.2;

/** The projection moved notably closer than the one last sent (a fresh alert even if acknowledged). */
export function notablyCloser(sent: string | undefined, now: string | undefined, at: number): boolean {
  if (!sent || !now) return false;
  const moved = (Date.parse(sent) - Date.parse(now)) / DAY_MS;
  const left = Math.max(0, (Date.parse(sent) - at) / DAY_MS);
  return moved >= Math.max(CLOSER_MIN_DAYS, CLOSER_SHARE * left);
}

function due(entry: LedgerEntry, now: number, remindEveryMs: number): boolean {
  if (entry.acknowledged) return false;
  if (entry.lastSent === null) return true;
  if (entry.once) return false;
  const last = Date.parse(entry.lastSent);
  if (entry.snoozedUntil) {
    const until = Date.parse(entry.snoozedUntil);
    if (last < until) return now >= until;
  }
  return now - last >= remindEveryMs;
}

export function planAlerts(
  ledger: Ledger,
  result: Pick<FindingsResult, 'findings' | 'judgedKinds' | 'unknown'>,
  now: Date,
  options: { remindEveryMs?: number; keepResolvedMs?: number } = {},
): LedgerPlan {
  const at = now.toISOString();
  const t = now.getTime();
  const next: Ledger = { ...ledger };
  const alerts: PlannedAlert[] = [];
  const resolved: LedgerPlan['resolved'] = [];
  const current = new Set<string>();

  for (const f of result.findings) {
    current.add(f.key);
    const old = ledger[f.key];
    if (!old || !isOpen(old)) {
      const entry: LedgerEntry = { ...facts(f), firstSeen: at, lastSent: at };
      if (f.projectedFull) entry.sentProjectedFull = f.projectedFull;
      next[f.key] = entry;
      alerts.push({ key: f.key, entry, reminder: false });
      continue;
    }
    // Still open: keep its history, refresh what it says (sizes grow, forecasts change).
    const entry: LedgerEntry = { ...old, ...facts(f) };
    if (f.projectedFull) {
      // A projection is news once, and again only when it worsens notably; no daily reminders.
      const worse = notablyCloser(old.sentProjectedFull, f.projectedFull, t);
      if (old.lastSent === null || worse) {
        entry.lastSent = at;
        entry.sentProjectedFull = f.projectedFull;
        delete entry.acknowledged;
        delete entry.snoozedUntil;
        alerts.push({ key: f.key, entry, reminder: false });
      }
      next[f.key] = entry;
      continue;
    }
    if (due(old, t, options.remindEveryMs ?? REMIND_EVERY_MS)) {
      entry.lastSent = at;
      alerts.push({ key: f.key, entry, reminder: old.lastSent !== null });
    }
    next[f.key] = entry;
  }

  for (const [key, old] of Object.entries(ledger)) {
    if (current.has(key)) continue;
    if (isOpen(old)) {
      if (!result.judgedKinds.includes(old.kind) || result.unknown.has(key)) continue;
      if (old.lastSent === null) {
        // Never reached the conversation: nothing to take back.
        delete next[key];
        continue;
      }
      const entry: LedgerEntry = { ...old, resolvedAt: at };
      next[key] = entry;
      resolved.push({ key, entry });
    } else if (t - Date.parse(old.resolvedAt!) > (options.keepResolvedMs ?? KEEP_RESOLVED_MS)) {
      delete next[key];
    }
  }
  return { alerts, resolved, next };
}

/**
 * `ledger` with the claims on `keys` given back after their send failed: an alert goes back to
 * "not sent" (the next cycle sends it), a resolved notice back to open.
 */
export function giveBack(ledger: Ledger, before: Ledger, claimed: Ledger, keys: string[]): Ledger {
  const next = { ...ledger };
  for (const key of keys) {
    // Someone changed it since (an Acknowledge click): theirs stands.
    if (JSON.stringify(next[key]) !== JSON.stringify(claimed[key])) continue;
    const old = before[key];
    if (old && isOpen(claimed[key])) {
      next[key] = { ...claimed[key], lastSent: isOpen(old) ? old.lastSent : null };
      // A projection sent again because it worsened: back to the one sent before, so it is "worse" again.
      if (isOpen(old) && claimed[key].projectedFull) {
        next[key].sentProjectedFull = old.sentProjectedFull;
        if (old.acknowledged) next[key].acknowledged = old.acknowledged;
        if (old.snoozedUntil) next[key].snoozedUntil = old.snoozedUntil;
      }
    } else if (old) next[key] = old;
    else next[key] = { ...claimed[key], lastSent: null };
  }
  return next;
}
