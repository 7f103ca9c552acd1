/**
 * Serialized records (UTF-8 JSON) kept per record id and rendering variant, least recently used
 * dropped first once the kept bytes pass `maxBytes`. It holds only what a renderer produced from
 * the rows as they stand: the owner must call `forget` for every record a write touches (see
 * `SqlStore.onRowChange`) and `clear` when a write touches rows many records read.
 */
export class FragmentCache {
  /**
   * variant → record id → part. A Map iterates in insertion order and a part is re-inserted when
   * used, so each variant's first entry is its least recently used; `used` orders them across variants.
   */
  private readonly variants = new Map<string, Map<number, { part: Uint8Array; used: number }>>();
  private bytes = 0;
  private clock = 0;

  constructor(private readonly maxBytes: number) {}

  /** The parts of `ids` in `variant`, rendering (and keeping) those not kept through `render`. */
  parts(variant: string, ids: readonly number[], render: (missing: readonly number[]) => ReadonlyMap<number, Uint8Array>): Uint8Array[] {
    let kept = this.variants.get(variant);
    if (!kept) this.variants.set(variant, (kept = new Map()));
    const found = ids.map((id) => {
      const entry = kept.get(id);
      if (entry === undefined) return undefined;
      kept.delete(id);
      kept.set(id, { part: entry.part, used: ++this.clock });
      return entry.part;
    });
    const missing = ids.filter((_, index) => found[index] === undefined);
    if (missing.length === 0) return found as Uint8Array[];
    const rendered = render(missing);
    const parts = ids.map((id, index) => {
      const known = found[index];
      if (known !== undefined) return known;
      const fresh = rendered.get(id);
      if (fresh === undefined) throw new Error(`the renderer left out record ${id}`);
      this.keep(kept, id, fresh);
      return fresh;
    });
    this.evict();
    return parts;
  }

  /** Drops every variant of record `id`. */
  forget(id: number): void {
    for (const byId of this.variants.values()) {
      const entry = byId.get(id);
      if (entry === undefined) continue;
      byId.delete(id);
      this.bytes -= entry.part.byteLength;
    }
  }

  clear(): void {
    this.variants.clear();
    this.bytes = 0;
  }

  /** Bytes kept (for tests and benchmarks). */
  get size(): number {
    return this.bytes;
  }

  private keep(byId: Map<number, { part: Uint8Array; used: number }>, id: number, part: Uint8Array): void {
    const previous = byId.get(id);
    if (previous !== undefined) this.bytes -= previous.part.byteLength;
    byId.delete(id);
    byId.set(id, { part, used: ++this.clock });
    this.bytes += part.byteLength;
  }

  /** Drops least recently used parts, across variants, until the kept bytes fit again. */
  private evict(): void {
    while (this.bytes > this.maxBytes) {
      let oldest: Map<number, { part: Uint8Array; used: number }> | undefined;
      let oldestUsed = Infinity;
      for (const byId of this.variants.values()) {
        const first = byId.values().next();
        if (!first.done && first.value.used < oldestUsed) {
          oldest = byId;
          oldestUsed = first.value.used;
        }
      }
      if (!oldest) return;
      const [id, entry] = oldest.entries().next().value!;
      oldest.delete(id);
      this.bytes -= entry.part.byteLength;
    }
  }
}
