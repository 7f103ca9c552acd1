// A load generator in a process of its own: a benchmark forks its own bundle with BENCH_ROLE set to
// `loadClientRole` (as client.bench.ts forks its sandbox), sends it a `LoadOrder`, and gets back what
// the client did and the CPU it spent doing it. Apart from the server, the client's CPU is not the
// server's: a load generator sharing the server's thread measures the two together.
import { fork, type ChildProcess } from 'node:child_process';
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';

export const loadClientRole = 'load-client';

export interface LoadOrder {
  /** Request i goes to urls[i % urls.length]. */
  readonly urls: readonly string[];
  readonly headers: Readonly<Record<string, string>>;
  readonly seconds: number;
  readonly concurrency: number;
  /** Every body's length in bytes, when known; a body must match its Content-Length, which it must have when this is not given. */
  readonly bodyBytes?: number;
}

export interface LoadResult {
  readonly done: number;
  readonly ms: number;
  /** The client process's CPU over the run. */
  readonly cpuMs: number;
  readonly bytes: number;
}

interface Target {
  readonly hostname: string;
  readonly port: string;
  readonly path: string;
}

const targetOf = (url: string): Target => {
  const parsed = new URL(url);
  return { hostname: parsed.hostname, port: parsed.port, path: `${parsed.pathname}${parsed.search}` };
};

/** One GET read to its end: the body's length, checked against the status and Content-Length. */
function get(agent: Agent, target: Target, headers: OutgoingHttpHeaders, bodyBytes: number | undefined): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ ...target, agent, headers }, (response) => {
      let bytes = 0;
      response.on('data', (chunk: Buffer) => (bytes += chunk.byteLength));
      response.on('error', reject);
      response.on('end', () => {
        const declared = response.headers['content-length'];
        const expected = bodyBytes ?? (declared === undefined ? undefined : Number(declared));
        if (response.statusCode !== 200) reject(new Error(`${response.statusCode} from ${target.path}`));
        else if (expected === undefined || bytes !== expected || (declared !== undefined && bytes !== Number(declared))) reject(new Error(`${bytes} bytes from ${target.path}, expected ${expected ?? 'a Content-Length'}`));
        else resolve(bytes);
      });
    }).on('error', reject).end();
  });
}

/**
 * Runs `order` in this process. node:http with a keep-alive Agent (one socket per loop) rather than
 * fetch: for the 245 KiB student page fetch (undici) cost the client 2.0–5.1 ms CPU per request,
 * node:http 0.7–1.4 ms (same runs, alternated), and on a 2-core machine the CPU the client spends
 * is CPU the server under test cannot have.
 */
export async function runLoad(order: LoadOrder): Promise<LoadResult> {
  const targets = order.urls.map(targetOf);
  const agent = new Agent({ keepAlive: true, maxSockets: order.concurrency });
  const result = { done: 0, bytes: 0 };
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  const deadline = started + order.seconds * 1000;
  try {
    await Promise.all(Array.from({ length: order.concurrency }, async () => {
      while (performance.now() < deadline) {
        result.bytes = await get(agent, targets[next++ % targets.length]!, order.headers, order.bodyBytes);
        result.done++;
      }
    }));
  } finally {
    agent.destroy();
  }
  const used = process.cpuUsage(cpu);
  return { ...result, ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 };
}

/** This process as the load client: runs each order it is sent and sends back the result. */
export function serveLoad(): void {
  process.on('message', (message: LoadOrder | 'close') => {
    if (message === 'close') process.exit(0);
    runLoad(message).then((result) => process.send!({ result }), (error: unknown) => process.send!({ error: String(error) }));
  });
  process.send!('ready');
}

export interface LoadClient {
  run(order: LoadOrder): Promise<LoadResult>;
  close(): Promise<void>;
}

/** Forks `bundle` (which calls `serveLoad` when BENCH_ROLE is `loadClientRole`) as the load client, once it listens. */
export async function forkLoadClient(bundle: string): Promise<LoadClient> {
  const child: ChildProcess = fork(bundle, [], { env: { ...process.env, BENCH_ROLE: loadClientRole } });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`the load client ended (${code}) before it was ready`)));
  });
  return {
    run: (order) => new Promise((resolve, reject) => {
      const ended = (code: number | null) => reject(new Error(`the load client ended (${code})`));
      child.once('exit', ended);
      child.once('message', (message: { result?: LoadResult; error?: string }) => {
        child.off('exit', ended);
        if (message.result) resolve(message.result);
        else reject(new Error(`load client: ${message.error}`));
      });
      child.send(order);
    }),
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.send('close');
    }),
  };
}
