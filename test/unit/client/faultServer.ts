// A scriptable HTTP server on 127.0.0.1 for client tests: each request is answered by a handler
// the test writes, and every request (headers, body) is recorded for assertions.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * What to answer: a response (after an optional delay; a Buffer body is sent as its bytes), never
 * to answer, to cut the connection, to stall half-way through the body, or a JSON body that never
 * ends (written as fast as the client reads).
 */
export type Reply = { status?: number; headers?: Record<string, string>; body?: unknown; delayMs?: number } | 'hang' | 'destroy' | 'stall' | 'endless';

export type Handler = (request: SeenRequest, index: number) => Reply | Promise<Reply>;

export interface FaultServer {
  readonly url: string;
  readonly requests: SeenRequest[];
  /** Requests the client dropped before the answer was complete. */
  readonly dropped: () => number;
  readonly inFlight: () => number;
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

export async function startFaultServer(handler: Handler): Promise<FaultServer> {
  const requests: SeenRequest[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let dropped = 0;
  const timers = new Set<NodeJS.Timeout>();

  const send = (res: ServerResponse, reply: Exclude<Reply, 'hang' | 'destroy' | 'stall' | 'endless'>) => {
    const text = reply.body === undefined ? '' : typeof reply.body === 'string' || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body);
    const type = typeof reply.body === 'string' || Buffer.isBuffer(reply.body) || reply.body === undefined ? 'text/plain' : 'application/json';
    res.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
    res.end(text);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const seen: SeenRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      const index = requests.push(seen) - 1;
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      let finished = false;
      res.on('close', () => {
        if (!res.writableFinished) dropped++;
        if (!finished) inFlight--;
        finished = true;
      });
      const reply = await handler(seen, index);
      if (reply === 'hang') return;
      if (reply === 'destroy') return void req.socket.destroy();
      if (reply === 'stall') {
        res.writeHead(200, { 'content-type': 'application/json' });
        return void res.write('{"students":{"student":[');
      }
      if (reply === 'endless') {
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.from('{"id":1},'.repeat(7000));
        const more = () => {
          while (!res.destroyed && res.write(chunk));
          if (!res.destroyed) res.once('drain', more);
        };
        res.write('[');
        return more();
      }
      if (!reply.delayMs) return send(res, reply);
      const timer = setTimeout(() => {
        timers.delete(timer);
        if (!res.destroyed) send(res, reply);
      }, reply.delayMs);
      timers.add(timer);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    dropped: () => dropped,
    inFlight: () => inFlight,
    maxInFlight: () => maxInFlight,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The token endpoint's documented answer (expires_in is a string). */
export function tokenReply(token: string, expiresIn = '1814654'): Reply {
  return { body: { access_token: token, token_type: 'Bearer', expires_in: expiresIn } };
}

/** PowerSchool's answer to an expired or revoked token. */
export const invalidTokenReply: Reply = {
  status: 401,
  headers: { 'www-authenticate': 'Bearer error="invalid_token",realm="PowerSchool",error_description="The access token has expired"' },
};

export const isTokenRequest = (request: SeenRequest) => request.path === '/oauth/access_token';
