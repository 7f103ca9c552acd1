// Fuzzy search over table and PowerQuery names, as a quick pick wants it: "stusch" finds
// STUDENTSCHEDULE, "guard det" finds com.pearson.core.guardian.student_guardian_detail.

export type SearchKind = 'table' | 'powerQuery';

export interface SearchItem {
  readonly kind: SearchKind;
  readonly name: string;
  readonly detail?: string;
}

export interface SearchHit<T extends SearchItem = SearchItem> {
  readonly item: T;
  readonly score: number;
  /** Indices into `item.name` of the matched characters, ascending. */
  readonly matches: readonly number[];
}

const separators = new Set(['_', '.', ' ', '-', '/']);

function isWordStart(target: string, index: number): boolean {
  return index === 0 || separators.has(target[index - 1]!);
}

/** Subsequence match of `query` (spaces ignored) in `target`, case-insensitive; undefined when it does not match. */
export function fuzzyMatch(query: string, target: string): { score: number; matches: number[] } | undefined {
  const needle = query.toLowerCase().replace(/\s+/g, '');
  if (!needle) return { score: 0, matches: [] };
  const haystack = target.toLowerCase();

  const at = haystack.indexOf(needle);
  if (at >= 0) {
    // Contiguous: exact beats prefix beats a word start beats anywhere; shorter names first.
    const base = at === 0 ? (needle.length === haystack.length ? 4000 : 3000) : isWordStart(haystack, at) ? 2500 : 2000;
    return { score: base - at - haystack.length / 100, matches: Array.from({ length: needle.length }, (_, i) => at + i) };
  }

  return subsequence(needle, haystack, true) ?? subsequence(needle, haystack, false);
}

function subsequence(needle: string, haystack: string, preferWordStarts: boolean): { score: number; matches: number[] } | undefined {
  const matches: number[] = [];
  let score = 1000;
  let from = 0;
  for (const char of needle) {
    // Prefer the next word start holding this character over a mid-word hit, unless it continues a run.
    const next = haystack.indexOf(char, from);
    if (next < 0) return undefined;
    let chosen = next;
    const previous = matches[matches.length - 1];
    if (preferWordStarts && (previous === undefined || next !== previous + 1)) {
      for (let i = next; i < haystack.length; i++) {
        if (haystack[i] === char && isWordStart(haystack, i)) {
          chosen = i;
          break;
        }
      }
    }
    if (previous !== undefined) score -= Math.min(chosen - previous - 1, 20);
    if (isWordStart(haystack, chosen)) score += 15;
    if (previous !== undefined && chosen === previous + 1) score += 10;
    matches.push(chosen);
    from = chosen + 1;
  }
  return { score: score - haystack.length / 100, matches };
}

/** Best `limit` hits, best first; ties alphabetical. An empty query lists items alphabetically. */
export function searchCatalog<T extends SearchItem>(items: readonly T[], query: string, limit = 100): SearchHit<T>[] {
  const hits: SearchHit<T>[] = [];
  for (const item of items) {
    const match = fuzzyMatch(query, item.name);
    if (match) hits.push({ item, score: match.score, matches: match.matches });
  }
  hits.sort((a, b) => b.score - a.score || a.item.name.localeCompare(b.item.name));
  return hits.slice(0, limit);
}
