// What a conversation wants to be alerted about, and the words of `alerts on …` that set it.
// Pure: parsing and defaults only. Every kind's words, label and threshold come from its spec.
import type { AlertThreshold } from './alert-kind';
import { ALERT_KIND_SPECS, alertKindSpec, type AlertKind, type ThresholdSetting } from './kinds';

export type { AlertKind };
export const ALERT_KINDS: readonly AlertKind[] = ALERT_KIND_SPECS.map((s) => s.kind);

/** The kinds chosen, and each kind's threshold under its own name (quotaPercent, poolFreeBelow, inactiveDays). */
export type AlertSettings = { kinds: AlertKind[] } & Record<ThresholdSetting, number>;

const thresholds: AlertThreshold<ThresholdSetting>[] = ALERT_KIND_SPECS.flatMap((s) => (s.threshold ? [s.threshold] : []));

/** Inactive mailboxes are a clean-up list, not news: they are alerted only when asked for. */
export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  kinds: ALERT_KIND_SPECS.filter((s) => s.byDefault).map((s) => s.kind),
  ...(Object.fromEntries(thresholds.map((t) => [t.setting, t.default])) as Record<ThresholdSetting, number>),
};

export const ALERTS_ON_USAGE = `alerts on ${ALERT_KIND_SPECS.map((s) => (s.threshold ? `[${s.words[0]} [${s.threshold.usage}]]` : `[${s.words[0]}]`)).join(' ')}`;

const WORDS: Record<string, AlertKind> = Object.fromEntries(ALERT_KIND_SPECS.flatMap((s) => s.words.map((w) => [w, s.kind])));

export type SettingsParse = { ok: true; settings: AlertSettings } | { ok: false; message: string };

/**
 * `alerts on` words: kinds, each optionally followed by its number. No kind named keeps the default
 * kinds (numbers may still follow their kind's word); naming any kind chooses exactly those.
 */
export function parseAlertSettings(text: string): SettingsParse {
  const tokens = text
    .toLowerCase()
    .split(/[\s,]+/)
    .filter(Boolean);
  const chosen: AlertKind[] = [];
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, kinds: [...DEFAULT_ALERT_SETTINGS.kinds] };
  let onlyNumbers = true;
  for (let i = 0; i < tokens.length; i++) {
    const kind = WORDS[tokens[i]];
    if (!kind)
      return {
        ok: false,
        message: `"${tokens[i].slice(0, 30)}" is not an alert kind. Kinds: ${ALERT_KIND_SPECS.map((s) => s.words[0]).join(', ')}.`,
      };
    if (!chosen.includes(kind)) chosen.push(kind);
    const next = tokens[i + 1];
    if (next === undefined || !/^\d+(\.\d+)?%?$/.test(next)) {
      onlyNumbers = false;
      continue;
    }
    i++;
    const n = Number(next.replace('%', ''));
    const spec = alertKindSpec(kind)!;
    if (!spec.threshold) return { ok: false, message: `The ${spec.words[0]} alert takes no number.` };
    const refused = spec.threshold.refuse(n);
    if (refused) return { ok: false, message: refused };
    settings[spec.threshold.setting] = n;
  }
  // "alerts on quota 95" tunes a default kind; "alerts on quota" alone chooses only that kind.
  if (chosen.length > 0 && !(onlyNumbers && chosen.every((k) => DEFAULT_ALERT_SETTINGS.kinds.includes(k)))) settings.kinds = chosen;
  return { ok: true, settings };
}

/** Settings read back from storage or a button: anything malformed falls back to the default. */
export function normaliseSettings(raw: unknown): AlertSettings {
  const r = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<string, unknown>>;
  const kinds = Array.isArray(r.kinds)
    ? r.kinds.filter((k): k is AlertKind => ALERT_KINDS.includes(k as AlertKind))
    : DEFAULT_ALERT_SETTINGS.kinds;
  const settings: AlertSettings = { ...DEFAULT_ALERT_SETTINGS, kinds: kinds.length ? kinds : [...DEFAULT_ALERT_SETTINGS.kinds] };
  for (const threshold of thresholds) {
    const v = r[threshold.setting];
    if (typeof v === 'number' && Number.isFinite(v) && threshold.refuse(v) === null) settings[threshold.setting] = v;
  }
  return settings;
}

export function describeSettings(s: AlertSettings): string {
  return s.kinds
    .map((k) => {
      const spec = alertKindSpec(k)!;
      return spec.threshold ? `${spec.label} (${spec.threshold.describe(s[spec.threshold.setting])})` : spec.label;
    })
    .join('; ');
}
