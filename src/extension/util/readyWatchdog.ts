/**
 * Reloads a webview that never says it is ready. VS Code sometimes fails to register the service worker a webview loads
 * its resources through (microsoft/vscode#125993, mostly in a browser: code-server, vscode.dev): the page then stays
 * blank and its script never runs. Setting the page again makes VS Code build a fresh frame and try again.
 */
export class ReadyWatchdog {
  private timer?: ReturnType<typeof setTimeout>;
  private reloads = 0;
  /** Ready, or given up on: nothing more to wait for until the page is set anew. */
  private settled = false;

  /**
   * `waitsMs[i]` is how long to wait for the page's ready before reload i + 1; after the last wait `giveUp` is called
   * instead (so n waits allow n - 1 reloads).
   */
  constructor(
    private readonly waitsMs: readonly number[],
    private readonly reload: (attempt: number) => void,
    private readonly giveUp: () => void,
  ) {}

  /** The page was (re)set: wait for its ready from the first wait on. */
  start(): void {
    this.stop();
    this.reloads = 0;
    this.settled = false;
    this.arm();
  }

  /**
   * The view is visible again: wait on from the attempt reached. Not `start()`: VS Code reports a focus change as a view
   * state change too, and restarting the count on each one put the reload off for as long as focus kept moving.
   */
  resume(): void {
    if (this.timer !== undefined || this.settled) return;
    this.arm();
  }

  ready(): void {
    this.stop();
    this.settled = true;
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    const wait = this.waitsMs[this.reloads];
    if (wait === undefined) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.reloads + 1 >= this.waitsMs.length) {
        this.settled = true;
        return this.giveUp();
      }
      this.reloads++;
      // Armed before the reload, so a ready that comes at once stops the new wait.
      this.arm();
      this.reload(this.reloads);
    }, wait);
  }
}
