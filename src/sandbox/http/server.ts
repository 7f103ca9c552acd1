import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TokenIssuer } from './auth';
import { WriteNotDurableError } from '../data/journal';
import type { FaultInjector } from '../faults';
import { isLoopbackHost } from './loopbackHost';
import type { Router } from './router';
import { errorResponse, type SandboxRequest, type SandboxResponse } from './types';

/** One OAuth client of the sandbox: its tokens, and the routes it sees under its plugin's access. */
export interface SandboxClient {
  readonly tokens: TokenIssuer;
  readonly router: Router;
  /** The plugin's refusal of an authenticated request before routing (the /ws/v1 access level), if any. */
  readonly refuse: (request: Pick<SandboxRequest, 'method' | 'path'>) => SandboxResponse | undefined;
}

export interface ServerParts {
  /** The default client first (it answers requests no client's token claims), then one per installed plugin. */
  readonly clients: readonly [SandboxClient, ...SandboxClient[]];
  readonly faults: FaultInjector;
  readonly latencyMs: number;
  readonly log: (line: string) => void;
  /** Problems shown even without a request log: writes that could not be made durable. */
  readonly warn: (line: string) => void;
  /**
   * Requests that may write (any method but GET and HEAD) are routed once this settles: the district
   * just generated is being saved to the cache from the same memory, and a write before the save
   * is done would make it drop the save.
   */
  readonly writesAfter?: Promise<void>;
}

const maxBodyBytes = 16 * 1024 * 1024;
/** Beyond this many open connections new ones are dropped, so parallel uploads cannot exhaust memory. */
const maxConnections = 64;
const sensitiveParams = /^(access_token|client_secret|token|password)$/i;

class BodyTooLarge extends Error {}

function readBody(request: IncomingMessage): Promise<string> {
  if (Number(request.headers['content-length'] ?? 0) > maxBodyBytes) return Promise.reject(new BodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        reject(new BodyTooLarge());
        request.resume();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/** The request target as logged: query values of sensitive names are masked. */
function loggedTarget(url: URL): string {
  const query = [...url.searchParams].map(([key, value]) => `${key}=${sensitiveParams.test(key) ? '***' : value}`).join('&');
  return query ? `${url.pathname}?${query}` : url.pathname;
}

/** Resolves after `ms`, or at once when the server closes (so close() never waits on latency). */
function wait(ms: number, closing: AbortSignal): Promise<void> {
  if (ms <= 0 || closing.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      closing.removeEventListener('abort', done);
      resolve();
    }
    closing.addEventListener('abort', done, { once: true });
  });
}

/** What is sent: text, or serialized parts; a malformed fault cuts the text in half (invalid JSON). */
function bodyOf(result: SandboxResponse & { malformed?: boolean }): string | readonly Uint8Array[] {
  if (result.parts && !result.malformed) return result.parts;
  const text = result.text ?? (result.parts ? Buffer.concat(result.parts).toString('utf8') : result.json === undefined ? '' : JSON.stringify(result.json));
  return result.malformed && text.length > 0 ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
}

/** Sends the body; parts go out corked, so the socket writes them together without joining them first. */
function send(response: ServerResponse, body: string | readonly Uint8Array[] | undefined): void {
  if (body === undefined || typeof body === 'string') {
    response.end(body);
    return;
  }
  response.cork();
  for (const part of body) response.write(part);
  response.uncork();
  response.end();
}

