/**
 * Writes still under way when their owner is disposed (catalog snapshots, response history):
 * deactivate() waits for them, so shutting VS Code down loses nothing already answered.
 */
export class PendingWork {
  private readonly pending = new Set<Promise<void>>();

  add(work: Promise<unknown>): void {
    // A failure was the owner's to report; waiting must never fail.
    const settled: Promise<void> = work.then(
      () => undefined,
      () => undefined,
    );
    this.pending.add(settled);
    void settled.then(() => this.pending.delete(settled));
  }

  /** Resolves once everything added, including what is added while waiting, has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
