// A progress or quota bar drawn with block characters, for places where no chart renders.

/** "██████░░░░" for a 0–100 share; out-of-range shares are clamped. */
export function textBar(percent: number, width = 10): string {
  const share = Number.isFinite(percent) ? percent : 0;
  const filled = Math.max(0, Math.min(width, Math.round((share / 100) * width)));
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}
