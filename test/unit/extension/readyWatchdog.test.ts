import assert from 'node:assert/strict';
import { ReadyWatchdog } from '../../../src/extension/util/readyWatchdog';

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ReadyWatchdog (a webview page that never loads is set again, then reported)', () => {
  it('reloads after each wait until the last, then gives up once', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([5, 5, 5], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    await settle(100);
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
    await settle(100);
    assert.deepEqual(events, ['reload 1']);
  });

  it('starts counting again when the page is set anew, and stop() cancels the wait', async () => {
    const events: string[] = [];
    const watchdog = new ReadyWatchdog([5, 40], (attempt) => events.push(`reload ${attempt}`), () => events.push('give up'));
    watchdog.start();
    await settle(20);
    watchdog.start();
    await settle(20);
    watchdog.stop();
    await settle(60);
    assert.deepEqual(events, ['reload 1', 'reload 1']);
  });
});
