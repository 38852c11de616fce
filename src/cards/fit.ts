// Keeps a card with a variable number of rows under the message size Teams accepts, counting the
// Action.Submit fallbacks every button gets (they are budgeted here rather than dropped when large).
import type { AdaptiveCard } from './render';
import { CARD_BYTE_LIMIT, sentCardBytes } from './sendable';

export interface FittedCard {
  card: AdaptiveCard;
  /** How many rows made it onto the card (≤ wantedRows). */
  rows: number;
  /** The card's size as sent, Action.Submit fallbacks included. */
  bytes: number;
}

/**
 * The card with as many of `wantedRows` rows as fit in `limit` bytes. `build(n)` must render n rows
 * and say so ("40 of 10,000"), so the card tells the truth about what it left out. Probes 16, 32, 64…
 * then bisects, so a 1,000-row request costs about twice the work of the card finally sent.
 * Throws when even the card without rows is too large: that is a bug in the card, not in the data.
 */
export function fitCard(build: (rows: number) => AdaptiveCard, wantedRows: number, limit: number = CARD_BYTE_LIMIT): FittedCard {
  const wanted = Math.max(0, Math.floor(wantedRows));
  const tryRows = (n: number): FittedCard => {
    const card = build(n);
    return { card, rows: n, bytes: sentCardBytes(card) };
  };
  const all = tryRows(wanted);
  if (all.bytes <= limit) return all;

  let best = tryRows(0);
  if (best.bytes > limit) throw new Error(`Card is ${best.bytes} bytes with no rows, over the ${limit}-byte limit`);
  let low = 0; // fits
  let high = wanted; // does not fit
  for (let n = 16; n < high; n *= 2) {
    const probe = tryRows(n);
    if (probe.bytes > limit) {
      high = n;
      break;
    }
    best = probe;
    low = n;
  }
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    const probe = tryRows(mid);
    if (probe.bytes <= limit) {
      best = probe;
      low = mid;
    } else {
      high = mid;
    }
  }
  return best;
}
