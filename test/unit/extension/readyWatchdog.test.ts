import assert from 'node:assert/strict';
import { ReadyWatchdog } from '../../../src/extension/util/readyWatchdog';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits (on events, not a fixed time a loaded machine may overrun) until `done` holds. */
async function until(done: () => boolean): Promise<void> {
  while (!done()) await settle(5);
}

describe('ReadyWatchdog (a webview page that never loads is set again, then reported)', () => {
  it('reloads after each wait until the last, then gives up once', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([5, 5, 5], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    await until(() => events.includes('give up'));
    // Nothing is left armed after giving up.
    await settle(30);
    assert.deepEqual(events, ['reload 1', 'reload 2', 'give up']);
  });

  it('does nothing once the page is ready, even after a reload', async () => {
    const events: string[] = [];
    let watchdog: ReadyWatchdog | undefined;
    watchdog = new ReadyWatchdog([5, 5, 5], (attempt) => {
      events.push(`reload ${attempt}`);
      watchdog!.ready();
    }, () => events.push('give up'));
    watchdog.start();
    await until(() => events.length > 0);
    // Longer than every wait left put together, had one been armed.
    await settle(50);
    assert.deepEqual(events, ['reload 1']);
  });

  it('starts counting again when the page is set anew', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([5, 10_000], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    await until(() => events.length === 1);
    watchdog.start();
    await until(() => events.length === 2);
    watchdog.stop();
    assert.deepEqual(events, ['reload 1', 'reload 1']);
  });

  it('stop() cancels the wait', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([5, 5], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    watchdog.stop();
    await settle(40);
    assert.deepEqual(events, []);
  });

  it('resume() after a view-state change goes on waiting: focus moving every few ms does not put the reload off', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([30, 10_000], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    while (events.length === 0) {
      watchdog.resume();
      await settle(2);
    }
    watchdog.stop();
    assert.deepEqual(events, ['reload 1']);
  });

  it('resume() after stop() (the view hidden) waits again from the attempt reached', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([5, 5, 10_000], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    await until(() => events.length === 1);
    watchdog.stop();
    watchdog.resume();
    await until(() => events.length === 2);
    watchdog.stop();
    assert.deepEqual(events, ['reload 1', 'reload 2']);
  });

  it('resume() does nothing once the page is ready or the watchdog gave up', async () => {
    const events: string[] = [];
    const ready = new ReadyWatchdog([5, 5], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    ready.start();
    ready.ready();
    ready.resume();
    const gaveUp = new ReadyWatchdog([5], () => events.push('reload'), () => events.push('gave up'));
    gaveUp.start();
    await until(() => events.includes('gave up'));
    gaveUp.resume();
    await settle(40);
    assert.deepEqual(events, ['gave up']);
  });
});
