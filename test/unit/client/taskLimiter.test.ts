import assert from 'node:assert/strict';
import { TaskLimiter, mapWithLimit } from '../../../src/core/client/taskLimiter';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('TaskLimiter (a bounded number of requests in flight)', () => {
  it('never runs more than its limit at once, and starts the rest in the order they came', async () => {
    const limiter = new TaskLimiter(3);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const results = await Promise.all(Array.from({ length: 20 }, (_, index) => limiter.run(async () => {
      started.push(index);
      most = Math.max(most, ++inFlight);
      for (let wait = 0; wait < 1 + (index % 4); wait++) await tick();
      inFlight--;
      return index * 2;
    })));
    assert.equal(most, 3);
    assert.deepEqual(started, Array.from({ length: 20 }, (_, index) => index));
    assert.deepEqual(results, Array.from({ length: 20 }, (_, index) => index * 2));
  });

  it('frees the slot of a task that failed, and hands its error to its caller only', async () => {
    const limiter = new TaskLimiter(1);
    const failed = limiter.run(() => Promise.reject(new Error('no answer')));
    const next = limiter.run(async () => 'answered');
    await assert.rejects(failed, /no answer/);
    assert.equal(await next, 'answered');
    assert.equal(await limiter.run(async () => 'and the next'), 'and the next');
  });

  it('refuses a limit under 1', () => {
    assert.throws(() => new TaskLimiter(0), /at least 1/);
    assert.throws(() => new TaskLimiter(Number.NaN), /at least 1/);
  });

  it('mapWithLimit keeps the items\' order whatever order the maps end in', async () => {
    let inFlight = 0;
    let most = 0;
    const mapped = await mapWithLimit([5, 1, 4, 2, 3], 2, async (item) => {
      most = Math.max(most, ++inFlight);
      for (let wait = 0; wait < item; wait++) await tick();
      inFlight--;
      return `#${item}`;
    });
    assert.deepEqual(mapped, ['#5', '#1', '#4', '#2', '#3']);
    assert.equal(most, 2);
  });

  it('does not start a waiting task whose signal aborted, and hands its slot on', async () => {
    const limiter = new TaskLimiter(1);
    let release!: () => void;
    const first = limiter.run(() => new Promise<string>((resolve) => (release = () => resolve('first'))));
    const abort = new AbortController();
    let started = false;
    const cancelled = limiter.run(async () => {
      started = true;
      return 'cancelled';
    }, abort.signal);
    const after = limiter.run(async () => 'after');
    abort.abort();
    release();
    assert.equal(await first, 'first');
    await assert.rejects(cancelled, (error: Error) => error.name === 'AbortError');
    assert.equal(started, false);
    assert.equal(await after, 'after');
  });

  it('mapWithLimit starts no map after one failed', async () => {
    const started: number[] = [];
    await assert.rejects(mapWithLimit([1, 2, 3, 4, 5, 6], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 2) throw new Error('no table 2');
      return item;
    }), /no table 2/);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(started, [1, 2, 3]);
  });
});
