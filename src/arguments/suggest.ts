// "Did you mean …?" for mistyped commands and keywords.

/**
 * Damerau-Levenshtein distance (optimal string alignment): insertions, deletions, substitutions and
 * swaps of two neighbouring letters each cost 1, so "sise"→"size" and "mialbox"→"mailbox" are 1 apart.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const cols = b.length + 1;
  // Three rolling rows are enough for the swap rule.
  let before = new Array<number>(cols).fill(0);
  let prev = Array.from({ length: cols }, (_, j) => j);
  let cur = new Array<number>(cols).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      cur[j] = d;
    }
    [before, prev, cur] = [prev, cur, before];
  }
  return prev[b.length];
}

/** How far off a word of this length may be and still be recognised. */
function tolerance(length: number): number {
  if (length <= 3) return 1;
  if (length <= 6) return 2;
  return 3;
}

/**
 * The command (or keyword) the user most likely meant, or undefined when nothing is close.
 * Case-insensitive; a prefix of three letters or more ("mail", "lic") also counts, shortest match first.
 */
export function suggestCommand(word: string, commands: readonly string[]): string | undefined {
  const w = word.trim().toLowerCase();
  if (!w) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of commands) {
    const d = editDistance(w, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  if (best !== undefined && bestDistance <= tolerance(w.length) && bestDistance < Math.max(w.length, best.length)) return best;
  if (w.length >= 3) {
    const prefixed = commands.filter((c) => c.toLowerCase().startsWith(w)).sort((x, y) => x.length - y.length);
    if (prefixed.length) return prefixed[0];
  }
  return undefined;
}
