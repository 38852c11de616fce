// A moment shown in the reader's own time zone: Adaptive Cards' {{DATE()}}/{{TIME()}} functions
// localise on the device. Only the bot's own timestamps go here (re-serialised, never tenant text).
import { dataAge } from '../reports/format';

/** The functions take strict RFC 3339 without milliseconds; null when `iso` is not a date. */
function strictIso(iso: string): string | null {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** "{{DATE(2024-05-01T10:00:00Z, SHORT)}}": a date in the reader's locale. */
export function localDate(iso: string): string {
  const plain = strictIso(iso);
  return plain ? `{{DATE(${plain}, SHORT)}}` : 'unknown date';
}

/** "{{DATE(…, SHORT)}} {{TIME(…)}}": a date and time in the reader's locale and time zone. */
export function localDateTime(iso: string): string {
  const plain = strictIso(iso);
  return plain ? `{{DATE(${plain}, SHORT)}} {{TIME(${plain})}}` : 'unknown time';
}

/**
 * "As of 4 min ago · 27/11/2026 14:02" when a view of older data is shown (a page or sort click on
 * a snapshot), so an admin sees at a glance whether to Refresh; just the moment when it is fresh.
 */
export function asOfText(iso: string, viewedAt?: Date): string {
  const age = viewedAt ? dataAge(iso, viewedAt) : null;
  return age && age !== 'just now' ? `As of ${age} · ${localDateTime(iso)}` : `As of ${localDateTime(iso)}`;
}
