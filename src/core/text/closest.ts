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
 * Levenshtein distance when it is at most `max`, otherwise `max + 1`; stops as soon as a whole
 * row exceeds `max`, so comparing a typo with hundreds of column names stays cheap.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const row = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) row[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    let rowMin = row[0];
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      const value = Math.min(above + 1, row[j - 1] + 1, diagonal + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      row[j] = value;
      if (value < rowMin) rowMin = value;
      diagonal = above;
    }
    if (rowMin > max) return max + 1;
  }
  return Math.min(row[b.length], max + 1);
}

/**
 * The candidate closest to `word` (case-insensitively), when it is close enough to be a likely
 * typo: at most a third of the word's length, and never more than 3 edits. Ties go to the first.
 */
export function closestName(word: string, candidateNames: Iterable<string>): string | undefined {
  const candidates = [...candidateNames];
  const lower = word.toLowerCase();
  const limit = Math.min(3, Math.max(1, Math.floor(lower.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const distance = boundedEditDistance(lower, c, bestDistance - 1);
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

/** ` (did you mean 'x'?)` when one candidate is a likely typo of `name`, else ''. */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const suggestion = closestName(name, candidates);
  return suggestion ? ` (did you mean '${suggestion}'?)` : '';
}
