/** Bump when the stored value shapes change: an older snapshot is then ignored, never misread. */
export const snapshotVersion = 1;

export interface CacheEntry {
  readonly fetchedAt: number;
  readonly value: unknown;
}

/** What a host persists (e.g. as JSON in VS Code's global storage) and hands back next time. */
export interface CatalogSnapshot {
  readonly version: number;
  /** Which server the entries came from; a snapshot of another server is ignored. */
  readonly identity: string;
  readonly savedAt: number;
  readonly entries: Readonly<Record<string, CacheEntry>>;
}

function isSnapshot(value: unknown): value is CatalogSnapshot {
  if (!value || typeof value !== 'object') return false;
  const candidate = value as Partial<CatalogSnapshot>;
  return candidate.version === snapshotVersion && typeof candidate.identity === 'string' && !!candidate.entries && typeof candidate.entries === 'object';
}

/** Fetched catalog parts by key, in memory; seeded from and exported to a serialisable snapshot. */
export class CatalogCache {
  private readonly entries = new Map<string, CacheEntry>();

  /** `snapshot` may be anything read from disk: a wrong version or another server's snapshot is ignored. */
  constructor(readonly identity: string, snapshot?: unknown) {
    if (isSnapshot(snapshot) && snapshot.identity === identity) {
      for (const [key, entry] of Object.entries(snapshot.entries)) {
        if (entry && typeof entry === 'object' && typeof entry.fetchedAt === 'number' && 'value' in entry) this.entries.set(key, entry);
      }
    }
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, value: unknown, fetchedAt: number): void {
    this.entries.set(key, { fetchedAt, value });
  }

  /** Drops `key` and every key under it (`tables` also drops `tables/…`); no key drops everything. Returns how many went. */
  delete(key?: string): number {
    if (key === undefined) {
      const count = this.entries.size;
      this.entries.clear();
      return count;
    }
    let count = 0;
    for (const existing of [...this.entries.keys()]) {
      if (existing === key || existing.startsWith(`${key}/`)) {
        this.entries.delete(existing);
        count++;
      }
    }
    return count;
  }

  snapshot(savedAt: number): CatalogSnapshot {
    return { version: snapshotVersion, identity: this.identity, savedAt, entries: Object.fromEntries(this.entries) };
  }
}
