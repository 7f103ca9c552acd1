import { Worker } from 'node:worker_threads';

/** Zeroed bytes, and when the helper thread is done touching their pages. */
export interface PrefaultedZeros {
  readonly bytes: Uint8Array;
  /** Settles when every page has been touched (or the helper could not run: the bytes work the same). */
  readonly touched: Promise<void>;
}

// Adds 0 to one byte of every page: a write (so the page is faulted in writable) that leaves the
// byte as it was, atomically, even when the main thread writes the same byte at the same moment.
const touchEveryPage = `
const { workerData } = require('node:worker_threads');
// The lowest priority, so the helper takes only a core SQLite is not using. Only on Linux, where it names the
// calling thread; elsewhere it would lower the whole process (the extension host).
if (process.platform === 'linux') try { require('node:os').setPriority(19); } catch {}
const bytes = new Uint8Array(workerData);
for (let offset = 0; offset < bytes.length; offset += 4096) Atomics.add(bytes, offset, 0);
`;

/**
 * Zeroed memory whose pages a helper thread faults in from the front while the caller fills it.
 * The first write to each 4 KiB page of fresh memory is a page fault, and on the small VMs this runs
 * on each one costs about 16 µs (the hypervisor backs the page): 40,000 faults, 0.6 s of CPU, for the
 * file of a 100,000-student district. Taken on the other core, they overlap SQLite's work instead of
 * stalling it.
 */
export function prefaultedZeros(length: number): PrefaultedZeros {
  // A host without shared memory or threads gets plain memory, faulted in where it is first written.
  if (typeof SharedArrayBuffer !== 'function') return { bytes: new Uint8Array(length), touched: Promise.resolve() };
  const buffer = new SharedArrayBuffer(length);
  let helper: Worker;
  try {
    helper = new Worker(touchEveryPage, { eval: true, workerData: buffer });
  } catch {
    return { bytes: new Uint8Array(buffer), touched: Promise.resolve() };
  }
  helper.unref(); // never what keeps a process alive
  const touched = new Promise<void>((resolve) => {
    helper.once('error', () => resolve());
    helper.once('exit', () => resolve());
  });
  return { bytes: new Uint8Array(buffer), touched };
}
