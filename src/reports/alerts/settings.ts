// What a conversation wants to be alerted about, and the words of `alerts on …` that set it.
// Pure: parsing and defaults only.
import { NEAR_QUOTA_PERCENT, INACTIVE_DAYS } from '../mailbox-report';

export type AlertKind = 'shared-licence' | 'quota' | 'licence-pool' | 'inactive';
export const ALERT_KINDS: readonly AlertKind[] = ['shared-licence', 'quota', 'licence-pool', 'inactive'];

export interface AlertSettings {
  kinds: AlertKind[];
  /** Alert at or above this % of the prohibit send/receive quota. */
  quotaPercent: number;
  /** Alert when a licence pool has fewer than this many free (0 free is always "exhausted"). */
  poolFreeBelow: number;
  /** Only with the `inactive` kind: no interaction for more than this many days. */
  inactiveDays: number;
}

/** Inactive mailboxes are a clean-up list, not news: they are alerted only when asked for. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  kinds: ['shared-licence', 'quota', 'licence-pool'],
  quotaPercent: NEAR_QUOTA_PERCENT,
  poolFreeBelow: 5,
  inactiveDays: INACTIVE_DAYS,
};

export const ALERTS_ON_USAGE = 'alerts on [licence] [quota [PERCENT]] [pools [N]] [inactive [DAYS]]';

const WORDS: Record<string, AlertKind> = {
  licence: 'shared-licence',
  license: 'shared-licence',
  licences: 'shared-licence',
  licenses: 'shared-licence',
  shared: 'shared-licence',
  quota: 'quota',
  pools: 'licence-pool',
  pool: 'licence-pool',
  inactive: 'inactive',
};

export const KIND_LABEL: Record<AlertKind, string> = {
  'shared-licence': 'shared mailboxes that need a licence',
  quota: 'mailboxes near their quota',
  'licence-pool': 'licence pools running out',
  inactive: 'inactive mailboxes',
};

export type SettingsParse = { ok: true; settings: AlertSettings } | { ok: false; message: string };

/**
 * `alerts on` words: kinds, each optionally followed by its number. No kind named keeps the default
 * kinds (numbers may still follow their kind's word); naming any kind chooses exactly those.
 */
export function parseAlertSettings(text: string): SettingsParse {
  const tokens = text.toLowerCase().split(/[\s,]+/).filter(Boolean);
  const chosen: AlertKind[] = [];
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, kinds: [...DEFAULT_ALERT_SETTINGS.kinds] };
  let onlyNumbers = true;
  for (let i = 0; i < tokens.length; i++) {
    const kind = WORDS[tokens[i]];
    if (!kind) return { ok: false, message: `"${tokens[i].slice(0, 30)}" is not an alert kind. Kinds: licence, quota, pools, inactive.` };
    if (!chosen.includes(kind)) chosen.push(kind);
    const next = tokens[i + 1];
    if (next === undefined || !/^\d+(\.\d+)?%?$/.test(next)) {
      onlyNumbers = false;
      continue;
    }
    i++;
    const n = Number(next.replace('%', ''));
    if (kind === 'quota') {
      if (n < 1 || n > 100) return { ok: false, message: 'The quota threshold is a percentage from 1 to 100.' };
      settings.quotaPercent = n;
    } else if (kind === 'licence-pool') {
      if (!Number.isInteger(n) || n < 1 || n > 10_000) return { ok: false, message: 'The pool threshold is a whole number of free licences (1–10,000).' };
      settings.poolFreeBelow = n;
    } else if (kind === 'inactive') {
      if (!Number.isInteger(n) || n < 1 || n > 3650) return { ok: false, message: 'Inactive days is a whole number of days (1–3,650).' };
      settings.inactiveDays = n;
    } else {
      return { ok: false, message: 'The licence alert takes no number.' };
    }
  }
  // "alerts on quota 95" tunes a default kind; "alerts on quota" alone chooses only that kind.
  if (chosen.length > 0 && !(onlyNumbers && chosen.every((k) => DEFAULT_ALERT_SETTINGS.kinds.includes(k)))) settings.kinds = chosen;
  return { ok: true, settings };
}

/** Settings read back from storage or a button: anything malformed falls back to the default. */
export function normaliseSettings(raw: unknown): AlertSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<AlertSettings>;
  const kinds = Array.isArray(r.kinds) ? r.kinds.filter((k): k is AlertKind => ALERT_KINDS.includes(k as AlertKind)) : DEFAULT_ALERT_SETTINGS.kinds;
  const num = (v: unknown, d: number, min: number, max: number) => (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : d);
  return {
    kinds: kinds.length ? kinds : [...DEFAULT_ALERT_SETTINGS.kinds],
    quotaPercent: num(r.quotaPercent, DEFAULT_ALERT_SETTINGS.quotaPercent, 1, 100),
    poolFreeBelow: num(r.poolFreeBelow, DEFAULT_ALERT_SETTINGS.poolFreeBelow, 1, 10_000),
    inactiveDays: num(r.inactiveDays, DEFAULT_ALERT_SETTINGS.inactiveDays, 1, 3650),
  };
}

export function describeSettings(s: AlertSettings): string {
  return s.kinds
    .map((k) =>
      k === 'quota'
        ? `${KIND_LABEL[k]} (from ${s.quotaPercent}%)`
        : k === 'licence-pool'
          ? `${KIND_LABEL[k]} (fewer than ${s.poolFreeBelow} free)`
          : k === 'inactive'
            ? `${KIND_LABEL[k]} (over ${s.inactiveDays} days)`
            : KIND_LABEL[k],
    )
    .join('; ');
}