export interface RunningServer {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** The HTTP front: latency, OAuth, auth check, faults, routing, one log line per request. */
export async function listen(parts: ServerParts, port: number): Promise<RunningServer> {
  const closing = new AbortController();

  async function respond(request: IncomingMessage, url: URL): Promise<SandboxResponse & { malformed?: boolean }> {
    const host = request.headers.host;
    if (!isLoopbackHost(host)) {
      return errorResponse(421, `Host '${host}' is not a loopback name: the sandbox answers only to 127.0.0.1, localhost or [::1] (any port), so web pages cannot reach it through their own names`);
    }
    await wait(parts.faults.delay(parts.latencyMs), closing.signal);
    if (closing.signal.aborted) return errorResponse(503, 'Sandbox is shutting down');
    const path = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const base = { method: request.method ?? 'GET', path, query: url.searchParams, headers: request.headers, params: {} };
    // Credentials are checked before the body is read: an unauthenticated upload costs no memory.
    const withBody = async (answer: (body: string) => SandboxResponse | Promise<SandboxResponse>): Promise<SandboxResponse> => {
      let body: string;
      try {
        body = await readBody(request);
      } catch (error) {
        if (error instanceof BodyTooLarge) return errorResponse(413, `Request body larger than ${maxBodyBytes} bytes`);
        throw error;
      }
      return answer(body);
    };
    if (/^\/oauth\/access_token$/i.test(path)) {
      if (base.method !== 'POST') return errorResponse(405, `Method ${base.method} is not allowed on ${path}`, undefined, { Allow: 'POST' });
      const client = parts.clients.find((candidate) => candidate.tokens.refuseClient(request.headers) === undefined);
      return client ? withBody((body) => client.tokens.issue({ ...base, body })) : parts.clients[0].tokens.refuseClient(request.headers)!;
    }
    if (!/^\/ws(\/|$)/i.test(path) && !/^\/ws$/i.test(path)) return errorResponse(404, `No resource at ${path}`);
    // Faults hit /ws only, so a client can always obtain a token; they count every /ws call.
    const fault = parts.faults.next();
    if (fault?.kind === 'status') {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
      const message = fault.status === 429 ? 'Too many requests' : fault.status === 503 ? 'Service unavailable' : 'Internal server error';
      return errorResponse(fault.status, `${message} (sandbox fault)`, undefined, headers);
    }
    const client = parts.clients.find((candidate) => candidate.tokens.issued(request.headers)) ?? parts.clients[0];
    if (!/^\/ws\/v1\/time$/i.test(path)) {
      const denied = client.tokens.check(request.headers);
      if (denied) return denied;
    }
    const refused = client.refuse(base);
    if (refused) return refused;
    if (parts.writesAfter && base.method !== 'GET' && base.method !== 'HEAD') await parts.writesAfter;
    const response = await withBody((body) => client.router.handle({ ...base, body }));
    return fault?.kind === 'malformed' ? { ...response, malformed: true } : response;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const started = performance.now();
    let url: URL;
    try {
      url = new URL(request.url ?? '/', 'http://127.0.0.1');
    } catch {
      url = new URL('http://127.0.0.1/');
    }
    let result: SandboxResponse & { malformed?: boolean };
    let failure = '';
    try {
      result = await respond(request, url);
    } catch (error) {
      failure = ` error: ${error instanceof Error ? error.message : String(error)}`;
      if (error instanceof WriteNotDurableError) {
        parts.warn(`error: ${error.message}; the write was refused (500)`);
        result = errorResponse(500, `${error.message}. The write was not made.`);
      } else {
        result = errorResponse(500, 'Internal sandbox error');
      }
    }
    const body = bodyOf(result);
    const headers: Record<string, string | number> = { ...result.headers };
    if (result.json !== undefined) headers['Content-Type'] = 'application/json;charset=UTF-8';
    headers['Content-Length'] = typeof body === 'string' ? Buffer.byteLength(body) : body.reduce((sum, part) => sum + part.byteLength, 0);
    // A body left unread (refused before reading) is not drained: the connection ends with the answer.
    if (!request.complete) headers.Connection = 'close';
    if (!response.headersSent && !response.destroyed) {
      response.writeHead(result.status, headers);
      send(response, request.method === 'HEAD' ? undefined : body);
    }
    parts.log(`${request.method ?? '?'} ${loggedTarget(url)} ${result.status} ${Math.round(performance.now() - started)}ms${result.malformed ? ' (malformed)' : ''}${failure}`);
  }

  const server = createServer((request, response) => void handle(request, response));
  server.keepAliveTimeout = 5000;
  server.maxConnections = maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => {
      closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
