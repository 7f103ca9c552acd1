import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { prefaultedZeros } from '../../../src/sandbox/data/prefault';

const pageBytes = 4096;
const statPath = `/proc/self/task/${process.pid}/stat`;
/** Minor page faults of the main thread so far (Linux). */
const mainThreadFaults = () => Number(readFileSync(statPath, 'utf8').split(') ')[1]!.split(' ')[7]);
const writeEveryPage = (bytes: Uint8Array) => {
  for (let offset = 0; offset < bytes.length; offset += pageBytes) bytes[offset + 1] = 1;
};

describe('sandbox prefaulted file memory', () => {
  it('keeps every byte written while the helper touches the pages, and zeros elsewhere', async () => {
    const { bytes, touched } = prefaultedZeros(16 * 1024 * 1024);
    // The helper touches the first byte of each page: write exactly those, as it runs.
    for (let offset = 0; offset < bytes.length; offset += pageBytes) bytes[offset] = (offset / pageBytes) % 251 + 1;
    await touched;
    for (let offset = 0; offset < bytes.length; offset += pageBytes) assert.equal(bytes[offset], (offset / pageBytes) % 251 + 1, `byte ${offset}`);
    assert.equal(bytes.subarray(1, pageBytes).every((byte) => byte === 0), true);
    assert.equal(bytes.subarray(bytes.length - pageBytes + 1).every((byte) => byte === 0), true);
  });

  it('has its pages faulted in by another thread, so writing them costs the caller no page faults', async function () {
    if (!existsSync(statPath)) this.skip(); // per-thread fault counts are Linux's
    const length = 32 * 1024 * 1024;
    const pages = length / pageBytes;
    const plain = new Uint8Array(length);
    let before = mainThreadFaults();
    writeEveryPage(plain);
    const plainFaults = mainThreadFaults() - before;
    if (plainFaults < pages * 0.9) this.skip(); // huge pages: fresh memory is not faulted in page by page here
    const { bytes, touched } = prefaultedZeros(length);
    await touched;
    before = mainThreadFaults();
    writeEveryPage(bytes);
    const faults = mainThreadFaults() - before;
    assert.ok(faults < pages * 0.05, `${faults} faults writing ${pages} prefaulted pages (${plainFaults} for fresh ones)`);
  });

  it('runs its helper at the lowest priority on Linux, lowering that thread only and never the process', async function () {
    if (process.platform !== 'linux') this.skip();
    const niceOf = (thread: string) => Number(readFileSync(`/proc/self/task/${thread}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]);
    const before = niceOf(String(process.pid));
    // Large enough that the helper is still touching pages when its threads are read.
    const { bytes, touched } = prefaultedZeros(256 * 1024 * 1024);
    let lowered = false;
    for (let look = 0; look < 200 && !lowered; look++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      lowered = readdirSync('/proc/self/task').some((thread) => niceOf(thread) === 19);
    }
    // The pages are faulted in here, at this thread's priority, so the helper's rest is quick: at nice 19 on a
    // fresh VM (every page backed by the hypervisor on first touch) and a busy core it took over 20 s alone.
    writeEveryPage(bytes);
    await touched;
    assert.ok(lowered, 'a thread of this process ran at nice 19');
    assert.equal(niceOf(String(process.pid)), before, 'the main thread keeps its priority');
  });
});
