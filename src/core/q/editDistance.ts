// Levenshtein distance with one reusable row: O(|a|·|b|) time, O(|b|) memory.
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/**
 * The candidate closest to `word` (case-insensitively), when it is close enough to be a likely
 * typo: at most a third of the word's length, and never more than 3 edits. Ties go to the first.
 */
export function closestName(word: string, candidates: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    if (Math.abs(c.length - lower.length) >= bestDistance) continue;
    const distance = editDistance(lower, c);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  // A word that is a dotted suffix of one candidate (`last_name` → `name.last_name`) is also clear.
  if (!best) {
    const suffixed = candidates.filter((c) => c.toLowerCase().endsWith(`.${lower}`));
    if (suffixed.length === 1) best = suffixed[0];
  }
  return best;
}
